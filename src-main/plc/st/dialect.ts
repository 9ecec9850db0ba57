/** The ST dialects the language core reads; a site's platform picks one. */
export type Dialect = 'iec' | 'codesys' | 'twincat' | 'scl' | 'openplc';

export const DIALECTS: readonly Dialect[] = ['iec', 'codesys', 'twincat', 'scl', 'openplc'];

export function dialectForPlatform(platform: string): Dialect {
  switch (platform) {
    case 'tia':
      return 'scl';
    case 'twincat':
      return 'twincat';
    case 'openplc':
      return 'openplc';
    case 'codesys':
    case 'studio5000':
      return 'codesys';
    default:
      return 'iec';
  }
}

/** CODESYS-family dialects share the object-oriented extensions, S=/R= and pointer syntax. */
export function isCodesysFamily(d: Dialect): boolean {
  return d === 'codesys' || d === 'twincat';
}

/**
 * The inputs the fuzz suite feeds to every reader: which reader, the path it is read under (the extension picks
 * the format), the exact bytes, and how the input was made so a failure can be reproduced from its message.
 * Pure data: nothing here reads files or runs a reader.
 */

/** Every reader of user files: the language core's formats, IL (inside PLCopen), site.yaml and scenarios. */
export const FUZZ_READERS = ['st', 'scl', 'il', 'twincat', 'plcopen', 'l5x', 'l5k', 'site-yaml', 'scenario'] as const;
export type FuzzReader = (typeof FUZZ_READERS)[number];

/** A well-formed file a reader accepts, the seed of mutations. */
export interface FuzzSample {
  reader: FuzzReader;
  path: string;
  text: string;
}

export interface FuzzInput {
  reader: FuzzReader;
  path: string;
  bytes: Uint8Array;
  /** What made it, e.g. `mutate(seed=7: delete@120+3, splice@40 "]]>") of conveyor-line-1/src/Main.st`. */
  how: string;
}

/** The file name each reader's generated inputs are read under. */
export function readerPath(reader: FuzzReader, stem: string): string {
  switch (reader) {
    case 'st':
      return `${stem}.st`;
    case 'scl':
      return `${stem}.scl`;
    case 'il':
    case 'plcopen':
      return `${stem}.xml`;
    case 'twincat':
      return `${stem}.TcPOU`;
    case 'l5x':
      return `${stem}.L5X`;
    case 'l5k':
      return `${stem}.L5K`;
    case 'site-yaml':
      return 'site.yaml';
    case 'scenario':
      return `${stem}.yaml`;
  }
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

import type { SimValue, SimVariable } from './sim-types.js';

/** A located %I address is an input whatever kind the declaration gave it: the field writes it, not the program. */
export function isInput(v: SimVariable): boolean {
  return v.kind === 'input' || (v.address?.toUpperCase().startsWith('%I') ?? false);
}

/** A located %Q address is an output: it drives a wire whatever kind the declaration gave it. */
export function isOutput(v: SimVariable): boolean {
  return v.kind === 'output' || (v.address?.toUpperCase().startsWith('%Q') ?? false);
}

/** Finds a variable by path or located address, ignoring case as IEC does. */
export function variableIndex(vars: SimVariable[]): (name: string) => SimVariable | null {
  const byName = new Map<string, SimVariable>();
  for (const v of vars) {
    byName.set(v.path.toLowerCase(), v);
    if (v.address) byName.set(v.address.toLowerCase(), v);
  }
  return (name) => byName.get(name.toLowerCase()) ?? null;
}

/** A type for a name the program reads but does not list (an address alias, say), from its value. */
export function typeOfValue(v: SimValue): string {
  return typeof v === 'boolean' ? 'BOOL' : typeof v === 'bigint' ? 'LINT' : typeof v === 'string' ? 'STRING' : Number.isInteger(v) ? 'DINT' : 'LREAL';
}

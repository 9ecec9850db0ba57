import type { InputSequence } from './input-sequences.js';
import type { Scenario } from './scenario.js';
import { toSimValue } from './scenario-values.js';
import type { SimProgram, SimValue, SimVariable } from './sim-types.js';
import { isInput, isOutput, typeOfValue, variableIndex } from './variable-lookup.js';

/**
 * hazardous: one of the site's hazardous outputs; output: anything else that leaves the program (a %Q address, a
 * global the program writes, or a name the caller asked for); internal: a POU's own state, which a refactoring
 * is free to change and which therefore never makes two versions differ.
 */
export type SignalClass = 'hazardous' | 'output' | 'internal';

export interface Pair {
  before: SimVariable | { path: string; type: string };
  after: string;
  signal: SignalClass;
  /** A hazardous output the recipe declares it may change: still compared, so the change is never unseen. */
  declared: boolean;
}

export interface LostOutput {
  /** Before version's name. */
  variable: string;
  hazardous: boolean;
  message: string;
}

export interface PairContext {
  before: SimProgram;
  bVars: SimVariable[];
  afterOf: (beforePath: string) => string | null;
  isAllowed: (b: string, a: string) => boolean;
  isHazardous: (b: string, a: string) => boolean;
}

export interface PairSelection {
  pairs: Pair[];
  lost: LostOutput[];
  problems: string[];
}

/**
 * Default: every output (kind output or a %Q address), every hazardous output, and every other non-input
 * variable both versions share as an internal one. SimVariable has no "written by the program" flag, so every
 * non-input variable stands in for that; one nobody writes keeps its initial value in both versions.
 * Allowed differences are left out, except hazardous outputs (see `Pair.declared`).
 */
export function comparedPairs(c: PairContext, explicit: string[] | undefined): PairSelection {
  const out: PairSelection = { pairs: [], lost: [], problems: [] };
  const find = variableIndex(c.bVars);
  const add = (before: Pair['before'], after: string, output: boolean): void => {
    const hazardous = c.isHazardous(before.path, after);
    const allowed = c.isAllowed(before.path, after);
    if (allowed && !hazardous) return;
    out.pairs.push({ before, after, signal: hazardous ? 'hazardous' : output ? 'output' : 'internal', declared: allowed });
  };
  if (explicit) {
    for (const name of explicit) {
      const b = find(name);
      let type = b?.type ?? null;
      if (!b) {
        try {
          type = typeOfValue(c.before.get(name));
        } catch {
          out.problems.push(`compared variable ${name} is not in the before version`);
          continue;
        }
      }
      const a = c.afterOf(b?.path ?? name);
      if (!a) out.problems.push(`compared variable ${name} is not in the after version (add it to the rename map if it was renamed)`);
      else add(b ?? { path: name, type: type! }, a, true);
    }
    return out;
  }
  for (const v of c.bVars) {
    if (isInput(v)) continue;
    const a = c.afterOf(v.path);
    if (a) {
      add(v, a, isOutput(v));
      continue;
    }
    const hazardous = c.isHazardous(v.path, v.path);
    // A wire that loses its signal; a hazardous one does even when declared, since its contactor would never switch.
    if (hazardous || (isOutput(v) && !c.isAllowed(v.path, v.path))) {
      out.lost.push({ variable: v.path, hazardous, message: `${hazardous ? 'hazardous output' : 'output'} ${v.path} is not in the after version (add it to the rename map if it was renamed)` });
    }
  }
  return out;
}

/** A scenario's `set` steps as writes at their scans; a note instead when it names something unknown. */
export function scenarioSequence(s: Scenario, before: SimProgram, find: (n: string) => SimVariable | null, tail: number): InputSequence | string {
  const writes = new Map<number, Map<string, SimValue>>();
  for (const step of s.steps) {
    const scan = Math.round(step.atMs / before.cycleMs);
    for (const [name, raw] of step.set) {
      const v = find(name);
      if (!v) return `scenario ${s.file} not replayed: ${name} is not a variable of the before version`;
      const converted = toSimValue(raw, v.type, before.get(v.path));
      if ('problem' in converted) return `scenario ${s.file} not replayed: ${name}: ${converted.problem}`;
      if (!writes.has(scan)) writes.set(scan, new Map());
      writes.get(scan)!.set(v.path, converted.value);
    }
  }
  const last = Math.round((s.steps[s.steps.length - 1]?.atMs ?? 0) / before.cycleMs);
  return { name: `scenario ${s.name}`, scans: last + 1 + tail, writes };
}

/** Traces are kept by sequence name, so two scenarios that share a name must not share a trace. */
export function uniqueNames(sequences: InputSequence[]): InputSequence[] {
  const seen = new Map<string, number>();
  return sequences.map((s) => {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    return n === 1 ? s : { ...s, name: `${s.name} (${n})` };
  });
}

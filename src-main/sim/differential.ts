import { boundarySequences, randomSequences, type InputSequence, type InputSignal } from './input-sequences.js';
import { formatMs, type Scenario } from './scenario.js';
import { sameValue, toSimValue } from './scenario-values.js';
import type { SimFault, SimProgram, SimValue, SimVariable } from './sim-types.js';
import { TraceRecorder, type Trace, type TraceVariable } from './trace.js';
import { isInput, isOutput, typeOfValue, variableIndex } from './variable-lookup.js';

export interface DifferentialOptions {
  /** Variables compared every scan, by their name in the before version. Default: see `comparedPairs`. */
  outputs?: string[];
  /** Renames the change made, old name -> new name (case-insensitive), for inputs and compared variables. */
  rename?: Record<string, string> | Map<string, string>;
  /** Variables the recipe declares may behave differently (either version's name); never compared. */
  allowedDifferences?: string[];
  /** The site's scenarios: their `set` steps are replayed; their `expect`s are not checked here. */
  scenarios?: Scenario[];
  randomSequences?: number;
  /** Scans per random sequence. */
  randomLength?: number;
  seed?: number;
  /** Toggle, hold and min/max sequences (default on). */
  boundary?: boolean;
  toggleScans?: number;
  holdScans?: number;
  /** Scans run after a scenario's last step, so late effects (timers) are compared too. */
  scenarioTailScans?: number;
  /** Refuse a run larger than this many scans per version in all. */
  maxTotalScans?: number;
}

export interface Divergence {
  sequence: string;
  /** 0-based scan since the sequence's cold start; the scan ran at `timeMs`. */
  scan: number;
  timeMs: number;
  /** Before version's name (or `(fault)`); `afterVariable` is its name in the after version. */
  variable: string;
  afterVariable: string;
  before: SimValue | null;
  after: SimValue | null;
  /** Inputs written just before this scan (before version's names). */
  inputsApplied: Record<string, SimValue>;
  /** Every input's value during this scan. */
  inputState: Record<string, SimValue>;
  /** Other compared variables that differ at the same scan. */
  alsoDiffering: string[];
}

export interface DifferentialResult {
  equivalent: boolean;
  sequencesRun: number;
  scansRun: number;
  /** Before-version names of the variables compared. */
  compared: string[];
  /** Reasons the versions could not be compared, or an output that only one version has; each makes it fail. */
  problems: string[];
  /** Things worth knowing that do not fail the comparison (an input only one version reads, ...). */
  notes: string[];
  firstDivergence: Divergence | null;
  /** Inputs and compared variables over the diverging sequence only (null when equivalent). */
  beforeTrace: Trace | null;
  afterTrace: Trace | null;
}

interface Pair {
  before: SimVariable | { path: string; type: string };
  after: string;
}

function describeFault(f: SimFault | null): string | null {
  return f ? `${f.kind} fault in ${f.pou} line ${f.line}: ${f.message}` : null;
}

/**
 * Runs two versions of a site on the same input sequences and compares the chosen variables after every scan.
 * Sequences run in a fixed order (scenarios, boundary, random) from a cold start each, and the run stops at the
 * first divergence, so the reported one is the earliest a reviewer can reproduce with the same seed.
 */
export function compareVersions(before: SimProgram, after: SimProgram, options: DifferentialOptions = {}): DifferentialResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const rename = new Map([...(options.rename instanceof Map ? options.rename : Object.entries(options.rename ?? {}))].map(([k, v]) => [k.toLowerCase(), v]));
  const renamed = (p: string): string => rename.get(p.toLowerCase()) ?? p;
  const result = (extra: Partial<DifferentialResult>): DifferentialResult => ({
    equivalent: false, sequencesRun: 0, scansRun: 0, compared: [], problems, notes, firstDivergence: null, beforeTrace: null, afterTrace: null, ...extra,
  });
  if (Math.abs(before.cycleMs - after.cycleMs) > 1e-9 * before.cycleMs) {
    problems.push(`the cycle changed from ${formatMs(before.cycleMs)} to ${formatMs(after.cycleMs)}: scans cannot be compared one to one`);
    return result({});
  }
  before.restart('cold');
  after.restart('cold');
  const bVars = before.variables();
  const aVars = after.variables();
  const aFind = variableIndex(aVars);
  const bFind = variableIndex(bVars);
  const allowed = new Set((options.allowedDifferences ?? []).map((n) => n.toLowerCase()));
  const isAllowed = (b: string, a: string): boolean => allowed.has(b.toLowerCase()) || allowed.has(a.toLowerCase());

  // Inputs: driven in both versions under their own names; one only one version has is noted, not driven there.
  const inputs: InputSignal[] = [];
  const inputAfter = new Map<string, string | null>();
  for (const v of bVars.filter(isInput)) {
    inputs.push({ path: v.path, type: v.type, baseline: before.get(v.path) });
    const a = aFind(renamed(v.path));
    inputAfter.set(v.path, a?.path ?? null);
    if (!a) notes.push(`input ${v.path} is not in the after version: only the before version receives it`);
  }
  const drivenAfter = new Set([...inputAfter.values()].filter((p): p is string => p !== null).map((p) => p.toLowerCase()));
  for (const v of aVars.filter((x) => isInput(x) && !drivenAfter.has(x.path.toLowerCase()))) {
    notes.push(`input ${v.path} is new in the after version: it stays at its initial value`);
  }

  // Where a write goes in the after version: inputs as resolved above, anything else a scenario sets by rename.
  const afterPath = (p: string): string | null => (inputAfter.has(p) ? inputAfter.get(p)! : (aFind(renamed(p))?.path ?? null));
  for (const name of allowed) {
    if (!bFind(name) && !aFind(name)) notes.push(`allowed difference ${name} names no variable of either version`);
  }

  const pairs = comparedPairs(before, bVars, options.outputs, (p) => aFind(renamed(p))?.path ?? null, isAllowed, problems, notes);
  if (problems.length) return result({ compared: pairs.map((p) => p.before.path) });
  if (!options.outputs) {
    const counterparts = new Set(bVars.map((v) => aFind(renamed(v.path))?.path.toLowerCase()));
    for (const v of aVars) {
      if (!isInput(v) && !counterparts.has(v.path.toLowerCase())) notes.push(`${v.path} is only in the after version: not compared`);
    }
  }

  // What inputs hold after a cold start before anything is written (a scenario may leave some unwritten).
  const initial = inputs.map((i) => [i.path, i.baseline] as const);

  // Baseline: the power-up inputs of the first scenario (at 0 ms) over the initial values, because safety
  // inputs are normally-closed and an all-FALSE start would leave most of the logic unreachable.
  const first = options.scenarios?.[0]?.steps[0];
  if (first && first.atMs === 0) {
    for (const i of inputs) {
      const entry = [...first.set].find(([k]) => bFind(k)?.path === i.path);
      if (!entry) continue;
      const v = toSimValue(entry[1], i.type, i.baseline);
      if ('value' in v) i.baseline = v.value;
    }
  }

  const sequences: InputSequence[] = [];
  for (const s of options.scenarios ?? []) {
    const seq = scenarioSequence(s, before, bFind, options.scenarioTailScans ?? 100);
    if (typeof seq === 'string') notes.push(seq);
    else sequences.push(seq);
  }
  if (options.boundary ?? true) sequences.push(...boundarySequences(inputs, { toggleScans: options.toggleScans ?? 20, holdScans: options.holdScans ?? 500 }));
  sequences.push(...randomSequences(inputs, options.randomSequences ?? 20, options.randomLength ?? 500, options.seed ?? 1));
  const total = sequences.reduce((n, s) => n + s.scans, 0);
  const maxTotal = options.maxTotalScans ?? 5_000_000;
  if (total > maxTotal) {
    problems.push(`the sequences need ${total} scans per version, more than the ${maxTotal} allowed; use fewer or shorter random sequences`);
    return result({ compared: pairs.map((p) => p.before.path) });
  }

  const traceB: TraceVariable[] = [...inputs.map((i) => ({ path: i.path, type: i.type })), ...pairs.map((p) => ({ path: p.before.path, type: p.before.type }))];
  const traceA: TraceVariable[] = [
    ...inputs.flatMap((i) => (inputAfter.get(i.path) ? [{ path: inputAfter.get(i.path)!, type: i.type }] : [])),
    ...pairs.map((p) => ({ path: p.after, type: aFind(p.after)?.type ?? p.before.type })),
  ];
  let scansRun = 0;
  let sequencesRun = 0;
  for (const seq of sequences) {
    before.restart('cold');
    after.restart('cold');
    const recB = new TraceRecorder(before, traceB);
    const recA = new TraceRecorder(after, traceA);
    const state = new Map<string, SimValue>(initial);
    sequencesRun++;
    for (let s = 0; s < seq.scans; s++) {
      const writes = seq.writes.get(s) ?? new Map<string, SimValue>();
      for (const [path, v] of writes) {
        state.set(path, v);
        before.set(path, v);
        const a = afterPath(path);
        if (a) after.set(a, v);
      }
      const timeMs = before.timeMs;
      before.scan();
      after.scan();
      scansRun++;
      recB.sample(timeMs);
      recA.sample(timeMs);
      const diverge = (variable: string, afterVariable: string, b: SimValue | null, a: SimValue | null, also: string[]): DifferentialResult =>
        result({
          sequencesRun, scansRun, compared: pairs.map((p) => p.before.path), beforeTrace: recB.trace, afterTrace: recA.trace,
          firstDivergence: { sequence: seq.name, scan: s, timeMs, variable, afterVariable, before: b, after: a, inputsApplied: Object.fromEntries(writes), inputState: Object.fromEntries(state), alsoDiffering: also },
        });
      const fb = before.fault;
      const fa = after.fault;
      if (fb || fa) {
        // The same kind of fault on the same scan is the same behaviour (a refactoring may move its line).
        if (fb && fa && fb.kind === fa.kind) break;
        return diverge('(fault)', '(fault)', describeFault(fb), describeFault(fa), []);
      }
      const differing = pairs.filter((p) => !sameValue(before.get(p.before.path), after.get(p.after)));
      if (differing.length) {
        const p = differing[0]!;
        return diverge(p.before.path, p.after, before.get(p.before.path), after.get(p.after), differing.slice(1).map((d) => d.before.path));
      }
    }
  }
  return result({ equivalent: true, sequencesRun, scansRun, compared: pairs.map((p) => p.before.path) });
}

/**
 * Default: every output (kind output or a %Q address) and every other non-input variable both versions share.
 * An output the after version lacks is a problem (a wire would lose its signal) unless declared allowed.
 * SimVariable has no "written by the program" flag, so every non-input variable stands in for that; one nobody
 * writes keeps its initial value in both versions and never differs.
 */
function comparedPairs(
  before: SimProgram,
  bVars: SimVariable[],
  explicit: string[] | undefined,
  afterOf: (beforePath: string) => string | null,
  isAllowed: (b: string, a: string) => boolean,
  problems: string[],
  notes: string[],
): Pair[] {
  const pairs: Pair[] = [];
  const find = variableIndex(bVars);
  if (explicit) {
    for (const name of explicit) {
      const b = find(name);
      let type = b?.type ?? null;
      if (!b) {
        try {
          type = typeOfValue(before.get(name));
        } catch {
          problems.push(`compared variable ${name} is not in the before version`);
          continue;
        }
      }
      const a = afterOf(b?.path ?? name);
      if (!a) problems.push(`compared variable ${name} is not in the after version (add it to the rename map if it was renamed)`);
      else if (!isAllowed(b?.path ?? name, a)) pairs.push({ before: b ?? { path: name, type: type! }, after: a });
    }
    return pairs;
  }
  for (const v of bVars) {
    if (isInput(v)) continue;
    const output = isOutput(v);
    const a = afterOf(v.path);
    if (a && isAllowed(v.path, a)) continue;
    if (a) pairs.push({ before: v, after: a });
    else if (output && !isAllowed(v.path, v.path)) problems.push(`output ${v.path} is not in the after version (add it to the rename map if it was renamed)`);
    else if (!output) notes.push(`${v.path} is only in the before version: not compared`);
  }
  return pairs;
}

/** A scenario's `set` steps as writes at their scans; a note instead when it names something unknown. */
function scenarioSequence(s: Scenario, before: SimProgram, find: (n: string) => SimVariable | null, tail: number): InputSequence | string {
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

import { comparedPairs, scenarioSequence, uniqueNames, type LostOutput, type Pair, type SignalClass } from './differential-setup.js';
import { boundarySequences, randomSequences, type InputSequence, type InputSignal } from './input-sequences.js';
import { formatMs, type Scenario } from './scenario.js';
import { sameValue, toSimValue } from './scenario-values.js';
import type { SimFault, SimProgram, SimValue } from './sim-types.js';
import { TraceRecorder, type Trace, type TraceVariable } from './trace.js';
import { isInput, isOutput, variableIndex } from './variable-lookup.js';

export type { LostOutput, SignalClass } from './differential-setup.js';

export interface DifferentialOptions {
  /** Variables compared every scan as outputs, by their name in the before version. Default: see `comparedPairs`. */
  outputs?: string[];
  /** Renames the change made, old name -> new name (case-insensitive), for inputs and compared variables. */
  rename?: Record<string, string> | Map<string, string>;
  /**
   * Variables the recipe declares may behave differently (either version's name); never compared, except a
   * hazardous output, which is compared anyway and its divergence marked `declared`.
   */
  allowedDifferences?: string[];
  /** The site's hazardous outputs (either version's name or address). */
  hazardousOutputs?: string[];
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

/** The first time one signal behaved differently; a signal diverges at most once per comparison. */
/** The most episodes of a hazardous output on where it was off recorded per output (each is judged). */
export const MAX_ON_EPISODES = 8;

export interface Divergence {
  sequence: string;
  /** 0-based scan since the sequence's cold start; the scan ran at `timeMs`. */
  scan: number;
  timeMs: number;
  /** Before version's name (or `(fault)`); `afterVariable` is its name in the after version. */
  variable: string;
  afterVariable: string;
  signal: SignalClass | 'fault';
  /** A hazardous output the recipe declared it may change. */
  declared: boolean;
  before: SimValue | null;
  after: SimValue | null;
  /** Inputs written just before this scan (before version's names). */
  inputsApplied: Record<string, SimValue>;
  /** Every input's value during this scan. */
  inputState: Record<string, SimValue>;
  /** Other compared outputs that differ at the same scan. */
  alsoDiffering: string[];
}

export interface SequenceTraces {
  /** Inputs and compared outputs from the sequence's cold start to its last first divergence. */
  before: Trace;
  after: Trace;
}

export interface DifferentialResult {
  /** No output or fault diverged and nothing was lost; internal variables and declared outputs do not count. */
  equivalent: boolean;
  sequencesRun: number;
  scansRun: number;
  /** Before-version names of the outputs (hazardous ones included) compared. */
  compared: string[];
  /** Before-version names of the internal variables compared; their differences are reported, never counted. */
  internal: string[];
  /** Reasons the versions could not be compared at all; each makes it fail. */
  problems: string[];
  /** Outputs the after version no longer has (the rest were still compared). */
  lost: LostOutput[];
  /** Things worth knowing that do not fail the comparison (an input only one version reads, ...). */
  notes: string[];
  /** One per diverging signal at its first divergence, in the order found (sequence, then scan). */
  divergences: Divergence[];
  /** The earliest divergence that is not of an internal variable, or null. */
  firstDivergence: Divergence | null;
  /** By sequence name, for each sequence in which some output first diverged. */
  traces: Map<string, SequenceTraces>;
}

function describeFault(f: SimFault | null): string | null {
  return f ? `${f.kind} fault in ${f.pou} line ${f.line}: ${f.message}` : null;
}

function prefix(t: Trace, n: number): Trace {
  return { ...t, times: t.times.slice(0, n), values: t.values.map((v) => v.slice(0, n)) };
}

const counts = (d: Divergence): boolean => d.signal !== 'internal' && !d.declared;

/**
 * Runs two versions of a site on the same input sequences and compares the chosen variables after every scan.
 * Sequences run in a fixed order (scenarios, boundary, random) from a cold start each, and every sequence runs to
 * its end whatever diverged before: a lamp that changes early must not hide a hazardous output that changes
 * later, and declaring the lamp allowed must not be what brings the later change to light. Each signal's first
 * divergence is the earliest a reviewer can reproduce with the same seed.
 */
export function compareVersions(before: SimProgram, after: SimProgram, options: DifferentialOptions = {}): DifferentialResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const rename = new Map([...(options.rename instanceof Map ? options.rename : Object.entries(options.rename ?? {}))].map(([k, v]) => [k.toLowerCase(), v]));
  const renamed = (p: string): string => rename.get(p.toLowerCase()) ?? p;
  const result = (extra: Partial<DifferentialResult>): DifferentialResult => ({
    equivalent: false, sequencesRun: 0, scansRun: 0, compared: [], internal: [], problems, lost: [], notes, divergences: [], firstDivergence: null, traces: new Map(), ...extra,
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
  const nameSet = (names: string[]): Set<string> =>
    new Set(names.flatMap((n) => [n, bFind(n)?.path, aFind(n)?.path].filter((x): x is string => !!x).map((x) => x.toLowerCase())));
  const allowed = nameSet(options.allowedDifferences ?? []);
  const hazardous = nameSet(options.hazardousOutputs ?? []);
  const isAllowed = (b: string, a: string): boolean => allowed.has(b.toLowerCase()) || allowed.has(a.toLowerCase());
  const isHazardous = (b: string, a: string): boolean => hazardous.has(b.toLowerCase()) || hazardous.has(a.toLowerCase());

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
  for (const name of options.allowedDifferences ?? []) {
    if (!bFind(name) && !aFind(name)) notes.push(`allowed difference ${name} names no variable of either version`);
  }

  const sel = comparedPairs({ before, bVars, afterOf: (p) => aFind(renamed(p))?.path ?? null, isAllowed, isHazardous }, options.outputs);
  problems.push(...sel.problems);
  const outputs = sel.pairs.filter((p) => p.signal !== 'internal');
  const internals = sel.pairs.filter((p) => p.signal === 'internal');
  const names = { compared: outputs.map((p) => p.before.path), internal: internals.map((p) => p.before.path), lost: sel.lost };
  if (problems.length) return result(names);
  if (!options.outputs) {
    // Internal variables come and go in any refactoring; only a new output is worth a note.
    const counterparts = new Set(bVars.map((v) => aFind(renamed(v.path))?.path.toLowerCase()));
    for (const v of aVars) {
      if (isOutput(v) && !isInput(v) && !counterparts.has(v.path.toLowerCase())) notes.push(`${v.path} is only in the after version: not compared`);
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
    return result(names);
  }

  const traceB: TraceVariable[] = [...inputs.map((i) => ({ path: i.path, type: i.type })), ...outputs.map((p) => ({ path: p.before.path, type: p.before.type }))];
  const traceA: TraceVariable[] = [
    ...inputs.flatMap((i) => (inputAfter.get(i.path) ? [{ path: inputAfter.get(i.path)!, type: i.type }] : [])),
    ...outputs.map((p) => ({ path: p.after, type: aFind(p.after)?.type ?? p.before.type })),
  ];
  const divergences: Divergence[] = [];
  const traces = new Map<string, SequenceTraces>();
  // Each signal reports its first divergence. A hazardous BOOL output reports its first 'off where it was
  // on' and the start of each of up to MAX_ON_EPISODES episodes of 'on where it was off', so a first harmless
  // difference can never hide a later one that energises it where it was off (the stage judges each).
  const settled = new Set<string>();
  const onEpisodes = new Map<Pair, number>();
  const slot = (p: Pair, a: SimValue | null): string => `${outputs.indexOf(p)}|${internals.indexOf(p)}|${p.signal === 'hazardous' && typeof a === 'boolean' ? (a ? 'on' : 'off') : 'any'}`;
  let faultSeen = false;
  let scansRun = 0;
  let sequencesRun = 0;
  for (const seq of uniqueNames(sequences)) {
    before.restart('cold');
    after.restart('cold');
    const recB = new TraceRecorder(before, traceB);
    const recA = new TraceRecorder(after, traceA);
    const state = new Map<string, SimValue>(initial);
    let lastMark = -1;
    const onBefore = new Set<Pair>();
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
      const record = (p: Pair | null, b: SimValue | null, a: SimValue | null, also: string[]): void => {
        divergences.push({
          sequence: seq.name, scan: s, timeMs, variable: p?.before.path ?? '(fault)', afterVariable: p?.after ?? '(fault)', signal: p?.signal ?? 'fault', declared: p?.declared ?? false,
          before: b, after: a, inputsApplied: Object.fromEntries(writes), inputState: Object.fromEntries(state), alsoDiffering: also,
        });
        if (!p || p.signal !== 'internal') lastMark = s;
      };
      const fb = before.fault;
      const fa = after.fault;
      if (fb || fa) {
        // The same kind of fault on the same scan is the same behaviour (a refactoring may move its line); a
        // faulted program scans no further either way, so the sequence ends here.
        if (!(fb && fa && fb.kind === fa.kind) && !faultSeen) {
          faultSeen = true;
          record(null, describeFault(fb), describeFault(fa), []);
        }
        break;
      }
      const isOn = (p: Pair): boolean => p.signal === 'hazardous' && after.get(p.after) === true && before.get(p.before.path) === false;
      const fresh = outputs.filter((p) => {
        if (sameValue(before.get(p.before.path), after.get(p.after))) return false;
        if (isOn(p)) return !onBefore.has(p) && (onEpisodes.get(p) ?? 0) < MAX_ON_EPISODES;
        return !settled.has(slot(p, after.get(p.after)));
      });
      for (const p of outputs) {
        if (isOn(p)) onBefore.add(p);
        else onBefore.delete(p);
      }
      if (fresh.length) {
        const differing = outputs.filter((p) => fresh.includes(p) || !sameValue(before.get(p.before.path), after.get(p.after))).map((p) => p.before.path);
        for (const p of fresh) {
          if (isOn(p)) onEpisodes.set(p, (onEpisodes.get(p) ?? 0) + 1);
          else settled.add(slot(p, after.get(p.after)));
          record(p, before.get(p.before.path), after.get(p.after), differing.filter((n) => n !== p.before.path));
        }
      }
      for (const p of internals) {
        if (sameValue(before.get(p.before.path), after.get(p.after)) || settled.has(slot(p, after.get(p.after)))) continue;
        settled.add(slot(p, after.get(p.after)));
        record(p, before.get(p.before.path), after.get(p.after), []);
      }
    }
    if (lastMark >= 0) traces.set(seq.name, { before: prefix(recB.trace, lastMark + 1), after: prefix(recA.trace, lastMark + 1) });
  }
  const firstDivergence = divergences.find((d) => d.signal !== 'internal') ?? null;
  const equivalent = sel.lost.length === 0 && !divergences.some(counts);
  return result({ ...names, equivalent, sequencesRun, scansRun, divergences, firstDivergence, traces });
}

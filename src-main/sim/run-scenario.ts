import { formatMs, isMultipleOf, type ExpectedValue, type Scenario } from './scenario.js';
import { checkExpected, toSimValue } from './scenario-values.js';
import { SimPathError, type SimFault, type SimProgram, type SimValue, type SimVariable } from './sim-types.js';
import { TraceRecorder, emptyTrace, type Trace, type TraceVariable } from './trace.js';
import { isInput, isOutput, typeOfValue, variableIndex } from './variable-lookup.js';

/** A scenario longer than a day of virtual time is a typo (`at: 100000s`), not a test. */
export const MAX_SCENARIO_MS = 24 * 3_600_000;
/** At 1 ms cycle a day would be 86 M scans; a run is refused beyond this many, whatever the cycle. */
export const MAX_SCENARIO_SCANS = 10_000_000;

export interface RunScenarioOptions {
  /** Variables to trace; default: every input and output of the program plus every name in the scenario. */
  traceVariables?: string[];
  /** Start state. Default cold: a scenario describes behaviour from power-up. */
  restart?: 'cold' | 'warm' | 'none';
  maxVirtualMs?: number;
  maxScans?: number;
  maxTraceValues?: number;
}

export interface ScenarioFailure {
  /** 1-based, as people count the steps of a file. */
  step: number;
  atMs: number;
  variable: string;
  expected: ExpectedValue;
  actual: SimValue;
  /** Virtual time of the scan after which it was checked. */
  timeMs: number;
}

/** Something that kept the scenario from running (or from running to the end) other than a PLC fault. */
export interface ScenarioRunProblem {
  step: number | null;
  atMs: number | null;
  variable: string | null;
  message: string;
}

export interface ScenarioRunResult {
  passed: boolean;
  failures: ScenarioFailure[];
  problems: ScenarioRunProblem[];
  fault: SimFault | null;
  trace: Trace;
  /** Scans run. */
  scans: number;
}

/** How a value reads in a report: TRUE/FALSE as in ST, text in quotes. */
export function formatValue(v: SimValue | ExpectedValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return `${formatValue(v.value)} ± ${formatValue(v.tolerance)}`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function formatFailure(f: ScenarioFailure): string {
  return `step ${f.step} at ${formatMs(f.atMs)}: ${f.variable} expected ${formatValue(f.expected)}, got ${formatValue(f.actual)}`;
}

export function formatFault(f: SimFault): string {
  return `${f.kind} fault in ${f.pou} (${f.file}:${f.line}) at ${formatMs(f.timeMs)}, scan ${f.scan}: ${f.message}`;
}

/**
 * Runs a scenario: for each step, scans until the next scan's time is the step's time, writes `set`, runs that
 * scan, then checks `expect`. Names and values are all checked before the first scan, so a misspelt variable
 * is reported at once instead of after a long run. A fault stops the run.
 */
export function runScenario(program: SimProgram, scenario: Scenario, options: RunScenarioOptions = {}): ScenarioRunResult {
  const maxMs = options.maxVirtualMs ?? MAX_SCENARIO_MS;
  const maxScans = options.maxScans ?? MAX_SCENARIO_SCANS;
  const problems: ScenarioRunProblem[] = [];
  const cycle = program.cycleMs;
  const refuse = (): ScenarioRunResult => ({ passed: false, failures: [], problems, fault: null, trace: emptyTrace([]), scans: 0 });

  if (scenario.cycleMs !== null && Math.abs(scenario.cycleMs - cycle) > 1e-9 * cycle) {
    problems.push({ step: null, atMs: null, variable: null, message: `the scenario is written for a ${formatMs(scenario.cycleMs)} cycle but the program runs every ${formatMs(cycle)}` });
  }
  scenario.steps.forEach((s, i) => {
    if (scenario.cycleMs === null && !isMultipleOf(s.atMs, cycle)) {
      problems.push({ step: i + 1, atMs: s.atMs, variable: null, message: `step ${i + 1}: ${formatMs(s.atMs)} is not a multiple of the cycle ${formatMs(cycle)}: scans happen only at multiples of the cycle` });
    }
  });
  const last = scenario.steps[scenario.steps.length - 1]?.atMs ?? 0;
  const scansNeeded = Math.round(last / cycle) + 1;
  if (last > maxMs) problems.push({ step: scenario.steps.length, atMs: last, variable: null, message: `the last step is at ${formatMs(last)}, beyond the ${formatMs(maxMs)} a scenario may run` });
  else if (scansNeeded > maxScans) problems.push({ step: scenario.steps.length, atMs: last, variable: null, message: `the scenario needs ${scansNeeded} scans at ${formatMs(cycle)}, more than the ${maxScans} a run may take` });
  if (problems.length) return refuse();

  if (options.restart !== 'none') program.restart(options.restart ?? 'cold');
  const lookup = variableIndex(program.variables());
  const typeOf = (name: string, value: SimValue): string => lookup(name)?.type ?? typeOfValue(value);
  const read = (name: string): SimValue | SimPathError => {
    try {
      return program.get(name);
    } catch (err) {
      if (err instanceof SimPathError) return err;
      throw err;
    }
  };

  // Convert every value once, against the variable's type, before anything runs.
  const sets: Map<string, SimValue>[] = [];
  scenario.steps.forEach((s, i) => {
    const converted = new Map<string, SimValue>();
    const at = `step ${i + 1} (at ${formatMs(s.atMs)})`;
    for (const [name, raw] of s.set) {
      const cur = read(name);
      if (cur instanceof SimPathError) problems.push({ step: i + 1, atMs: s.atMs, variable: name, message: `${at}: set: unknown variable "${name}": ${cur.message}` });
      else {
        const v = toSimValue(raw, typeOf(name, cur), cur);
        if ('problem' in v) problems.push({ step: i + 1, atMs: s.atMs, variable: name, message: `${at}: set ${name}: ${v.problem}` });
        else converted.set(name, v.value);
      }
    }
    for (const [name, expected] of s.expect) {
      const cur = read(name);
      if (cur instanceof SimPathError) problems.push({ step: i + 1, atMs: s.atMs, variable: name, message: `${at}: expect: unknown variable "${name}": ${cur.message}` });
      else {
        const { problem } = checkExpected(expected, cur, typeOf(name, cur));
        if (problem) problems.push({ step: i + 1, atMs: s.atMs, variable: name, message: `${at}: expect ${name}: ${problem}` });
      }
    }
    sets.push(converted);
  });
  const traceVars = chooseTraceVariables(program, scenario, options.traceVariables, lookup, read, problems);
  if (problems.length) return refuse();

  const recorder = new TraceRecorder(program, traceVars, options.maxTraceValues);
  const failures: ScenarioFailure[] = [];
  let scans = 0;
  let fault: SimFault | null = program.fault;
  const scan = (): void => {
    const t = program.timeMs;
    program.scan();
    scans++;
    recorder.sample(t);
    fault = program.fault;
  };
  try {
    for (let i = 0; i < scenario.steps.length && !fault; i++) {
      const step = scenario.steps[i]!;
      const target = Math.round(step.atMs / cycle);
      while (scans < target && !fault) scan();
      if (fault) break;
      for (const [name, v] of sets[i]!) program.set(name, v);
      const timeMs = program.timeMs;
      scan();
      if (fault) break;
      for (const [name, expected] of step.expect) {
        const actual = program.get(name);
        if (!checkExpected(expected, actual, typeOf(name, actual)).ok) failures.push({ step: i + 1, atMs: step.atMs, variable: name, expected, actual, timeMs });
      }
    }
  } catch (err) {
    // Names were all checked up front; a program that still refuses one is reported, not thrown at the caller.
    if (!(err instanceof SimPathError)) throw err;
    problems.push({ step: null, atMs: null, variable: err.path, message: `unknown variable "${err.path}" during the run: ${err.message}` });
  }
  return { passed: !fault && failures.length === 0 && problems.length === 0, failures, problems, fault, trace: recorder.trace, scans };
}

function chooseTraceVariables(
  program: SimProgram,
  scenario: Scenario,
  requested: string[] | undefined,
  lookup: (name: string) => SimVariable | null,
  read: (name: string) => SimValue | SimPathError,
  problems: ScenarioRunProblem[],
): TraceVariable[] {
  const names = requested ?? [
    ...program.variables().filter((v) => isInput(v) || isOutput(v)).map((v) => v.path),
    ...scenario.steps.flatMap((s) => [...s.set.keys(), ...s.expect.keys()]),
  ];
  const out: TraceVariable[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const known = lookup(name);
    // An address and its variable are one signal: trace it once, under the variable's path.
    const path = known?.path ?? name;
    if (seen.has(path.toLowerCase())) continue;
    seen.add(path.toLowerCase());
    const cur = read(path);
    if (cur instanceof SimPathError) {
      // A scenario name that is unknown has been reported with its step already.
      if (requested) problems.push({ step: null, atMs: null, variable: name, message: `trace: unknown variable "${name}": ${cur.message}` });
      continue;
    }
    out.push({ path, type: known?.type ?? typeOfValue(cur) });
  }
  return out;
}

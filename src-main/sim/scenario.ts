import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { parseDurationMs } from '../fleet/duration.js';
import { yamlNestingProblem } from '../fleet/yaml-nesting.js';

/** A value as a scenario writes it; converted to the variable's type only when run (see scenario-values.ts). */
export type ScenarioValue = boolean | number | string;
/** `{ value: 1.5, tolerance: 0.01 }`: a REAL (or TIME) expectation that passes within ±tolerance. */
export interface ToleranceValue {
  value: number | string;
  tolerance: number | string;
}
export type ExpectedValue = ScenarioValue | ToleranceValue;

export interface ScenarioStep {
  /** Virtual time of the scan this step belongs to, in milliseconds since the start of the run. */
  atMs: number;
  /** Line of the step in the file, so reports and the UI can point at it. */
  line: number | null;
  /** Written before the scan at `atMs`. */
  set: Map<string, ScenarioValue>;
  /** Checked after the scan at `atMs`. */
  expect: Map<string, ExpectedValue>;
}

export interface Scenario {
  file: string;
  name: string;
  description: string | null;
  /** The cycle the author wrote the times for; null when the file does not say (the site's cycle applies). */
  cycleMs: number | null;
  steps: ScenarioStep[];
}

/** Same shape as a site.yaml problem, so the CLI and the UI show both alike. */
export interface ScenarioProblem {
  file: string;
  line: number | null;
  /** Dotted key as written in the YAML, e.g. `steps[2].at`; null for whole-file problems. */
  field: string | null;
  message: string;
}

export interface ScenarioParseResult {
  scenario: Scenario | null;
  problems: ScenarioProblem[];
}

/** Scenario files are a few kilobytes; anything this large is refused before parsing. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
const TOP_KEYS = ['name', 'description', 'cycle', 'steps'];
const STEP_KEYS = ['at', 'set', 'expect'];
const TOLERANCE_KEYS = ['value', 'tolerance'];
/** Global `EStop_OK`, `Main.state`, `GVL.x`, leaves such as `Main.arr[2].q`, or a located address `%IX0.1`. */
const NAME_RE = /^(%[IQM][XBWDL]?\d+(\.\d+)*|[A-Za-z_][A-Za-z0-9_]*(\[-?\d+(,-?\d+)*\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[-?\d+(,-?\d+)*\])*)*)$/;

type Path = (string | number)[];

/** Human form of what was found, for "expected X, got Y" messages. */
function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : JSON.stringify(node.value);
  return JSON.stringify(node);
}

/** `10ms`, `1.5s`: how times are echoed back in messages (never `1.5000000000000002s`). */
export function formatMs(ms: number): string {
  return `${Number(ms.toPrecision(12))}ms`;
}

/** `cycle` is only whole when `at` is an integer number of cycles; tolerant of binary fractions like 0.1ms. */
export function isMultipleOf(atMs: number, cycleMs: number): boolean {
  const n = atMs / cycleMs;
  return Math.abs(n - Math.round(n)) <= 1e-9 * Math.max(1, Math.abs(n));
}

export function formatScenarioProblem(p: ScenarioProblem): string {
  return `${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.message}`;
}

/**
 * Parses one scenario file. Never throws: every problem names the file, the line and the key and says what was
 * expected. `scenario` is null when any problem was found, because running half a scenario would report a pass
 * for checks that were never read.
 */
export function parseScenario(text: string, file: string): ScenarioParseResult {
  const problems: ScenarioProblem[] = [];
  if (text.length > MAX_SCENARIO_BYTES) {
    return { scenario: null, problems: [{ file, line: null, field: null, message: `file is larger than ${MAX_SCENARIO_BYTES} bytes; not a scenario` }] };
  }
  const lines = new LineCounter();
  const deep = yamlNestingProblem(text);
  if (deep) return { scenario: null, problems: [{ file, line: deep.line, field: null, message: deep.message }] };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  } catch (err) {
    return { scenario: null, problems: [{ file, line: null, field: null, message: `not valid YAML: ${String(err)}` }] };
  }
  for (const e of doc.errors) {
    problems.push({ file, line: e.linePos?.[0]?.line ?? null, field: null, message: `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` });
  }
  if (problems.length) return { scenario: null, problems };

  const lineOf = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : null;
  };
  const fail = (path: Path, at: unknown, message: string): void => {
    const field = path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : null;
    problems.push({ file, line: lineOf(at), field, message: field ? `${field}: ${message}` : message });
  };
  // Anchors let a file reuse a power-up `set` block; resolve them once (an alias never points at an alias).
  const deref = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);

  const root = deref(doc.contents);
  if (!isMap(root)) {
    fail([], root, `expected a mapping with ${TOP_KEYS.join(', ')}, got ${describe(root)}`);
    return { scenario: null, problems };
  }
  const top = entries(root, [], TOP_KEYS, fail, deref);

  let name = defaultName(file);
  const nameNode = top.get('name');
  if (nameNode) {
    if (isScalar(nameNode.value) && typeof nameNode.value.value === 'string' && nameNode.value.value.trim() !== '') name = nameNode.value.value.trim();
    else fail(['name'], nameNode.at, `expected a one-line description of what the scenario shows, got ${describe(nameNode.value)}`);
  }
  let description: string | null = null;
  const descNode = top.get('description');
  if (descNode) {
    if (isScalar(descNode.value) && typeof descNode.value.value === 'string') description = descNode.value.value.trim();
    else fail(['description'], descNode.at, `expected text, got ${describe(descNode.value)}`);
  }
  let cycleMs: number | null = null;
  const cycleNode = top.get('cycle');
  if (cycleNode) {
    const ms = isScalar(cycleNode.value) ? parseDurationMs(cycleNode.value.value) : null;
    if (ms === null || ms <= 0 || ms > 60_000) fail(['cycle'], cycleNode.at, `expected a cycle time between 0 and 60s such as 10ms, got ${describe(cycleNode.value)}`);
    else cycleMs = ms;
  }

  const steps: ScenarioStep[] = [];
  const stepsNode = top.get('steps');
  if (!stepsNode) fail(['steps'], root, 'is required: expected a list of steps, each with `at` and `set` and/or `expect`');
  else if (!isSeq(stepsNode.value) || stepsNode.value.items.length === 0) {
    fail(['steps'], stepsNode.at, `expected a non-empty list of steps, each with \`at\` and \`set\` and/or \`expect\`, got ${describe(stepsNode.value)}`);
  } else {
    stepsNode.value.items.forEach((item, i) => {
      const step = readStep(deref(item), ['steps', i], fail, deref, lineOf);
      if (!step) return;
      const prev = steps[steps.length - 1];
      if (prev && step.atMs <= prev.atMs) {
        fail(['steps', i, 'at'], step.atNode, `steps must be in time order: ${formatMs(step.atMs)} is not after the previous step's ${formatMs(prev.atMs)}`);
      } else if (cycleMs !== null && !isMultipleOf(step.atMs, cycleMs)) {
        fail(['steps', i, 'at'], step.atNode, `expected a multiple of the cycle ${formatMs(cycleMs)}, got ${formatMs(step.atMs)}: scans happen only at multiples of the cycle`);
      }
      steps.push({ atMs: step.atMs, line: step.line, set: step.set, expect: step.expect });
    });
  }
  // Reported in file order, as a compiler would; the sort is stable so problems on one line keep their order.
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.length) return { scenario: null, problems };
  return { scenario: { file, name, description, cycleMs, steps }, problems };
}

type Fail = (path: Path, at: unknown, message: string) => void;
type Deref = (node: unknown) => unknown;
interface Entry {
  value: unknown;
  /** The key node: problems about a key point at the line it is written on. */
  at: unknown;
}

/** The map's entries by key, with every unknown or non-text key reported; `x-` keys are left for tools. */
function entries(map: YAMLMap, path: Path, known: string[] | null, fail: Fail, deref: Deref): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const pair of map.items) {
    const keyNode = deref(pair.key);
    const key = isScalar(keyNode) ? keyNode.value : undefined;
    if (typeof key !== 'string' && typeof key !== 'number') {
      fail(path, keyNode ?? map, `expected a name as key, got ${describe(keyNode)}`);
      continue;
    }
    const k = String(key);
    if (known && !known.includes(k)) {
      if (!k.startsWith('x-')) fail([...path, k], keyNode, `unknown key; expected one of ${known.join(', ')}`);
      continue;
    }
    out.set(k, { value: deref(pair.value), at: keyNode });
  }
  return out;
}

function readStep(
  node: unknown,
  path: Path,
  fail: Fail,
  deref: Deref,
  lineOf: (node: unknown) => number | null,
): { atMs: number; atNode: unknown; line: number | null; set: Map<string, ScenarioValue>; expect: Map<string, ExpectedValue> } | null {
  if (!isMap(node)) {
    fail(path, node, `expected a step with \`at\` and \`set\` and/or \`expect\`, got ${describe(node)}`);
    return null;
  }
  const e = entries(node, path, STEP_KEYS, fail, deref);
  const at = e.get('at');
  let atMs: number | null = null;
  if (!at) fail([...path, 'at'], node, 'is required: expected the time of the step, e.g. 100ms, 1.5s, T#20ms or a number of milliseconds');
  else {
    atMs = isScalar(at.value) ? parseDurationMs(at.value.value) : null;
    if (atMs === null) fail([...path, 'at'], at.at, `expected a time such as 100ms, 1.5s, T#20ms or a number of milliseconds, got ${describe(at.value)}`);
  }
  const set = new Map<string, ScenarioValue>();
  const expect = new Map<string, ExpectedValue>();
  const setNode = e.get('set');
  if (setNode) readValues(setNode, [...path, 'set'], fail, deref, (k, v, at) => {
    const val = scalarValue(v);
    if ('problem' in val) fail([...path, 'set', k], at, val.problem);
    else set.set(k, val.value);
  });
  const expectNode = e.get('expect');
  if (expectNode) readValues(expectNode, [...path, 'expect'], fail, deref, (k, v, at) => {
    if (isMap(v)) {
      const tol = toleranceValue(v, [...path, 'expect', k], fail, deref);
      if (tol) expect.set(k, tol);
      return;
    }
    const val = scalarValue(v);
    if ('problem' in val) fail([...path, 'expect', k], at, `${val.problem} (or { value, tolerance } for a REAL)`);
    else expect.set(k, val.value);
  });
  if (!setNode && !expectNode) fail(path, node, 'empty step: expected `set` and/or `expect` next to `at`');
  if (atMs === null) return null;
  return { atMs, atNode: at?.at, line: lineOf(node), set, expect };
}

/** Reads a `set:`/`expect:` mapping of variable name to value, reporting bad names and empty mappings. */
function readValues(entry: Entry, path: Path, fail: Fail, deref: Deref, each: (name: string, value: unknown, at: unknown) => void): void {
  if (!isMap(entry.value) || entry.value.items.length === 0) {
    fail(path, entry.at, `expected a mapping of variable name to value, e.g. { Start_PB: true }, got ${describe(entry.value)}`);
    return;
  }
  for (const [name, { value, at }] of entries(entry.value, path, null, fail, deref)) {
    if (!NAME_RE.test(name)) fail([...path, name], at, `"${name}" is not a variable name (Name, Program.name) or located address (%IX0.1)`);
    else each(name, value, at);
  }
}

/**
 * A boolean, number or string, or what was wrong with it. Integers past 2^53 would silently lose digits, so they
 * must be written as strings (LINT/ULINT are then converted exactly).
 */
function scalarValue(node: unknown): { value: ScenarioValue } | { problem: string } {
  const what = 'expected a boolean, number or string';
  if (!isScalar(node)) return { problem: `${what}, got ${describe(node)}` };
  const v = node.value;
  if (typeof v === 'boolean' || typeof v === 'string') return { value: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { problem: `${what}, got ${describe(node)}: infinity and NaN cannot be set or expected` };
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return { problem: `${what}, got ${String(v)}: integers this large lose digits; write it in quotes` };
    return { value: v };
  }
  return { problem: `${what}, got ${describe(node)}` };
}

function toleranceValue(map: YAMLMap, path: Path, fail: Fail, deref: Deref): ToleranceValue | null {
  const e = entries(map, path, TOLERANCE_KEYS, fail, deref);
  const value = e.get('value');
  const tolerance = e.get('tolerance');
  const read = (entry: Entry | undefined, key: string, nonNegative: boolean): number | string | null => {
    if (!entry) {
      fail([...path, key], map, `is required: expected ${key === 'value' ? 'the expected number' : 'how far the value may be off, e.g. 0.01'}`);
      return null;
    }
    const v = isScalar(entry.value) ? entry.value.value : undefined;
    if (typeof v === 'number' && Number.isFinite(v) && (!nonNegative || v >= 0)) return v;
    if (typeof v === 'string' && parseDurationMs(v) !== null && !/^\s*-/.test(v)) return v;
    fail([...path, key], entry.at, `expected ${nonNegative ? 'a non-negative' : 'a'} number or a duration such as 500ms, got ${describe(entry.value)}`);
    return null;
  };
  const v = read(value, 'value', false);
  const t = read(tolerance, 'tolerance', true);
  return v === null || t === null ? null : { value: v, tolerance: t };
}

/** `tests/estop-stops.yaml` is called "estop-stops" when it has no `name:`. */
function defaultName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, '') || file;
}

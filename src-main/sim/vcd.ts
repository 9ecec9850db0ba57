import { sameValue } from './scenario-values.js';
import type { SimValue } from './sim-types.js';
import type { Trace, TraceVariable } from './trace.js';

/**
 * Writes a trace as a Value Change Dump (IEEE 1364-2005 §18) that GTKWave and other waveform viewers open.
 *
 * Choices, each for a reason:
 * - no `$date`: the file must be byte-identical for the same run (goldens, reproducible evidence);
 * - `$timescale` 1 ms, or 1 us / 1 ns when some scan time is not a whole number of the larger unit;
 * - one `$scope module` per program or GVL (the path's first part), nested for FB instances; globals without a
 *   prefix go in `Globals`, located addresses traced by address in `IO`;
 * - BOOL is a 1-bit wire; integers are vectors of their IEC width (signed ones declared `integer`, written in
 *   two's complement); REAL/LREAL are `real`; TIME is a 32-bit integer in ms, LTIME a 64-bit one in ns;
 * - STRING/WSTRING are not dumped: VCD has no string type (GTKWave's string extension is not portable), so they
 *   are only named in a `$comment`; the JSON trace keeps them;
 * - after `$dumpvars` (every variable once, at the first time) only changes are written.
 */

export interface VcdOptions {
  /** Force a unit instead of the coarsest one that represents every time exactly. */
  timescale?: '1 ms' | '1 us' | '1 ns';
}

const WIDTH: Record<string, number> = {
  SINT: 8, USINT: 8, BYTE: 8, INT: 16, UINT: 16, WORD: 16, DINT: 32, UDINT: 32, DWORD: 32,
  LINT: 64, ULINT: 64, LWORD: 64, TIME: 32, LTIME: 64, TOD: 32, TIME_OF_DAY: 32, DATE: 64, DT: 64, DATE_AND_TIME: 64,
  LDATE: 64, LTOD: 64, LDT: 64, LTIME_OF_DAY: 64, LDATE_AND_TIME: 64,
};
const SIGNED = new Set(['SINT', 'INT', 'DINT', 'LINT', 'TIME', 'LTIME']);
const REALS = new Set(['REAL', 'LREAL']);
const STRINGS = new Set(['STRING', 'WSTRING']);

interface Signal {
  v: number;
  id: string;
  scope: string[];
  name: string;
  kind: 'wire' | 'integer' | 'reg' | 'real';
  width: number;
}

/** Short printable identifier codes: `!`, `"`, ... `~`, then `!!`, ... (base 94 over ASCII 33..126). */
export function vcdId(n: number): string {
  let s = '';
  let k = n;
  do {
    s += String.fromCharCode(33 + (k % 94));
    k = Math.floor(k / 94) - 1;
  } while (k >= 0);
  return s;
}

/** Base type of a declared type: `STRING(80)` is a STRING. */
function baseType(type: string): string {
  return type.toUpperCase().replace(/\s*[([].*$/, '');
}

/** What a variable becomes in the dump; null for strings. Unknown types (enums, aliases) go by their values. */
function signalKind(v: TraceVariable, values: SimValue[]): Pick<Signal, 'kind' | 'width'> | null {
  const t = baseType(v.type);
  if (t === 'BOOL') return { kind: 'wire', width: 1 };
  if (REALS.has(t)) return { kind: 'real', width: 64 };
  if (STRINGS.has(t)) return null;
  const w = WIDTH[t];
  if (w !== undefined) return { kind: SIGNED.has(t) ? 'integer' : 'reg', width: w };
  const first = values[0];
  if (typeof first === 'string') return null;
  if (typeof first === 'boolean') return { kind: 'wire', width: 1 };
  if (typeof first === 'bigint') return { kind: 'integer', width: 64 };
  if (values.every((x) => typeof x === 'number' && Number.isInteger(x))) return { kind: 'integer', width: 32 };
  return { kind: 'real', width: 64 };
}

/** Scope chain and leaf name. Brackets would read as a bit select in viewers, so `arr[2]` becomes `arr(2)`. */
function place(path: string): { scope: string[]; name: string } {
  const clean = (s: string): string => s.replace(/\[/g, '(').replace(/\]/g, ')').replace(/\s+/g, '_');
  if (path.startsWith('%')) return { scope: ['IO'], name: clean(path.replace(/\./g, '_')) };
  const parts = path.split('.').map(clean);
  const name = parts.pop()!;
  return { scope: parts.length ? parts : ['Globals'], name };
}

function encode(s: Signal, value: SimValue): string {
  if (s.kind === 'wire') return `${value === true || (typeof value !== 'boolean' && Number(value) !== 0) ? '1' : '0'}${s.id}`;
  if (s.kind === 'real') {
    const n = Number(value);
    const text = Number.isNaN(n) ? 'nan' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : String(n);
    return `r${text} ${s.id}`;
  }
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'boolean') big = value ? 1n : 0n;
  else big = BigInt(Math.trunc(Number(value)) || 0);
  // Two's complement in the variable's width; leading zeros are implied by the standard's left-extension rule.
  return `b${BigInt.asUintN(s.width, big).toString(2)} ${s.id}`;
}

/** Coarsest unit in which every time is a whole number, so no two scans share a timestamp. */
function chooseUnit(times: number[], forced: VcdOptions['timescale']): { text: string; perMs: number } {
  const units = [
    { text: '1 ms', perMs: 1 },
    { text: '1 us', perMs: 1000 },
    { text: '1 ns', perMs: 1_000_000 },
  ];
  if (forced) return units.find((u) => u.text === forced)!;
  const whole = (x: number): boolean => Math.abs(x - Math.round(x)) <= 1e-6 * Math.max(1, Math.abs(x));
  return units.find((u) => times.every((t) => whole(t * u.perMs))) ?? units[2]!;
}

export function traceToVcd(trace: Trace, options: VcdOptions = {}): string {
  const signals: Signal[] = [];
  const skipped: string[] = [];
  trace.variables.forEach((v, i) => {
    const k = signalKind(v, trace.values[i]!);
    if (!k) skipped.push(v.path);
    else signals.push({ v: i, id: vcdId(signals.length), ...place(v.path), ...k });
  });
  const unit = chooseUnit(trace.times, options.timescale);
  const out: string[] = ['$comment Plantshift soft-PLC trace (virtual time) $end', '$version Plantshift $end', `$timescale ${unit.text} $end`];
  if (skipped.length) out.push(`$comment not dumped (VCD has no string type): ${skipped.join(' ')} $end`);

  // Declarations grouped by scope; sorting the scope keys puts every nested scope right after its parent, so each
  // scope is opened exactly once. Variables keep trace order inside their scope.
  const order: string[] = [];
  const byScope = new Map<string, Signal[]>();
  for (const s of signals) {
    const key = s.scope.join('\u0000');
    if (!byScope.has(key)) {
      byScope.set(key, []);
      order.push(key);
    }
    byScope.get(key)!.push(s);
  }
  order.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let open: string[] = [];
  for (const key of order) {
    const scope = byScope.get(key)![0]!.scope;
    let common = 0;
    while (common < open.length && common < scope.length && open[common] === scope[common]) common++;
    for (let k = open.length; k > common; k--) out.push('$upscope $end');
    for (let k = common; k < scope.length; k++) out.push(`$scope module ${scope[k]} $end`);
    open = scope;
    for (const s of byScope.get(key)!) out.push(`$var ${s.kind} ${s.width} ${s.id} ${s.name} $end`);
  }
  for (let k = open.length; k > 0; k--) out.push('$upscope $end');
  out.push('$enddefinitions $end');

  const stamp = (t: number): string => `#${Math.round(t * unit.perMs)}`;
  if (trace.times.length) {
    out.push(stamp(trace.times[0]!), '$dumpvars');
    for (const s of signals) out.push(encode(s, trace.values[s.v]![0]!));
    out.push('$end');
    let lastStamp = stamp(trace.times[0]!);
    for (let k = 1; k < trace.times.length; k++) {
      const changed = signals.filter((s) => !sameValue(trace.values[s.v]![k]!, trace.values[s.v]![k - 1]!));
      if (!changed.length) continue;
      lastStamp = stamp(trace.times[k]!);
      out.push(lastStamp, ...changed.map((s) => encode(s, trace.values[s.v]![k]!)));
    }
    // A closing timestamp, so viewers show the run to its end even when the last scans changed nothing.
    const end = stamp(trace.times[trace.times.length - 1]!);
    if (end !== lastStamp) out.push(end);
  }
  return out.join('\n') + '\n';
}

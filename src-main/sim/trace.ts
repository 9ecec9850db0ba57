import { sameValue } from './scenario-values.js';
import type { SimProgram, SimValue } from './sim-types.js';

/** What a timing diagram shows: chosen variables sampled after every scan. */
export interface TraceVariable {
  path: string;
  type: string;
}

export interface Trace {
  variables: TraceVariable[];
  /** Virtual time of each sampled scan, in milliseconds (the scan's start; outputs it wrote appear at that time). */
  times: number[];
  /** values[v][s]: variable v after scan s. */
  values: SimValue[][];
  /** True when the recorder hit its size cap and stopped sampling: the trace is a prefix of the run. */
  truncated: boolean;
}

export interface TraceChange {
  timeMs: number;
  value: SimValue;
}

/**
 * A trace holds one value per variable per scan; a 24 h run at 10 ms would be millions of values per variable,
 * so the recorder stops at this many values in all and marks the trace truncated instead of exhausting memory.
 */
export const MAX_TRACE_VALUES = 20_000_000;

export function emptyTrace(variables: TraceVariable[]): Trace {
  return { variables: variables.map((v) => ({ ...v })), times: [], values: variables.map(() => []), truncated: false };
}

/** Samples a program after each scan. The caller passes the scan's time, read before `scan()` advanced it. */
export class TraceRecorder {
  readonly trace: Trace;
  private readonly paths: string[];
  private readonly maxSamples: number;

  constructor(private readonly program: Pick<SimProgram, 'get'>, variables: TraceVariable[], maxValues = MAX_TRACE_VALUES) {
    this.trace = emptyTrace(variables);
    this.paths = variables.map((v) => v.path);
    this.maxSamples = variables.length ? Math.floor(maxValues / variables.length) : maxValues;
  }

  sample(timeMs: number): void {
    if (this.trace.times.length >= this.maxSamples) {
      this.trace.truncated = true;
      return;
    }
    this.trace.times.push(timeMs);
    this.paths.forEach((p, i) => this.trace.values[i]!.push(this.program.get(p)));
  }
}

function indexOf(trace: Trace, path: string): number {
  const exact = trace.variables.findIndex((v) => v.path === path);
  if (exact >= 0) return exact;
  // IEC names are case-insensitive, so `motor_sec1` finds `Motor_Sec1`.
  const lower = path.toLowerCase();
  return trace.variables.findIndex((v) => v.path.toLowerCase() === lower);
}

/** One variable's values over time, or null when the trace does not hold it. */
export function series(trace: Trace, path: string): { times: number[]; values: SimValue[] } | null {
  const i = indexOf(trace, path);
  return i < 0 ? null : { times: trace.times, values: trace.values[i]! };
}

/** The first sample and then every sample that differs from the one before: the edges of a timing diagram. */
export function changes(trace: Trace, path: string): TraceChange[] | null {
  const s = series(trace, path);
  if (!s) return null;
  const out: TraceChange[] = [];
  s.values.forEach((value, k) => {
    if (k === 0 || !sameValue(value, s.values[k - 1]!)) out.push({ timeMs: s.times[k]!, value });
  });
  return out;
}

/** JSON has no bigint; LINT/LTIME values travel as `{ "n": "123" }` so no string variable can be mistaken for one. */
export type JsonValue = boolean | number | string | { n: string };

export interface CompactTrace {
  format: 'plantshift-trace/1';
  variables: TraceVariable[];
  /** Evenly spaced times are stored as start, step and count; otherwise the list itself. */
  times: { startMs: number; stepMs: number; count: number } | number[];
  /** Per variable: [sample index, value] at the first sample and at every change. */
  changes: [number, JsonValue][][];
  truncated: boolean;
}

function toJsonValue(v: SimValue): JsonValue {
  return typeof v === 'bigint' ? { n: v.toString() } : v;
}

function fromJsonValue(v: JsonValue): SimValue {
  return typeof v === 'object' ? BigInt(v.n) : v;
}

function evenTimes(times: number[]): { startMs: number; stepMs: number; count: number } | null {
  if (times.length < 2) return times.length === 1 ? { startMs: times[0]!, stepMs: 0, count: 1 } : { startMs: 0, stepMs: 0, count: 0 };
  const start = times[0]!;
  const step = times[1]! - start;
  // Exact equality after recomputation, so decoding gives back the very same numbers.
  return times.every((t, k) => t === start + k * step) ? { startMs: start, stepMs: step, count: times.length } : null;
}

/** The form the UI receives: only changes are stored, so a long run with few edges stays small. */
export function toCompactTrace(trace: Trace): CompactTrace {
  return {
    format: 'plantshift-trace/1',
    variables: trace.variables.map((v) => ({ ...v })),
    times: evenTimes(trace.times) ?? [...trace.times],
    changes: trace.values.map((vals) => {
      const out: [number, JsonValue][] = [];
      vals.forEach((v, k) => {
        if (k === 0 || !sameValue(v, vals[k - 1]!)) out.push([k, toJsonValue(v)]);
      });
      return out;
    }),
    truncated: trace.truncated,
  };
}

export function fromCompactTrace(c: CompactTrace): Trace {
  const t = c.times;
  const times = Array.isArray(t) ? [...t] : Array.from({ length: t.count }, (_, k) => t.startMs + k * t.stepMs);
  const values = c.changes.map((list) => {
    const out: SimValue[] = new Array<SimValue>(times.length);
    let j = 0;
    let current: SimValue = list.length ? fromJsonValue(list[0]![1]) : false;
    for (let k = 0; k < times.length; k++) {
      if (j < list.length && list[j]![0] === k) current = fromJsonValue(list[j++]![1]);
      out[k] = current;
    }
    return out;
  });
  return { variables: c.variables.map((v) => ({ ...v })), times, values, truncated: c.truncated };
}

import { parseDurationMs } from '../fleet/duration.js';
import type { ExpectedValue, ScenarioValue } from './scenario.js';
import type { SimValue } from './sim-types.js';

/**
 * Scenario files are written without knowing types, so a value is converted only when it meets its variable:
 * the variable's current value says how the simulator represents it (boolean, number, bigint or string) and its
 * declared type says whether a text such as "500ms" is a duration (TIME in ms, LTIME in ns).
 */

export type Converted = { value: SimValue } | { problem: string };

const IEC_INT_RE = /^([+-]?)(2|8|16)#([0-9a-f_]+)$/i;
const TYPED_RE = /^[a-z]+#(.+)$/i;

function isLtime(type: string | null): boolean {
  return type !== null && /^LTIME$/i.test(type);
}

function isTime(type: string | null): boolean {
  return type !== null && /^(TIME|LTIME)$/i.test(type);
}

/** `16#FF`, `2#1010_0101`, `INT#-5`, `REAL#1.5` or plain decimal text as a number; null when it is none of these. */
function numberFromText(text: string): number | null {
  const t = text.trim();
  const based = IEC_INT_RE.exec(t);
  if (based) {
    const n = parseInt(based[3]!.replace(/_/g, ''), Number(based[2]));
    return Number.isNaN(n) ? null : based[1] === '-' ? -n : n;
  }
  const typed = TYPED_RE.exec(t);
  if (typed && !/^(t|time|ltime)#/i.test(t)) return numberFromText(typed[1]!);
  if (/^[+-]?(\d[\d_]*)(\.\d+)?(e[+-]?\d+)?$/i.test(t)) return Number(t.replace(/_/g, ''));
  return null;
}

/** Converts a scenario value to what `set` (and comparisons) need for this variable. */
export function toSimValue(raw: ScenarioValue, type: string | null, current: SimValue): Converted {
  const typeName = type ?? typeof current;
  const bad = (): Converted => ({ problem: `${JSON.stringify(raw)} is not a ${typeName} value` });
  if (typeof current === 'boolean') {
    if (typeof raw === 'boolean') return { value: raw };
    if (raw === 0 || raw === 1) return { value: raw === 1 };
    if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return { value: raw.trim().toLowerCase() === 'true' };
    return bad();
  }
  if (typeof current === 'number') {
    if (typeof raw === 'number') return { value: raw };
    if (typeof raw === 'boolean') return bad();
    if (isTime(type)) {
      const ms = parseDurationMs(raw);
      return ms === null ? bad() : { value: ms };
    }
    const n = numberFromText(raw);
    return n === null ? bad() : { value: n };
  }
  if (typeof current === 'bigint') {
    if (typeof raw === 'boolean') return bad();
    if (typeof raw === 'number') {
      if (isLtime(type) || Number.isInteger(raw)) return { value: BigInt(Math.round(raw)) };
      return bad();
    }
    const t = raw.trim().replace(/_/g, '');
    if (/^[+-]?\d+$/.test(t)) return { value: BigInt(t) };
    if (isLtime(type)) {
      const ms = parseDurationMs(t);
      return ms === null ? bad() : { value: BigInt(Math.round(ms * 1e6)) };
    }
    const based = IEC_INT_RE.exec(t);
    if (based) {
      const prefix = { '2': '0b', '8': '0o', '16': '0x' }[based[2]!]!;
      const n = BigInt(prefix + based[3]!);
      return { value: based[1] === '-' ? -n : n };
    }
    return bad();
  }
  return typeof raw === 'string' ? { value: raw } : bad();
}

/** NaN equals NaN and -0 equals 0 here: a comparison of behaviour, not of bit patterns. */
export function sameValue(a: SimValue, b: SimValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}

/**
 * Whether `actual` satisfies the expectation. A REAL is single precision, so 0.1 written in a scenario is
 * compared after rounding to single precision; anything looser needs an explicit tolerance.
 */
export function checkExpected(expected: ExpectedValue, actual: SimValue, type: string | null): { ok: boolean; problem: string | null } {
  if (typeof expected === 'object') {
    const v = toSimValue(expected.value, type, typeof actual === 'bigint' ? 0n : 0);
    const t = toSimValue(expected.tolerance, type, typeof actual === 'bigint' ? 0n : 0);
    if ('problem' in v) return { ok: false, problem: v.problem };
    if ('problem' in t) return { ok: false, problem: t.problem };
    if (typeof actual !== 'number' && typeof actual !== 'bigint') return { ok: false, problem: `a tolerance needs a numeric variable, not ${type ?? typeof actual}` };
    return { ok: Math.abs(Number(actual) - Number(v.value)) <= Number(t.value), problem: null };
  }
  const want = toSimValue(expected, type, actual);
  if ('problem' in want) return { ok: false, problem: want.problem };
  if (type !== null && /^REAL$/i.test(type) && typeof want.value === 'number' && typeof actual === 'number') {
    return { ok: sameValue(Math.fround(want.value), Math.fround(actual)), problem: null };
  }
  return { ok: sameValue(want.value, actual), problem: null };
}

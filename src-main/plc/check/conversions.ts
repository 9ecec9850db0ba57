import type { PouSym } from './symbols.js';
import {
  BYTE, CHAR, DATE, DINT, DT, DWORD, INT, isIntClass, isLoose, LDATE, LDT, LINT, LITREAL, LREAL, LTIME, LTOD, LWORD, REAL, SINT,
  TIME, TOD, UDINT, UINT, ULINT, USINT, WCHAR, WORD, elemOf, type ElemType, type Type,
} from './types.js';

/**
 * Implicit conversions per IEC 61131-3 3rd edition (table 11, widening only), plus what the lenient dialects
 * (CODESYS, TwinCAT, TIA Portal without IEC check) accept with a warning: any integer or bit string to any
 * other, REAL to integers, integers to REAL, integers to enumerations, long to short durations and dates.
 */

export const enum Conv {
  Ok = 0,
  /** Accepted by a lenient dialect with a warning (ST2021). */
  Lenient = 1,
  Error = 2,
}

const WIDENING = new Map<ElemType, ReadonlySet<ElemType>>([
  [SINT, new Set([INT, DINT, LINT, REAL, LREAL])],
  [INT, new Set([DINT, LINT, REAL, LREAL])],
  [DINT, new Set([LINT, LREAL])],
  [USINT, new Set([UINT, UDINT, ULINT, INT, DINT, LINT, REAL, LREAL])],
  [UINT, new Set([UDINT, ULINT, DINT, LINT, REAL, LREAL])],
  [UDINT, new Set([ULINT, LINT, LREAL])],
  [REAL, new Set([LREAL])],
  [BYTE, new Set([WORD, DWORD, LWORD])],
  [WORD, new Set([DWORD, LWORD])],
  [DWORD, new Set([LWORD])],
  [TIME, new Set([LTIME])],
  [DATE, new Set([LDATE])],
  [TOD, new Set([LTOD])],
  [DT, new Set([LDT])],
  [CHAR, new Set([WCHAR])],
]);

/** Candidates for the common type of two different operands, smallest first. */
const COMMON_ORDER: ElemType[] = [INT, DINT, LINT, UINT, UDINT, ULINT, REAL, LREAL, WORD, DWORD, LWORD, LTIME, LDATE, LTOD, LDT, WCHAR];

export function widens(from: ElemType, to: ElemType): boolean {
  return from === to || (WIDENING.get(from)?.has(to) ?? false);
}

function intOrBits(t: ElemType): boolean {
  return t.cls === 'signed' || t.cls === 'unsigned' || t.cls === 'bits';
}

function elemConversion(f: ElemType, t: ElemType, lenient: boolean): Conv {
  if (f === t || widens(f, t)) return Conv.Ok;
  if (f.cls === 'litint') {
    if (intOrBits(t) || t.cls === 'real') return Conv.Ok;
    return Conv.Error;
  }
  if (f.cls === 'litreal') {
    if (t.cls === 'real') return Conv.Ok;
    return lenient && intOrBits(t) ? Conv.Lenient : Conv.Error;
  }
  if (!lenient) return Conv.Error;
  if ((intOrBits(f) || f.cls === 'bool' || f.cls === 'real') && intOrBits(t)) return Conv.Lenient;
  if (intOrBits(f) && t.cls === 'real') return Conv.Lenient;
  if (f.cls === t.cls && f.cls !== 'bool') return Conv.Lenient;
  return Conv.Error;
}

function inherits(from: PouSym, to: PouSym): boolean {
  for (let p: PouSym | null = from, n = 0; p && n < 32; p = p.base, n++) if (p === to) return true;
  return false;
}

/** Whether a value of type `from` may be assigned to (or passed as) `to`. String lengths are checked apart. */
export function conversion(from: Type, to: Type, lenient: boolean): Conv {
  if (from === to || isLoose(from) || isLoose(to)) return Conv.Ok;
  if (from.kind === 'void' || to.kind === 'void') return Conv.Error;
  const fe = elemOf(from);
  const te = elemOf(to);
  if (fe && te) return elemConversion(fe, te, lenient);
  switch (to.kind) {
    case 'enum':
      if (fe && isIntClass(fe.cls)) return lenient ? Conv.Lenient : Conv.Error;
      return Conv.Error;
    case 'string':
      if (from.kind === 'string') return from.wide === to.wide || (!from.wide && to.wide && from.literal) ? Conv.Ok : Conv.Error;
      return Conv.Error;
    case 'ref':
      if (from.kind === 'ref') return isLoose(from.target) || isLoose(to.target) || sameType(from.target, to.target) ? Conv.Ok : lenient ? Conv.Lenient : Conv.Error;
      if (fe && (fe === LWORD || fe === ULINT || fe === DWORD || fe === UDINT || fe.cls === 'litint')) return lenient ? Conv.Ok : Conv.Error;
      return Conv.Error;
    case 'pou':
      return from.kind === 'pou' && inherits(from.pou, to.pou) ? Conv.Ok : Conv.Error;
    case 'interface':
      return from.kind === 'pou' || from.kind === 'interface' || (fe !== null && fe.cls === 'litint') ? Conv.Ok : Conv.Error;
    case 'array':
      return from.kind === 'array' && sameType(from, to) ? Conv.Ok : Conv.Error;
    case 'struct':
      return Conv.Error;
  }
  if (from.kind === 'enum' && te) {
    // Enumerations are integers underneath in the CODESYS family and in SCL.
    return lenient && (intOrBits(te) || te.cls === 'real') ? Conv.Ok : Conv.Error;
  }
  if (from.kind === 'ref' && te && (te === LWORD || te === ULINT || te === DWORD || te === UDINT)) return lenient ? Conv.Lenient : Conv.Error;
  return Conv.Error;
}

export function sameType(a: Type, b: Type): boolean {
  if (a === b) return true;
  const ae = elemOf(a);
  const be = elemOf(b);
  if (ae && be) return ae === be;
  if (a.kind === 'string' && b.kind === 'string') return a.wide === b.wide;
  if (a.kind === 'array' && b.kind === 'array') {
    if (a.dims.length !== b.dims.length) return false;
    for (let i = 0; i < a.dims.length; i++) {
      const x = a.dims[i];
      const y = b.dims[i];
      if (x && y && (x.hi - x.lo !== y.hi - y.lo)) return false;
    }
    return sameType(a.element, b.element);
  }
  if (a.kind === 'ref' && b.kind === 'ref') return sameType(a.target, b.target);
  if (a.kind === 'pou' && b.kind === 'pou') return a.pou === b.pou;
  return isLoose(a) || isLoose(b);
}

/**
 * The type both operands of a binary operator are converted to, or null when there is none. An untyped
 * literal takes the type of the other operand.
 */
export function commonType(a: ElemType, b: ElemType, lenient: boolean): ElemType | null {
  if (a === b) return a;
  if (a.cls === 'litint' || a.cls === 'litreal') {
    if (b.cls === 'litint') return a;
    if (b.cls === 'litreal') return LITREAL;
    if (a.cls === 'litint' ? intOrBits(b) || b.cls === 'real' : b.cls === 'real') return b;
    if (a.cls === 'litreal' && lenient && intOrBits(b)) return LREAL;
    return null;
  }
  if (b.cls === 'litint' || b.cls === 'litreal') return commonType(b, a, lenient);
  if (widens(a, b)) return b;
  if (widens(b, a)) return a;
  for (const t of COMMON_ORDER) if (widens(a, t) && widens(b, t)) return t;
  if (!lenient) return null;
  if (intOrBits(a) && intOrBits(b)) {
    const wide = a.bits >= b.bits ? a : b;
    if (wide.cls === 'bits' || (a.cls !== 'signed' && b.cls !== 'signed')) return wide;
    return wide.bits <= 16 ? DINT : LINT;
  }
  if ((a.cls === 'real' && intOrBits(b)) || (b.cls === 'real' && intOrBits(a))) return a.cls === 'real' && a.bits === 64 ? a : b.cls === 'real' && b.bits === 64 ? b : REAL;
  if (a.cls === b.cls && a.cls !== 'bool') return a.bits >= b.bits ? a : b;
  return null;
}

/** Whether a constant fits the range of an integer, bit-string or character type. */
export function fitsRange(v: number | bigint, t: ElemType): boolean {
  if (t.cls === 'real' || t.cls === 'litint' || t.cls === 'litreal') return true;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return true;
    if (Number.isSafeInteger(v)) return v >= Number(t.min) && v <= Number(t.max) ? true : BigInt(v) >= t.min && BigInt(v) <= t.max;
    v = BigInt(v);
  }
  return v >= t.min && v <= t.max;
}


import type { Type } from '../plc/check/types.js';

/**
 * How a value of an IEC type lives in JavaScript. Integers up to 32 bits are numbers kept wrapped to their
 * width after every operation; 64-bit integers and LTIME are bigints (exact); REAL is a float32 kept with
 * Math.fround; TIME, DATE, TOD and DT are milliseconds as numbers.
 */
export type Repr =
  | 'bool'
  | 'i8'
  | 'i16'
  | 'i32'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'i64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'time'
  | 'ltime'
  | 'date'
  | 'str'
  | 'enum'
  | 'litint'
  | 'litreal'
  | 'other';

export function reprOf(t: Type | undefined): Repr {
  if (!t) return 'other';
  switch (t.kind) {
    case 'subrange':
      return reprOf(t.base);
    case 'enum':
      return 'enum';
    case 'string':
      return 'str';
    case 'elem':
      switch (t.cls) {
        case 'bool':
          return 'bool';
        case 'signed':
          return t.bits === 8 ? 'i8' : t.bits === 16 ? 'i16' : t.bits === 32 ? 'i32' : 'i64';
        case 'unsigned':
        case 'bits':
        case 'char':
          return t.bits === 8 ? 'u8' : t.bits === 16 ? 'u16' : t.bits === 32 ? 'u32' : 'u64';
        case 'real':
          return t.bits === 32 ? 'f32' : 'f64';
        case 'time':
          return t.bits === 64 ? 'ltime' : 'time';
        case 'date':
        case 'tod':
        case 'dt':
          return 'date';
        case 'litint':
          return 'litint';
        case 'litreal':
          return 'litreal';
      }
  }
  return 'other';
}

export const isBig = (r: Repr): boolean => r === 'i64' || r === 'u64' || r === 'ltime';
export const isSmallInt = (r: Repr): boolean => r === 'i8' || r === 'i16' || r === 'i32' || r === 'u8' || r === 'u16' || r === 'u32' || r === 'enum';
export const isFloat = (r: Repr): boolean => r === 'f32' || r === 'f64' || r === 'litreal';
export const isNumberRepr = (r: Repr): boolean => isSmallInt(r) || isFloat(r) || r === 'time' || r === 'date' || r === 'litint';

/** JS code that wraps a number/bigint expression to the width of `r` (two's complement, as a PLC does). */
export function wrap(code: string, r: Repr): string {
  switch (r) {
    case 'i8':
      return `((${code}) << 24 >> 24)`;
    case 'i16':
      return `((${code}) << 16 >> 16)`;
    case 'i32':
    case 'time':
    case 'enum':
      return `((${code}) | 0)`;
    case 'u8':
      return `((${code}) & 255)`;
    case 'u16':
      return `((${code}) & 65535)`;
    case 'u32':
    case 'date':
      return `((${code}) >>> 0)`;
    case 'i64':
      return `BigInt.asIntN(64, ${code})`;
    case 'u64':
      return `BigInt.asUintN(64, ${code})`;
    case 'ltime':
      return `BigInt.asIntN(64, ${code})`;
    case 'f32':
      return `Math.fround(${code})`;
    default:
      return code;
  }
}

/**
 * JS code converting a value of repr `from` to repr `to`: widening is exact, narrowing wraps like the PLC,
 * real to integer rounds half away from zero (as REAL_TO_INT does), TIME <-> LTIME scales ms <-> ns.
 */
export function convert(code: string, from: Repr, to: Repr): string {
  if (from === to || to === 'other' || from === 'other') return code;
  if (to === 'bool') {
    if (from === 'str') return `(${code} !== '')`;
    return isBig(from) ? `(${code} !== 0n)` : `(${code} !== 0)`;
  }
  if (to === 'str') return `rt.toStr(${code})`;
  if (from === 'str') return wrap(isBig(to) ? `BigInt(rt.strNum(${code}))` : `rt.strNum(${code})`, to);
  if (from === 'bool') {
    const n = `(${code} ? 1 : 0)`;
    return isBig(to) ? `BigInt${n}` : n;
  }
  if (to === 'ltime') {
    if (from === 'time') return `(BigInt(${code}) * 1000000n)`;
    if (isBig(from)) return `BigInt.asIntN(64, ${code})`;
    return `BigInt(Math.trunc(${code}))`;
  }
  if (from === 'ltime') {
    if (to === 'time') return `Number(${code} / 1000000n)`;
    if (isBig(to)) return wrap(code, to);
    return wrap(`Number(BigInt.asIntN(64, ${code}))`, to);
  }
  if (isBig(to)) {
    if (isBig(from)) return wrap(code, to);
    if (isFloat(from)) return wrap(`BigInt(rt.roundInt(${code}))`, to);
    return wrap(`BigInt(${code})`, to);
  }
  if (isBig(from)) {
    if (isFloat(to)) return wrap(`Number(${code})`, to);
    return wrap(`Number(BigInt.asIntN(64, ${code}) & 0xFFFFFFFFn)`, to);
  }
  if (isFloat(to)) return wrap(code, to);
  if (isFloat(from)) return wrap(`rt.roundInt(${code})`, to);
  return wrap(code, to);
}

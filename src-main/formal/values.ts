import type { Type } from '../plc/check/types.js';
import { fpConversions, type Z, type ZBool, type ZBv, type ZFp } from './z3-context.js';

/**
 * Symbolic values. BOOL is a Z3 Bool; every integer-like type (SINT..ULINT, BYTE..LWORD, enums, subranges,
 * TIME in ms as the soft-PLC keeps it) is a bit-vector of its exact width, so arithmetic wraps exactly like
 * the soft-PLC (`repr.ts`). REAL and LREAL are IEEE floats of 32 and 64 bits (the soft-PLC computes in double
 * and rounds to float32 with Math.fround; `encode-real.ts` does the same). Structs and arrays are split into
 * one cell per leaf (`encode-types.ts`); strings, dates and references have no encoding and are havocked.
 */
export type Val = { t: 'bool'; v: ZBool } | { t: 'bv'; v: ZBv; bits: number; signed: boolean } | { t: 'fp'; v: ZFp; bits: 32 | 64 };

/** Bits of an interface reference (the number of an FB instance of the site, 0 for none). */
export const REF_BITS = 16;

export type Shape = { t: 'bool' } | { t: 'bv'; bits: number; signed: boolean } | { t: 'fp'; bits: 32 | 64 };

/** The encoding of a checker type, or a reason why it has none. */
export function shapeOf(t: Type | null | undefined): Shape | string {
  if (!t) return 'an untyped value';
  if (t.kind === 'enum') return { t: 'bv', bits: t.base.bits, signed: t.base.cls === 'signed' };
  // An interface reference: the number of the FB instance it refers to (`encode-instances.ts`), 0 for none.
  if (t.kind === 'interface') return { t: 'bv', bits: REF_BITS, signed: false };
  const e = t.kind === 'subrange' ? t.base : t.kind === 'elem' ? t : null;
  if (!e) return `a value of type ${t.kind === 'pou' ? t.pou.name : t.kind}`;
  switch (e.cls) {
    case 'bool':
      return { t: 'bool' };
    case 'signed':
    case 'time':
      return { t: 'bv', bits: e.bits, signed: true };
    case 'unsigned':
    case 'bits':
    case 'char':
      return { t: 'bv', bits: e.bits, signed: false };
    case 'litint':
      return { t: 'bv', bits: 64, signed: true };
    case 'real':
      return { t: 'fp', bits: e.bits === 32 ? 32 : 64 };
    case 'litreal':
      return { t: 'fp', bits: 64 };
    default:
      return `a ${e.name} value (date/time of day is not encoded)`;
  }
}

export function boolVal(v: ZBool): Val {
  return { t: 'bool', v };
}

export function bvVal(v: ZBv, bits: number, signed: boolean): Val {
  return { t: 'bv', v, bits, signed };
}

export function fpVal(v: ZFp, bits: 32 | 64): Val {
  return { t: 'fp', v, bits };
}

export function fpSort(z: Z, bits: 32 | 64) {
  return bits === 32 ? z.Float.sort32() : z.Float.sort64();
}

export function constOf(z: Z, s: Shape, value: bigint | number | boolean): Val {
  if (s.t === 'bool') return boolVal(z.Bool.val(Boolean(value)));
  if (s.t === 'fp') return fpVal(z.Float.val(s.bits === 32 ? Math.fround(Number(value)) : Number(value), fpSort(z, s.bits)), s.bits);
  const n = typeof value === 'boolean' ? (value ? 1n : 0n) : typeof value === 'number' ? BigInt(Math.trunc(value)) : value;
  const mod = 1n << BigInt(s.bits);
  return bvVal(z.BitVec.val(((n % mod) + mod) % mod, s.bits), s.bits, s.signed);
}

export function freshOf(z: Z, s: Shape, name: string): Val {
  if (s.t === 'bool') return boolVal(z.Bool.const(name));
  if (s.t === 'fp') return fpVal(z.Float.const(name, fpSort(z, s.bits)), s.bits);
  return bvVal(z.BitVec.const(name, s.bits), s.bits, s.signed);
}

/** Converts like an IEC implicit/explicit conversion on the soft-PLC: sign- or zero-extend, or truncate. */
export function convertTo(z: Z, v: Val, s: Shape): Val {
  if (s.t === 'bool') return v.t === 'bool' ? v : boolVal(v.t === 'fp' ? z.Not(v.v.isZero()) : v.v.neq(z.BitVec.val(0, v.bits)));
  if (s.t === 'fp') {
    const c = fpConversions(z);
    if (v.t === 'fp') return v.bits === s.bits ? v : fpVal(c.toFloat(v.v, s.bits), s.bits);
    if (v.t === 'bool') return fpVal(z.If(v.v, z.Float.val(1, fpSort(z, s.bits)), z.Float.val(0, fpSort(z, s.bits))), s.bits);
    return fpVal(c.fromInt(v.v, v.signed, s.bits), s.bits);
  }
  if (v.t === 'bool') return bvVal(z.If(v.v, z.BitVec.val(1, s.bits), z.BitVec.val(0, s.bits)), s.bits, s.signed);
  if (v.t === 'fp') {
    const w = Math.max(s.bits, 64);
    const x = fpConversions(z).toInt(v.v, w);
    return bvVal(w > s.bits ? z.Extract(s.bits - 1, 0, x) : x, s.bits, s.signed);
  }
  let x = v.v;
  if (s.bits > v.bits) x = v.signed ? x.signExt(s.bits - v.bits) : x.zeroExt(s.bits - v.bits);
  else if (s.bits < v.bits) x = z.Extract(s.bits - 1, 0, x);
  return bvVal(x, s.bits, s.signed);
}

export function asBool(z: Z, v: Val): ZBool {
  return v.t === 'bool' ? v.v : v.t === 'fp' ? z.Not(v.v.isZero()) : v.v.neq(z.BitVec.val(0, v.bits));
}

/** ite over values of one shape. */
export function ite(z: Z, c: ZBool, a: Val, b: Val): Val {
  if (a.t === 'bool') return boolVal(z.If(c, a.v, asBool(z, b)));
  if (a.t === 'fp') {
    const bb = convertTo(z, b, a) as Extract<Val, { t: 'fp' }>;
    return fpVal(z.If(c, a.v, bb.v) as unknown as ZFp, a.bits);
  }
  const bb = convertTo(z, b, a) as Extract<Val, { t: 'bv' }>;
  return bvVal(z.If(c, a.v, bb.v), a.bits, a.signed);
}

/** v1 = v2 for two values of one shape. */
export function eqVal(z: Z, a: Val, b: Val): ZBool {
  if (a.t === 'bool') return a.v.eq(asBool(z, b));
  const bb = convertTo(z, b, a);
  return (a.v as ZBv).eq(bb.v as ZBv);
}

export function shapeOfVal(v: Val): Shape {
  return v.t === 'bool' ? { t: 'bool' } : v.t === 'fp' ? { t: 'fp', bits: v.bits } : { t: 'bv', bits: v.bits, signed: v.signed };
}

/** Decodes a model value: booleans, bit-vectors as signed or unsigned numbers, floats as numbers. */
export function decode(v: Val, raw: unknown): boolean | number {
  if (v.t === 'bool') return raw === true;
  if (v.t === 'fp') return typeof raw === 'number' ? raw : 0;
  let n = typeof raw === 'bigint' ? raw : 0n;
  if (v.signed && n >= 1n << BigInt(v.bits - 1)) n -= 1n << BigInt(v.bits);
  return Number(n);
}

import type { Type } from '../plc/check/types.js';
import type { Z, ZBool, ZBv } from './z3-context.js';

/**
 * Symbolic values. BOOL is a Z3 Bool; every integer-like type (SINT..ULINT, BYTE..LWORD, enums, subranges,
 * TIME in ms as the soft-PLC keeps it) is a bit-vector of its exact width, so arithmetic wraps exactly like
 * the soft-PLC (`repr.ts`). Anything else (REAL, strings, arrays, structs, references) has no encoding here
 * and is reported as unsupported by the encoder.
 */
export type Val = { t: 'bool'; v: ZBool } | { t: 'bv'; v: ZBv; bits: number; signed: boolean };

export type Shape = { t: 'bool' } | { t: 'bv'; bits: number; signed: boolean };

/** The encoding of a checker type, or a reason why it has none. */
export function shapeOf(t: Type | null | undefined): Shape | string {
  if (!t) return 'an untyped value';
  if (t.kind === 'enum') return { t: 'bv', bits: t.base.bits, signed: t.base.cls === 'signed' };
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
    default:
      return `a ${e.name} value (${e.cls === 'real' || e.cls === 'litreal' ? 'floating point' : 'date/time of day'} is not encoded)`;
  }
}

export function boolVal(v: ZBool): Val {
  return { t: 'bool', v };
}

export function bvVal(v: ZBv, bits: number, signed: boolean): Val {
  return { t: 'bv', v, bits, signed };
}

export function constOf(z: Z, s: Shape, value: bigint | number | boolean): Val {
  if (s.t === 'bool') return boolVal(z.Bool.val(Boolean(value)));
  const n = typeof value === 'boolean' ? (value ? 1n : 0n) : BigInt(value);
  const mod = 1n << BigInt(s.bits);
  return bvVal(z.BitVec.val(((n % mod) + mod) % mod, s.bits), s.bits, s.signed);
}

export function freshOf(z: Z, s: Shape, name: string): Val {
  return s.t === 'bool' ? boolVal(z.Bool.const(name)) : bvVal(z.BitVec.const(name, s.bits), s.bits, s.signed);
}

/** Converts like an IEC implicit/explicit conversion on the soft-PLC: sign- or zero-extend, or truncate. */
export function convertTo(z: Z, v: Val, s: Shape): Val {
  if (s.t === 'bool') return v.t === 'bool' ? v : boolVal(v.v.neq(z.BitVec.val(0, v.bits)));
  if (v.t === 'bool') return bvVal(z.If(v.v, z.BitVec.val(1, s.bits), z.BitVec.val(0, s.bits)), s.bits, s.signed);
  let x = v.v;
  if (s.bits > v.bits) x = v.signed ? x.signExt(s.bits - v.bits) : x.zeroExt(s.bits - v.bits);
  else if (s.bits < v.bits) x = z.Extract(s.bits - 1, 0, x);
  return bvVal(x, s.bits, s.signed);
}

export function asBool(z: Z, v: Val): ZBool {
  return v.t === 'bool' ? v.v : v.v.neq(z.BitVec.val(0, v.bits));
}

/** ite over values of one shape. */
export function ite(z: Z, c: ZBool, a: Val, b: Val): Val {
  if (a.t === 'bool' && b.t === 'bool') return boolVal(z.If(c, a.v, b.v));
  if (a.t === 'bv' && b.t === 'bv') {
    const bb = b.bits === a.bits ? b : (convertTo(z, b, a) as Extract<Val, { t: 'bv' }>);
    return bvVal(z.If(c, a.v, bb.v), a.bits, a.signed);
  }
  return a.t === 'bool' ? boolVal(z.If(c, a.v, asBool(z, b))) : ite(z, c, a, convertTo(z, b, { t: 'bv', bits: a.bits, signed: a.signed }));
}

export function shapeOfVal(v: Val): Shape {
  return v.t === 'bool' ? { t: 'bool' } : { t: 'bv', bits: v.bits, signed: v.signed };
}

/** Decodes a model value: booleans, and bit-vectors as signed or unsigned numbers. */
export function decode(v: Val, raw: unknown): boolean | number {
  if (v.t === 'bool') return raw === true;
  let n = typeof raw === 'bigint' ? raw : 0n;
  if (v.signed && n >= 1n << BigInt(v.bits - 1)) n -= 1n << BigInt(v.bits);
  return Number(n);
}

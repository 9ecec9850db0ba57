import type { PouSym } from '../plc/check/symbols.js';
import { elemOf, type Type } from '../plc/check/types.js';
import type { Binary, Call, Expression } from '../plc/st/ast.js';
import type { CellInfo, Encoder, Frame } from './encoder.js';
import { accessOf, altCell, readAccess } from './encode-access.js';
import { callDispatched, methodReceivers, propertyGet } from './encode-dispatch.js';
import { callFunction, callStdFunction } from './encode-functions.js';
import { realArith, realCompare, realLiteral, realNeg } from './encode-real.js';
import { asBool, boolVal, bvVal, constOf, convertTo, shapeOf, type Shape, type Val } from './values.js';

export { instanceOf } from './encode-access.js';

type Bv = Extract<Val, { t: 'bv' }>;

export function typeOf(en: Encoder, e: Expression): Type | undefined {
  return en.model.resolution.types.get(e);
}

/** The cell a scalar variable reference denotes (no variable index); null when it has none. */
export function cellOf(en: Encoder, f: Frame, e: Expression): CellInfo | null {
  const a = accessOf(en, f, e);
  if (!a || a.alts.length !== 1 || !en.z.isTrue(a.alts[0]!.cond) || !en.z.isFalse(a.oob)) return null;
  return altCell(en, a.alts[0]!);
}

/** A value the encoder does not compute exactly: free, recorded with its place (an over-approximation). */
export function havocExpr(en: Encoder, f: Frame, e: Expression, what: string, want?: Shape, real = false): Val {
  const s = shapeOf(typeOf(en, e));
  return en.havocAt(f.file, e, what, want ?? (typeof s === 'string' ? { t: 'bool' } : s), real);
}

const isEnumMember = (m: unknown): boolean => typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === undefined && typeof (m as { value?: unknown }).value === 'number';

/** Encodes an expression; `want` is the shape the context needs (literals adopt it). */
export function expr(en: Encoder, f: Frame, e: Expression, want?: Shape): Val {
  const z = en.z;
  switch (e.kind) {
    case 'Paren':
      return expr(en, f, e.expr, want);
    case 'Literal': {
      if (e.litKind === 'real' && typeof e.value === 'number') {
        const t = typeOf(en, e);
        const el = t ? elemOf(t) : null;
        return realLiteral(en, f, e, e.value, el?.cls === 'real' ? (el.bits === 32 ? 32 : 64) : null);
      }
      const c = en.constValue(e);
      if (c === null || typeof c === 'number') return havocExpr(en, f, e, `the ${e.litKind} literal ${e.text} (not encoded): free`, want);
      if (typeof c === 'boolean') return boolVal(z.Bool.val(c));
      const s = want && want.t === 'bv' ? want : shapeOf(typeOf(en, e));
      return constOf(z, typeof s === 'string' || s.t !== 'bv' ? { t: 'bv', bits: 64, signed: true } : s, c);
    }
    case 'EnumValue': {
      const c = en.constValue(e);
      const s = shapeOf(typeOf(en, e));
      if (typeof c !== 'bigint' || typeof s === 'string') return havocExpr(en, f, e, 'this enumeration value: free', want);
      return constOf(z, s, c);
    }
    case 'Name':
    case 'Member':
    case 'Index': {
      const enumHit = e.kind === 'Name' ? (en.model.resolution.ids.get(e.id) as { kind?: string } | undefined)?.kind === 'enumval' : e.kind === 'Member' && isEnumMember(en.model.resolution.ids.get(e.member));
      if (enumHit) {
        const sh = shapeOf(typeOf(en, e));
        const c = en.constValue(e);
        if (typeof c === 'bigint' && typeof sh !== 'string') return constOf(z, sh, c);
      }
      if (e.kind === 'Member') {
        const c = en.constValue(e);
        const sh = shapeOf(typeOf(en, e));
        if (typeof c === 'bigint' && typeof sh !== 'string' && sh.t === 'bv') return constOf(z, sh, c);
      }
      const pv = e.kind === 'Index' ? null : propertyGet(en, f, e, want);
      if (pv) return pv;
      const a = accessOf(en, f, e);
      if (!a) return havocExpr(en, f, e, `${e.kind === 'Index' ? 'an array element' : 'a variable'} the encoder cannot follow (VAR_IN_OUT, reference, open array): free`, want);
      return readAccess(en, f, a, e, want);
    }
    case 'BitAccess': {
      const o = expr(en, f, e.object);
      if (o.t !== 'bv' || e.bit >= o.bits) return havocExpr(en, f, e, 'this bit access: free', want);
      return boolVal(z.Extract(e.bit, e.bit, o.v).eq(z.BitVec.val(1, 1)));
    }
    case 'Unary': {
      const o = expr(en, f, e.operand, want);
      if (e.op === 'NOT') return o.t === 'bool' ? boolVal(z.Not(o.v)) : o.t === 'bv' ? bvVal(o.v.not(), o.bits, o.signed) : havocExpr(en, f, e, 'NOT of a REAL: free', want);
      if (o.t === 'bool') return havocExpr(en, f, e, `${e.op} on a BOOL: free`, want);
      if (o.t === 'fp') return e.op === '-' ? realNeg(en, o) : o;
      return e.op === '-' ? bvVal(o.v.neg(), o.bits, o.signed) : o;
    }
    case 'Binary':
      return binary(en, f, e, want);
    case 'Call':
      return call(en, f, e, want);
    default:
      return havocExpr(en, f, e, `${e.kind} expressions (not encoded): free`, want);
  }
}

function call(en: Encoder, f: Frame, e: Call, want?: Shape): Val {
  const target = en.model.resolution.calls.get(e);
  if (target?.kind === 'std') return callStdFunction(en, f, e, target.name, want);
  const s = target?.kind === 'sym' ? (target.sym as PouSym) : null;
  if (s?.kind === 'pou' && s.pouKind === 'FUNCTION') return callFunction(en, f, e, s, want);
  const m = methodReceivers(en, f, e);
  if (m) return callDispatched(en, f, e, m, want) ?? havocExpr(en, f, e, 'method result: free', want);
  en.unsupportedAt(f.file, e, 'this call in an expression (a method of an instance the encoder cannot follow, an FB call as a value)');
  return havocExpr(en, f, e, 'call result', want);
}

/** The shape both operands of a comparison are brought to. */
function commonShape(en: Encoder, a: Expression, b: Expression): Shape | string {
  const sa = shapeOf(typeOf(en, a));
  const sb = shapeOf(typeOf(en, b));
  if (typeof sa === 'string') return sa;
  if (typeof sb === 'string') return sb;
  if (sa.t === 'fp' || sb.t === 'fp') return { t: 'fp', bits: 64 };
  if (sa.t === 'bool' || sb.t === 'bool') return { t: 'bool' };
  const la = isLit(en, a);
  const lb = isLit(en, b);
  if (la && !lb) return fits(en, a, sb) ? sb : { t: 'bv', bits: 64, signed: true };
  if (lb && !la) return fits(en, b, sa) ? sa : { t: 'bv', bits: 64, signed: true };
  if (sa.signed === sb.signed) return { t: 'bv', bits: Math.max(sa.bits, sb.bits), signed: sa.signed };
  return { t: 'bv', bits: Math.min(64, Math.max(sa.bits, sb.bits) + 1), signed: true };
}

function isLit(en: Encoder, e: Expression): boolean {
  const t = typeOf(en, e);
  const el = t ? elemOf(t) : null;
  return el?.cls === 'litint' || typeof en.constValue(e) === 'bigint';
}

function fits(en: Encoder, e: Expression, s: Shape): boolean {
  const c = en.constValue(e);
  if (typeof c !== 'bigint' || s.t !== 'bv') return true;
  const lo = s.signed ? -(1n << BigInt(s.bits - 1)) : 0n;
  const hi = s.signed ? (1n << BigInt(s.bits - 1)) - 1n : (1n << BigInt(s.bits)) - 1n;
  return c >= lo && c <= hi;
}

function binary(en: Encoder, f: Frame, e: Binary, want?: Shape): Val {
  const z = en.z;
  const op = e.op;
  if (op === 'AND' || op === 'OR' || op === 'XOR' || op === 'AND_THEN' || op === 'OR_ELSE') {
    const rs = shapeOf(typeOf(en, e));
    const s: Shape = typeof rs === 'string' || rs.t === 'fp' ? { t: 'bool' } : rs;
    const l = expr(en, f, e.left, s);
    let r: Val;
    if (op === 'AND_THEN' || op === 'OR_ELSE') {
      const c = asBool(z, l);
      r = expr(en, { ...f, guard: z.And(f.guard, op === 'AND_THEN' ? c : z.Not(c)) }, e.right, s);
    } else r = expr(en, f, e.right, s);
    if (l.t !== 'bv' || r.t !== 'bv') {
      const a = asBool(z, l);
      const b = asBool(z, r);
      return boolVal(op === 'XOR' ? z.Xor(a, b) : op === 'OR' || op === 'OR_ELSE' ? z.Or(a, b) : z.And(a, b));
    }
    const b = convertTo(z, r, l) as Bv;
    return bvVal(op === 'XOR' ? l.v.xor(b.v) : op === 'OR' || op === 'OR_ELSE' ? l.v.or(b.v) : l.v.and(b.v), l.bits, l.signed);
  }
  if (op === '=' || op === '<>' || op === '<' || op === '>' || op === '<=' || op === '>=') {
    const s = commonShape(en, e.left, e.right);
    if (typeof s === 'string') {
      expr(en, f, e.left);
      expr(en, f, e.right);
      return havocExpr(en, f, e, `comparison of ${s}: free`, { t: 'bool' });
    }
    if (s.t === 'fp') return boolVal(realCompare(en, f, e, op, expr(en, f, e.left), expr(en, f, e.right)));
    const l = convertTo(z, expr(en, f, e.left, s), s);
    const r = convertTo(z, expr(en, f, e.right, s), s);
    if (l.t === 'bool' || r.t === 'bool') {
      const a = asBool(z, l);
      const b = asBool(z, r);
      if (op === '=') return boolVal(a.eq(b));
      if (op === '<>') return boolVal(a.neq(b));
      return havocExpr(en, f, e, 'ordering comparison of BOOL values: free', { t: 'bool' });
    }
    const lb = l as Bv;
    const rb = r as Bv;
    const sg = lb.signed;
    const a = lb.v;
    const b = rb.v;
    const res = op === '=' ? a.eq(b) : op === '<>' ? a.neq(b) : op === '<' ? (sg ? a.slt(b) : a.ult(b)) : op === '>' ? (sg ? a.sgt(b) : a.ugt(b)) : op === '<=' ? (sg ? a.sle(b) : a.ule(b)) : sg ? a.sge(b) : a.uge(b);
    return boolVal(res);
  }
  const rs0 = shapeOf(typeOf(en, e));
  const rs = typeof rs0 === 'string' || rs0.t === 'bool' ? (want ?? rs0) : rs0;
  if (typeof rs === 'string' || rs.t === 'bool') return havocExpr(en, f, e, `arithmetic on ${typeof rs === 'string' ? rs : 'BOOL'}: free`, want);
  if (rs.t === 'fp') {
    if (op === '**' || op === 'MOD') return havocExpr(en, f, e, `REAL ${op}: free`, rs);
    return realArith(en, f, e, op, expr(en, f, e.left, rs), expr(en, f, e.right, rs), rs);
  }
  const l = convertTo(z, expr(en, f, e.left, rs), rs) as Bv;
  const r = convertTo(z, expr(en, f, e.right, rs), rs) as Bv;
  switch (op) {
    case '+':
      return bvVal(l.v.add(r.v), rs.bits, rs.signed);
    case '-':
      return bvVal(l.v.sub(r.v), rs.bits, rs.signed);
    case '*':
      return bvVal(l.v.mul(r.v), rs.bits, rs.signed);
    case '/':
    case 'MOD': {
      const d = en.constValue(e.right);
      if (typeof d !== 'bigint' || d === 0n) en.faultIf(z.And(en.guardOf(f), r.v.eq(z.BitVec.val(0, rs.bits))), f.file, e, `${op === '/' ? 'division' : 'MOD'} by zero`);
      if (op === '/') return bvVal(rs.signed ? l.v.sdiv(r.v) : l.v.udiv(r.v), rs.bits, rs.signed);
      return bvVal(rs.signed ? l.v.srem(r.v) : l.v.urem(r.v), rs.bits, rs.signed);
    }
    default:
      return havocExpr(en, f, e, `the operator ${op}: free`, want);
  }
}

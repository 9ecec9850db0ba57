import type { PouSym, VarSym } from '../plc/check/symbols.js';
import { elemOf, type Type } from '../plc/check/types.js';
import { key, type Binary, type Call, type Expression } from '../plc/st/ast.js';
import { FB_ALIASES, PIN_ALIASES } from '../sim/std-fbs.js';
import type { CellInfo, Encoder, Frame } from './encoder.js';
import { callFunction, callStdFunction } from './encode-functions.js';
import { nativePinCell } from './encode-fbs.js';
import { asBool, boolVal, bvVal, constOf, convertTo, freshOf, shapeOf, type Shape, type Val } from './values.js';

type Bv = Extract<Val, { t: 'bv' }>;

export function typeOf(en: Encoder, e: Expression): Type | undefined {
  return en.model.resolution.types.get(e);
}

/** The instance path an expression names (an FB instance variable or a program), with its POU. */
export function instanceOf(en: Encoder, f: Frame, e: Expression): { path: string; display: string; pou: PouSym } | null {
  if (e.kind === 'Paren') return instanceOf(en, f, e.expr);
  if (e.kind === 'Name') {
    const s = en.model.resolution.ids.get(e.id) as VarSym | PouSym | undefined;
    if (s?.kind === 'pou' && s.pouKind === 'PROGRAM') return { path: `P.${key(s.name)}`, display: s.name, pou: s };
    if (s?.kind === 'var' && s.type?.kind === 'pou') {
      if (s.section === 'VAR_GLOBAL' || s.section === 'VAR_EXTERNAL' || en.model.globalVars.includes(s)) return { path: `G.${key(s.name)}`, display: s.name, pou: s.type.pou };
      if (s.section === 'VAR_IN_OUT') return null;
      return { path: `${f.prefix}.${key(s.name)}`, display: `${f.display}.${s.name}`, pou: s.type.pou };
    }
    return null;
  }
  if (e.kind === 'Member') {
    const m = en.model.resolution.ids.get(e.member) as VarSym | undefined;
    if (m?.kind !== 'var' || m.type?.kind !== 'pou') return null;
    if (en.model.globalVars.includes(m)) return { path: `G.${key(m.name)}`, display: m.name, pou: m.type.pou };
    const o = instanceOf(en, f, e.object);
    return o ? { path: `${o.path}.${key(m.name)}`, display: `${o.display}.${m.name}`, pou: m.type.pou } : null;
  }
  return null;
}

/** The cell a variable reference denotes (Name, Member, Paren); null (and reported) when it has none. */
export function cellOf(en: Encoder, f: Frame, e: Expression): CellInfo | null {
  if (e.kind === 'Paren') return cellOf(en, f, e.expr);
  if (e.kind === 'Name') {
    const s = en.model.resolution.ids.get(e.id) as VarSym | PouSym | undefined;
    if (s?.kind === 'pou' && s === f.pou && s.retVar) return en.varCell(f, s.retVar);
    if (s?.kind !== 'var') {
      en.unsupportedAt(f.file, e, `the name ${e.id.name} as a value`);
      return null;
    }
    if (s.section === 'VAR_GLOBAL' || s.section === 'VAR_EXTERNAL' || en.model.globalVars.includes(s)) return en.globalCell(s.name);
    if (s.section === 'VAR_IN_OUT') {
      en.unsupportedAt(f.file, e, `VAR_IN_OUT ${s.name}`);
      return null;
    }
    return en.varCell(f, s);
  }
  if (e.kind === 'Member') {
    const m = en.model.resolution.ids.get(e.member) as VarSym | undefined;
    if (m?.kind === 'var' && en.model.globalVars.includes(m)) return en.globalCell(m.name);
    const o = instanceOf(en, f, e.object);
    if (!o || m?.kind !== 'var') {
      en.unsupportedAt(f.file, e, `member access .${e.member.name} (only FB instance and program members are encoded)`);
      return null;
    }
    if (o.pou.builtin) {
      const tk = FB_ALIASES[key(o.pou.name)] ?? key(o.pou.name);
      const pin = PIN_ALIASES[tk]?.[key(m.name)] ?? key(m.name);
      const c = nativePinCell(en, o.path, o.display, tk, pin);
      if (!c) en.unsupportedAt(f.file, e, `${o.pou.name}.${m.name} (no formal model of ${o.pou.name})`);
      return c;
    }
    return en.varCell({ ...f, prefix: o.path, display: o.display }, m);
  }
  en.unsupportedAt(f.file, e, `${e.kind} as a variable (arrays, pointers and references are not encoded)`);
  return null;
}

function fail(en: Encoder, f: Frame, e: Expression, what: string, want?: Shape): Val {
  en.unsupportedAt(f.file, e, what);
  return freshOf(en.z, want ?? { t: 'bool' }, en.fresh('unsupported'));
}

/** Encodes an expression; `want` is the shape the context needs (literals adopt it). */
export function expr(en: Encoder, f: Frame, e: Expression, want?: Shape): Val {
  const z = en.z;
  switch (e.kind) {
    case 'Paren':
      return expr(en, f, e.expr, want);
    case 'Literal': {
      const c = en.constValue(e);
      if (c === null) return fail(en, f, e, `the literal ${e.text} (${e.litKind} is not encoded)`, want);
      if (typeof c === 'boolean') return boolVal(z.Bool.val(c));
      const s = want ?? shapeOf(typeOf(en, e));
      return constOf(z, typeof s === 'string' ? { t: 'bv', bits: 64, signed: true } : s, c);
    }
    case 'EnumValue': {
      const c = en.constValue(e);
      const s = shapeOf(typeOf(en, e));
      if (c === null || typeof s === 'string') return fail(en, f, e, 'this enumeration value', want);
      return constOf(z, s, c);
    }
    case 'Name':
    case 'Member': {
      if (e.kind === 'Name') {
        const s = en.model.resolution.ids.get(e.id) as { kind: string } | undefined;
        if (s?.kind === 'enumval') {
          const sh = shapeOf(typeOf(en, e));
          const c = en.constValue(e);
          if (c !== null && typeof sh !== 'string') return constOf(z, sh, c);
        }
      }
      const c = cellOf(en, f, e);
      return c ? en.read(c.path) : freshOf(z, want ?? { t: 'bool' }, en.fresh('unsupported'));
    }
    case 'BitAccess': {
      const o = expr(en, f, e.object);
      if (o.t !== 'bv' || e.bit >= o.bits) return fail(en, f, e, 'this bit access', want);
      return boolVal(z.Extract(e.bit, e.bit, o.v).eq(z.BitVec.val(1, 1)));
    }
    case 'Unary': {
      const o = expr(en, f, e.operand, want);
      if (e.op === 'NOT') return o.t === 'bool' ? boolVal(z.Not(o.v)) : bvVal(o.v.not(), o.bits, o.signed);
      if (o.t === 'bool') return fail(en, f, e, `${e.op} on a BOOL`, want);
      return e.op === '-' ? bvVal(o.v.neg(), o.bits, o.signed) : o;
    }
    case 'Binary':
      return binary(en, f, e, want);
    case 'Call':
      return call(en, f, e, want);
    default:
      return fail(en, f, e, `${e.kind} expressions`, want);
  }
}

function call(en: Encoder, f: Frame, e: Call, want?: Shape): Val {
  const target = en.model.resolution.calls.get(e);
  if (target?.kind === 'std') return callStdFunction(en, f, e, target.name, want);
  const s = target?.kind === 'sym' ? (target.sym as PouSym) : null;
  if (s?.kind === 'pou' && s.pouKind === 'FUNCTION') return callFunction(en, f, e, s, want);
  return fail(en, f, e, 'this call in an expression (methods, interfaces and FB calls as values are not encoded)', want);
}

/** The shape both operands of a comparison are brought to. */
function commonShape(en: Encoder, a: Expression, b: Expression): Shape | string {
  const sa = shapeOf(typeOf(en, a));
  const sb = shapeOf(typeOf(en, b));
  if (typeof sa === 'string') return sa;
  if (typeof sb === 'string') return sb;
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
  return el?.cls === 'litint' || en.constValue(e) !== null;
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
    const s: Shape = typeof rs === 'string' ? { t: 'bool' } : rs;
    const l = expr(en, f, e.left, s);
    let r: Val;
    if (op === 'AND_THEN' || op === 'OR_ELSE') {
      const c = asBool(z, l);
      r = expr(en, { ...f, guard: z.And(f.guard, op === 'AND_THEN' ? c : z.Not(c)) }, e.right, s);
    } else r = expr(en, f, e.right, s);
    if (l.t === 'bool' || r.t === 'bool') {
      const a = asBool(z, l);
      const b = asBool(z, r);
      return boolVal(op === 'XOR' ? z.Xor(a, b) : op === 'OR' || op === 'OR_ELSE' ? z.Or(a, b) : z.And(a, b));
    }
    const b = convertTo(z, r, l) as Bv;
    return bvVal(op === 'XOR' ? l.v.xor(b.v) : op === 'OR' || op === 'OR_ELSE' ? l.v.or(b.v) : l.v.and(b.v), l.bits, l.signed);
  }
  if (op === '=' || op === '<>' || op === '<' || op === '>' || op === '<=' || op === '>=') {
    const s = commonShape(en, e.left, e.right);
    if (typeof s === 'string') return fail(en, f, e, `comparison of ${s}`);
    const l = convertTo(z, expr(en, f, e.left, s), s);
    const r = convertTo(z, expr(en, f, e.right, s), s);
    if (l.t === 'bool' || r.t === 'bool') {
      const a = asBool(z, l);
      const b = asBool(z, r);
      if (op === '=') return boolVal(a.eq(b));
      if (op === '<>') return boolVal(a.neq(b));
      return fail(en, f, e, `ordering comparison of BOOL values`);
    }
    const sg = l.signed;
    const a = l.v;
    const b = r.v;
    const res = op === '=' ? a.eq(b) : op === '<>' ? a.neq(b) : op === '<' ? (sg ? a.slt(b) : a.ult(b)) : op === '>' ? (sg ? a.sgt(b) : a.ugt(b)) : op === '<=' ? (sg ? a.sle(b) : a.ule(b)) : sg ? a.sge(b) : a.uge(b);
    return boolVal(res);
  }
  const rs0 = shapeOf(typeOf(en, e));
  const rs = typeof rs0 === 'string' || rs0.t === 'bool' ? (want ?? rs0) : rs0;
  if (typeof rs === 'string' || rs.t === 'bool') return fail(en, f, e, `arithmetic on ${typeof rs === 'string' ? rs : 'BOOL'}`, want);
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
      if (typeof d !== 'bigint' || d === 0n) return fail(en, f, e, `${op} by a value that is not a non-zero constant (a division fault is not encoded)`, want);
      if (op === '/') return bvVal(rs.signed ? l.v.sdiv(r.v) : l.v.udiv(r.v), rs.bits, rs.signed);
      return bvVal(rs.signed ? l.v.srem(r.v) : l.v.urem(r.v), rs.bits, rs.signed);
    }
    default:
      return fail(en, f, e, `the operator ${op}`, want);
  }
}

import type { EnumHit } from '../plc/check/context.js';
import { findPouVar, type GvlSym, type PouSym, type PropSym, type VarSym } from '../plc/check/symbols.js';
import { elemOf, type EnumMemberSym, type Type } from '../plc/check/types.js';
import type { Binary, Expression, Literal } from '../plc/st/ast.js';
import { genCall } from './gen-calls.js';
import { propertyPlace } from './gen-dispatch.js';
import { keyOf, prop, type GenContext, type PouGen } from './gen-context.js';
import { convert, isBig, isFloat, reprOf, wrap, type Repr } from './repr.js';

export interface Code {
  code: string;
  repr: Repr;
}

/** A place that can be read, written and referenced: `base` + accessor, with the key as an expression. */
export interface Lvalue {
  read: string;
  write(value: string): string;
  /** `{o, k}` reference object for ADR/REF and VAR_IN_OUT. */
  ref: string;
  type: Type | undefined;
}

type Sym = VarSym | PouSym | PropSym | GvlSym | EnumHit | (EnumMemberSym & { kind?: undefined });

function place(base: string, k: string, type: Type | undefined): Lvalue {
  const acc = prop(k);
  return { read: `${base}${acc}`, write: (v) => `${base}${acc} = ${v}`, ref: `{ o: ${base}, k: ${JSON.stringify(k)} }`, type };
}

/** Where a variable symbol lives for the POU being generated. */
export function varPlace(g: GenContext, pg: PouGen, v: VarSym): Lvalue {
  const gk = g.globals.get(v);
  if (gk) return place('G', gk, v.type ?? undefined);
  let s = pg.storage.get(v);
  if (!s) {
    const owned = findPouVar(pg.pou.owner ?? pg.pou, keyOf(v.name)) === v;
    if (owned) return place('self', keyOf(v.name), v.type ?? undefined);
    const name = `v_${keyOf(v.name).replace(/[^A-Z0-9_]/g, '_')}`;
    pg.lazy.set(v, name);
    s = { kind: 'local', name };
    pg.storage.set(v, s);
  }
  switch (s.kind) {
    case 'self':
      return place('self', s.key, v.type ?? undefined);
    case 'global':
      return place('G', s.key, v.type ?? undefined);
    case 'local':
      return { read: s.name, write: (x) => `${s.name} = ${x}`, ref: `{ o: { v: ${s.name} }, k: 'v' }`, type: v.type ?? undefined };
    case 'ref':
      return { read: `${s.holder}.o[${s.holder}.k]`, write: (x) => `${s.holder}.o[${s.holder}.k] = ${x}`, ref: s.holder, type: v.type ?? undefined };
  }
}

export function lvalue(g: GenContext, pg: PouGen, e: Expression): Lvalue | null {
  switch (e.kind) {
    case 'Paren':
      return lvalue(g, pg, e.expr);
    case 'Name': {
      const s = g.symbolOf(e.id) as Sym | undefined;
      if (s?.kind === 'var') return varPlace(g, pg, s);
      if (s?.kind === 'pou' && s.pouKind === 'PROGRAM') return place('P', keyOf(s.name), g.typeOf(e));
      if (s?.kind === 'prop') return propertyPlace(g, pg, null, s, pg.pou.owner ?? pg.pou, e.start);
      return null;
    }
    case 'Member': {
      const obj = e.object;
      const s = g.symbolOf(e.member) as Sym | undefined;
      if (obj.kind === 'Name' && (g.symbolOf(obj.id) as Sym | undefined)?.kind === 'gvl' && s?.kind === 'var') return varPlace(g, pg, s);
      const ot = g.typeOf(obj);
      if (ot?.kind === 'interface') {
        const pr = ot.sym.properties.get(keyOf(e.member.name));
        return pr ? propertyPlace(g, pg, obj, pr, null, e.start) : null;
      }
      if (s?.kind === 'prop') return propertyPlace(g, pg, obj, s, ot?.kind === 'pou' ? ot.pou : pg.pou.owner ?? pg.pou, e.start);
      const base = objectOf(g, pg, obj);
      if (base === null) return null;
      return place(base, keyOf(e.member.name), g.typeOf(e));
    }
    case 'Index': {
      const arr = lvalue(g, pg, e.object);
      const t = g.typeOf(e.object);
      if (!arr || t?.kind !== 'array') return null;
      let base = arr.read;
      const site = g.site(pg.label, pg.file, e.start);
      const idx: string[] = [];
      e.indices.forEach((ix, n) => {
        const dim = t.dims[n] ?? null;
        const i = genExpr(g, pg, ix);
        const num = isBig(i.repr) ? `Number(${i.code})` : i.code;
        idx.push(dim ? `rt.idx(${num}, ${dim.lo}, ${dim.hi}, ${site})` : `${num}`);
        if (n < e.indices.length - 1) base = `${base}[${idx[n]}]`;
      });
      const last = idx[idx.length - 1]!;
      return { read: `${base}[${last}]`, write: (v) => `${base}[${last}] = ${v}`, ref: `{ o: ${base}, k: ${last} }`, type: g.typeOf(e) };
    }
    case 'Deref': {
      if (e.object.kind === 'This' || e.object.kind === 'Super') return null;
      const p = genExpr(g, pg, e.object).code;
      const site = g.site(pg.label, pg.file, e.start);
      const r = `rt.deref(${p}, ${site})`;
      return { read: `${r}.o[${r}.k]`, write: (v) => `(($r) => { $r.o[$r.k] = ${v}; })(${r})`, ref: r, type: g.typeOf(e) };
    }
    case 'BitAccess': {
      const inner = lvalue(g, pg, e.object);
      if (!inner) return null;
      const r = reprOf(inner.type ?? g.typeOf(e.object));
      const bit = e.bit;
      const read = isBig(r) ? `((${inner.read} >> ${bit}n) & 1n) === 1n` : `((${inner.read} >>> ${bit}) & 1) === 1`;
      const write = (v: string): string =>
        isBig(r)
          ? inner.write(wrap(`(${v} ? (${inner.read} | (1n << ${bit}n)) : (${inner.read} & ~(1n << ${bit}n)))`, r))
          : inner.write(wrap(`rt.setBit(${inner.read}, ${bit}, ${v})`, r));
      return { read: `(${read})`, write, ref: 'null', type: g.typeOf(e) };
    }
    case 'DirectAddress':
      return { read: `rt.io[${JSON.stringify(e.address.toUpperCase())}]`, write: (v) => `rt.io[${JSON.stringify(e.address.toUpperCase())}] = ${v}`, ref: `{ o: rt.io, k: ${JSON.stringify(e.address.toUpperCase())} }`, type: g.typeOf(e) };
  }
  return null;
}

/** The JS object an FB instance, struct or program expression denotes (THIS^ and SUPER^ are `self`). */
export function objectOf(g: GenContext, pg: PouGen, e: Expression): string | null {
  if (e.kind === 'Deref' && (e.object.kind === 'This' || e.object.kind === 'Super')) return 'self';
  const lv = lvalue(g, pg, e);
  if (lv) return lv.read;
  // An interface a function, method or property returns: `GetAxis(i).Halt()`.
  return g.typeOf(e)?.kind === 'interface' ? genExpr(g, pg, e).code : null;
}

function literal(g: GenContext, e: Literal, r: Repr): string {
  const v = e.value;
  if (v === null) return '0';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (e.litKind === 'time' || e.litKind === 'ltime' || e.litKind === 'date' || e.litKind === 'tod' || e.litKind === 'dt' || e.litKind === 'ldate' || e.litKind === 'ltod' || e.litKind === 'ldt') {
    const ns = BigInt(v);
    return r === 'ltime' || isBig(r) ? `${ns}n` : String(Number(ns / 1_000_000n));
  }
  if (isBig(r)) return `${typeof v === 'bigint' ? v : BigInt(Math.trunc(v))}n`;
  if (typeof v === 'bigint') return isFloat(r) ? String(Number(v)) : `${v}n`;
  return String(v);
}

/** Value of an expression as JS code, with the representation of its IEC type. */
export function genExpr(g: GenContext, pg: PouGen, e: Expression): Code {
  const t = g.typeOf(e);
  const r = reprOf(t);
  switch (e.kind) {
    case 'Literal':
      return { code: literal(g, e, r), repr: r };
    case 'Paren':
      return genExpr(g, pg, e.expr);
    case 'EnumValue': {
      const et = t?.kind === 'enum' ? t : null;
      const m = et?.members.get(keyOf(e.value.name));
      return { code: String(m?.value ?? 0), repr: 'enum' };
    }
    case 'Name': {
      const s = g.symbolOf(e.id) as Sym | undefined;
      if (s?.kind === 'enumval') return { code: String(s.member.value), repr: 'enum' };
      break;
    }
    case 'Member': {
      const s = g.symbolOf(e.member) as Sym | undefined;
      if (s && 'value' in s && typeof s.value === 'number' && s.kind === undefined) return { code: String(s.value), repr: 'enum' };
      break;
    }
    case 'Call':
      return genCall(g, pg, e);
    case 'Unary': {
      const o = genExpr(g, pg, e.operand);
      const or = o.repr === 'litint' || o.repr === 'litreal' ? r : o.repr;
      const v = convert(o.code, o.repr, or);
      if (e.op === 'NOT') return { code: r === 'bool' ? `!${v}` : wrap(isBig(r) ? `~${v}` : `~${v}`, r), repr: r };
      if (e.op === '-') return { code: wrap(`-${v}`, r), repr: r };
      return { code: v, repr: r };
    }
    case 'Binary':
      return binary(g, pg, e, r);
    case 'This':
    case 'Super':
      return { code: `{ o: { v: self }, k: 'v' }`, repr: 'other' };
    case 'Deref':
      // THIS^ as a value: the instance itself (assigned to an interface, passed on).
      if (e.object.kind === 'This' || e.object.kind === 'Super') return { code: 'self', repr: 'other' };
      break;
    case 'ErrorExpr':
      return { code: g.unsupported(pg.file, e.start, 'an expression with errors'), repr: 'other' };
  }
  const lv = lvalue(g, pg, e);
  if (lv) return { code: lv.read, repr: r };
  return { code: g.unsupported(pg.file, e.start, `the expression kind ${e.kind}`), repr: 'other' };
}

/** Representation both operands of a comparison are brought to. */
function compareRepr(a: Repr, b: Repr): Repr {
  if (a === 'str' || b === 'str') return 'str';
  if (isBig(a) || isBig(b)) return isBig(a) ? a : b;
  if (isFloat(a) || isFloat(b)) return 'f64';
  if (a === 'bool' && b === 'bool') return 'bool';
  return a === 'litint' ? b : a;
}

function binary(g: GenContext, pg: PouGen, e: Binary, r: Repr): Code {
  const l = genExpr(g, pg, e.left);
  const rt = genExpr(g, pg, e.right);
  const op = e.op;
  if ((op === '=' || op === '<>') && [g.typeOf(e.left), g.typeOf(e.right)].some((t) => t?.kind === 'interface' || t?.kind === 'ref')) {
    // `itf <> 0`, `itf1 = itf2`, `p = 0`: an unset interface or pointer equals 0 (CODESYS's NULL check).
    const same = `rt.sameRef(${l.code}, ${rt.code})`;
    return { code: op === '=' ? same : `!${same}`, repr: 'bool' };
  }
  if (op === '=' || op === '<>' || op === '<' || op === '>' || op === '<=' || op === '>=') {
    const cr = compareRepr(l.repr, rt.repr);
    const a = convert(l.code, l.repr, cr);
    const b = convert(rt.code, rt.repr, cr);
    const js = op === '=' ? '===' : op === '<>' ? '!==' : op;
    return { code: `(${a} ${js} ${b})`, repr: 'bool' };
  }
  const target: Repr = r === 'litint' ? (isBig(l.repr) || isBig(rt.repr) ? 'i64' : 'litint') : r;
  const a = convert(l.code, l.repr, target);
  const b = convert(rt.code, rt.repr, target);
  const site = (): number => g.site(pg.label, pg.file, e.start);
  if (target === 'bool') {
    switch (op) {
      case 'AND':
      case 'AND_THEN':
        return { code: `(${a} && ${b})`, repr: 'bool' };
      case 'OR':
      case 'OR_ELSE':
        return { code: `(${a} || ${b})`, repr: 'bool' };
      case 'XOR':
        return { code: `(${a} !== ${b})`, repr: 'bool' };
    }
  }
  const big = isBig(target);
  switch (op) {
    case 'AND':
      return { code: wrap(`(${a} & ${b})`, target), repr: target };
    case 'OR':
      return { code: wrap(`(${a} | ${b})`, target), repr: target };
    case 'XOR':
      return { code: wrap(`(${a} ^ ${b})`, target), repr: target };
    case '+':
    case '-':
      return { code: wrap(`(${a} ${op} ${b})`, target), repr: target };
    case '*':
      if (!big && (target === 'i32' || target === 'u32' || target === 'time')) return { code: wrap(`Math.imul(${a}, ${b})`, target), repr: target };
      return { code: wrap(`(${a} * ${b})`, target), repr: target };
    case '/':
      if (isFloat(target) || target === 'litreal') return { code: wrap(`(${a} / ${b})`, target), repr: target };
      return { code: wrap(big ? `rt.bdiv(${a}, ${b}, ${site()})` : `rt.div(${a}, ${b}, ${site()})`, target), repr: target };
    case 'MOD':
      if (isFloat(target)) return { code: `(${a} % ${b})`, repr: target };
      return { code: wrap(big ? `rt.bmod(${a}, ${b}, ${site()})` : `rt.mod(${a}, ${b}, ${site()})`, target), repr: target };
    case '**':
      return { code: wrap(`Math.pow(${convert(l.code, l.repr, 'f64')}, ${convert(rt.code, rt.repr, 'f64')})`, isFloat(target) ? target : 'f64'), repr: isFloat(target) ? target : 'f64' };
  }
  return { code: g.unsupported(pg.file, e.start, `operator ${op}`), repr: 'other' };
}

export function elemBits(t: Type | undefined): number {
  return elemOf(t ?? { kind: 'error' })?.bits ?? 32;
}

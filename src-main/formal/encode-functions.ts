import { findPouVar, type PouSym, type VarSym } from '../plc/check/symbols.js';
import { bindArgs } from '../plc/st/bind-args.js';
import { key, type Call, type CallArg } from '../plc/st/ast.js';
import type { Encoder, Frame } from './encoder.js';
import { accessOf, havocAccess, varAccess, writeAccess } from './encode-access.js';
import { expr, typeOf } from './encode-expr.js';
import { assignValue, execBody } from './encode-stmt.js';
import { leavesOf } from './encode-types.js';
import { asBool, convertTo, freshOf, ite, shapeOf, type Shape, type Val } from './values.js';


/** Resets every leaf of a POU's own variables to its initial value (a function or method call starts afresh). */
export function resetLocals(en: Encoder, inner: Frame, vars: readonly VarSym[], skip: ReadonlySet<string>): void {
  for (const v of vars) {
    if (skip.has(key(v.name)) || !v.type || v.section === 'VAR_IN_OUT') continue;
    const leaves = leavesOf(v.type);
    if (!leaves) continue;
    const base = { path: `${inner.prefix}.${key(v.name)}`, display: `${inner.display}.${v.name}`, v, input: false };
    for (const l of leaves) {
      const c = en.leafCell(base, l.steps, l.suffix.toUpperCase(), l.suffix, l.type);
      if (c) en.reset(c.path, c.init);
    }
  }
}

/** Binds the arguments of a function or method call: inputs written, in-outs and outputs returned for later. */
function bindInputs(en: Encoder, f: Frame, inner: Frame, e: Call, fn: PouSym): { outs: [VarSym, CallArg][]; inouts: CallArg[] } {
  const bound = bindArgs(e.args, fn.params.map((p) => key(p.name)));
  const outs: [VarSym, CallArg][] = [];
  const inouts: CallArg[] = [];
  for (const [name, a] of bound) {
    const p = fn.vars.get(name);
    if (!p || !a.value) continue;
    if (p.section === 'VAR_IN_OUT') {
      inouts.push(a);
      continue;
    }
    if (a.assign === '=>' || p.section === 'VAR_OUTPUT') {
      outs.push([p, a]);
      continue;
    }
    assignValue(en, f, varAccess(en, inner, p), a.value, en.guardOf(f), a, inner);
  }
  return { outs, inouts };
}

/** After the call: outputs copied to their targets, in-out arguments havocked (the callee may write them). */
function finishCall(en: Encoder, f: Frame, inner: Frame, fn: PouSym, outs: [VarSym, CallArg][], inouts: CallArg[]): void {
  const g = en.guardOf(f);
  for (const [p, a] of outs) {
    const src = en.varCell(inner, p);
    const dst = accessOf(en, f, a.value!);
    if (!src || !dst) continue;
    const v = en.read(src.path);
    writeAccess(en, f, dst, a.negated ? { t: 'bool', v: en.z.Not(asBool(en.z, v)) } : v, g, a);
  }
  for (const a of inouts) {
    const dst = accessOf(en, f, a.value!);
    if (dst) havocAccess(en, f, dst, g, a, `VAR_IN_OUT argument of ${fn.name}`);
    else en.noteHavoc(f.file, a, `VAR_IN_OUT argument of ${fn.name} (passed on)`);
  }
}

/** A user FUNCTION, inlined: a fresh frame whose variables start at their initial values on every call. */
export function callFunction(en: Encoder, f: Frame, e: Call, fn: PouSym, want?: Shape): Val {
  // The checker types a function's result through its implicit result variable.
  const rs = shapeOf(fn.retVar?.type ?? fn.returnType);
  const shape: Shape = want ?? (typeof rs === 'string' ? { t: 'bool' } : rs);
  if (f.depth > 16) {
    en.unsupportedAt(f.file, e, `call of ${fn.name}: nesting deeper than 16 (recursion)`);
    return freshOf(en.z, shape, en.fresh('unsupported'));
  }
  const prefix = en.fresh(`F.${key(fn.name)}`);
  const inner: Frame = { pou: fn, prefix, display: fn.name, file: fn.file, guard: en.guardOf(f), running: { v: en.z.Bool.val(true) }, loop: null, depth: f.depth + 1 };
  resetLocals(en, inner, [...fn.vars.values(), ...(fn.retVar ? [fn.retVar] : [])], new Set());
  const { outs, inouts } = bindInputs(en, f, inner, e, fn);
  execBody(en, inner, fn.node.body);
  finishCall(en, f, inner, fn, outs, inouts);
  if (typeof rs === 'string' || !fn.retVar) return en.havocAt(f.file, e, `result of ${fn.name} (${typeof rs === 'string' ? rs : 'none'}): free`, shape);
  const c = en.varCell(inner, fn.retVar);
  return c ? en.read(c.path) : en.havocAt(f.file, e, `result of ${fn.name}: free`, shape);
}

/** A method of an FB instance, inlined: its own variables start afresh, the instance's members persist. */
/** `t.pou`: the block type of the instance (a derived FB may declare members the method's own locals would shadow). */
export function callMethod(en: Encoder, f: Frame, e: Call, t: { method: PouSym; path: string; display: string; pou?: PouSym }, want?: Shape): Val | null {
  const m = t.method;
  if (f.depth > 16) {
    en.unsupportedAt(f.file, e, `call of ${m.name}: nesting deeper than 16 (recursion)`);
    return null;
  }
  const owner = t.pou ?? m.owner!;
  for (const v of m.vars.keys()) {
    if (findPouVar(owner, v)) {
      en.unsupportedAt(f.file, e, `method ${m.name}: its variable ${v} shadows a member of ${owner.name}`);
      return null;
    }
  }
  const inner: Frame = { pou: m, prefix: t.path, display: t.display, file: m.file, guard: en.guardOf(f), running: { v: en.z.Bool.val(true) }, loop: null, depth: f.depth + 1 };
  resetLocals(en, inner, [...m.vars.values(), ...(m.retVar ? [m.retVar] : [])], new Set());
  const { outs, inouts } = bindInputs(en, f, inner, e, m);
  execBody(en, inner, m.node.body);
  finishCall(en, f, inner, m, outs, inouts);
  const rs = shapeOf(m.retVar?.type ?? m.returnType);
  if (!m.retVar || typeof rs === 'string') return want ? en.havocAt(f.file, e, `result of ${m.name}: free`, want) : null;
  const c = en.varCell(inner, m.retVar);
  return c ? en.read(c.path) : null;
}

const CONVERSION = /^(?:[A-Z]+_)?TO_([A-Z]+)$|^TRUNC$/;

/** Standard functions with an exact encoding: selection, comparison, MOVE and integer/BOOL conversions. */
export function callStdFunction(en: Encoder, f: Frame, e: Call, name: string, want?: Shape): Val {
  const z = en.z;
  const n = key(name);
  const rs0 = shapeOf(typeOf(en, e));
  const rs = typeof rs0 === 'string' ? want : rs0;
  const args = e.args.filter((a) => a.value).map((a) => a.value!);
  const bad = (): Val => {
    for (const a of args) expr(en, f, a);
    return en.havocAt(f.file, e, `the standard function ${name}${typeof rs0 === 'string' ? ` (${rs0})` : ''}: result free`, rs ?? { t: 'bool' }, rs?.t === 'fp');
  };
  if (!rs) return bad();
  const at = (i: number, s: Shape = rs): Val => convertTo(z, expr(en, f, args[i]!, s), s);
  if ((n === 'MOVE' || CONVERSION.test(n)) && n !== 'TRUNC' && args.length === 1) {
    const src = shapeOf(typeOf(en, args[0]!));
    if (typeof src === 'string') return bad();
    return convertTo(z, expr(en, f, args[0]!, src), rs);
  }
  if (rs.t === 'bv' && (n === 'MAX' || n === 'MIN') && args.length >= 1) {
    let acc = at(0);
    for (let i = 1; i < args.length; i++) {
      const x = at(i);
      if (acc.t !== 'bv' || x.t !== 'bv') return bad();
      const lt = rs.signed ? acc.v.slt(x.v) : acc.v.ult(x.v);
      acc = ite(z, n === 'MAX' ? lt : z.Not(lt), x, acc);
    }
    return acc;
  }
  if (rs.t === 'bv' && n === 'LIMIT' && args.length === 3) {
    const [lo, v, hi] = [at(0), at(1), at(2)];
    if (lo.t !== 'bv' || v.t !== 'bv' || hi.t !== 'bv') return bad();
    const lt = (a: typeof lo, b: typeof lo) => (rs.signed ? a.v.slt(b.v) : a.v.ult(b.v));
    return ite(z, lt(v, lo), lo, ite(z, lt(hi, v), hi, v));
  }
  if (rs.t === 'bv' && n === 'ABS' && args.length === 1) {
    const v = at(0);
    if (v.t !== 'bv') return bad();
    return ite(z, v.v.slt(z.BitVec.val(0, v.bits)), { ...v, v: v.v.neg() }, v);
  }
  if (n === 'SEL' && args.length === 3) return ite(z, asBool(z, expr(en, f, args[0]!, { t: 'bool' })), at(2), at(1));
  if (n === 'MUX' && args.length >= 2) {
    const k = expr(en, f, args[0]!);
    if (k.t !== 'bv') return bad();
    let acc = at(args.length - 1);
    for (let i = args.length - 2; i >= 1; i--) acc = ite(z, k.v.eq(z.BitVec.val(i - 1, k.bits)), at(i), acc);
    const n = args.length - 1;
    const oob = k.signed ? z.Or(k.v.slt(z.BitVec.val(0, k.bits)), k.v.sge(z.BitVec.val(n, k.bits))) : k.v.uge(z.BitVec.val(n, k.bits));
    en.faultIf(z.And(en.guardOf(f), oob), f.file, e, 'MUX selector out of range');
    return acc;
  }
  if (rs.t === 'bool' && ['AND', 'OR', 'XOR', 'NOT'].includes(n)) {
    const xs = args.map((a) => asBool(z, expr(en, f, a, { t: 'bool' })));
    if (n === 'NOT' && xs.length === 1) return { t: 'bool', v: z.Not(xs[0]!) };
    if (xs.length < 2) return bad();
    return { t: 'bool', v: n === 'AND' ? z.And(...xs) : n === 'OR' ? z.Or(...xs) : xs.slice(1).reduce((a, b) => z.Xor(a, b), xs[0]!) };
  }
  return bad();
}

import type { PouSym } from '../plc/check/symbols.js';
import { bindArgs } from '../plc/st/bind-args.js';
import { key, type Call } from '../plc/st/ast.js';
import type { Encoder, Frame } from './encoder.js';
import { expr, typeOf } from './encode-expr.js';
import { execBody } from './encode-stmt.js';
import { asBool, convertTo, freshOf, ite, shapeOf, type Shape, type Val } from './values.js';


/** A user FUNCTION: a fresh frame whose variables start at their initial values on every call. */
export function callFunction(en: Encoder, f: Frame, e: Call, fn: PouSym, want?: Shape): Val {
  // The checker types a function's result through its implicit result variable.
  const rs = shapeOf(fn.retVar?.type ?? fn.returnType);
  const bad = (what: string): Val => {
    en.unsupportedAt(f.file, e, what);
    return freshOf(en.z, want ?? (typeof rs === 'string' ? { t: 'bool' } : rs), en.fresh('unsupported'));
  };
  if (typeof rs === 'string' || !fn.retVar) return bad(`call of ${fn.name}: result is ${typeof rs === 'string' ? rs : 'missing'}`);
  if (f.depth > 16) return bad(`call of ${fn.name}: nesting deeper than 16 (recursion)`);
  if (fn.params.some((p) => p.section !== 'VAR_INPUT')) return bad(`call of ${fn.name}: VAR_OUTPUT/VAR_IN_OUT parameters of functions are not encoded`);
  const prefix = en.fresh(`F.${key(fn.name)}`);
  const inner: Frame = { pou: fn, prefix, display: fn.name, file: fn.file, guard: en.guardOf(f), running: { v: en.z.Bool.val(true) }, loop: null, depth: f.depth + 1 };
  const bound = bindArgs(e.args, fn.params.map((p) => key(p.name)));
  const vars = [...fn.vars.values(), fn.retVar];
  for (const v of vars) {
    const c = en.varCell(inner, v);
    if (!c) return bad(`call of ${fn.name}: variable ${v.name} has no encoding`);
    const a = bound.get(key(v.name));
    en.reset(c.path, a?.value && v.section === 'VAR_INPUT' ? convertTo(en.z, expr(en, f, a.value, c.shape), c.shape) : c.init);
  }
  execBody(en, inner, fn.node.body);
  return en.read(en.varCell(inner, fn.retVar)!.path);
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
    en.unsupportedAt(f.file, e, `the standard function ${name}${typeof rs0 === 'string' ? ` (${rs0})` : ''}`);
    return freshOf(z, rs ?? { t: 'bool' }, en.fresh('unsupported'));
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
    en.unsupportedAt(f.file, e, 'MUX with an out-of-range selector (the soft-PLC faults, the encoding takes the last input)');
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

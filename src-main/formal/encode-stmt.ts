import { findPouVar, type ActionSym, type PouSym, type VarSym } from '../plc/check/symbols.js';
import { key, type Assign, type Call, type CallArg, type Case, type Expression, type If, type Statement } from '../plc/st/ast.js';
import { FB_ALIASES, PIN_ALIASES } from '../sim/std-fbs.js';
import { bindArgs } from '../plc/st/bind-args.js';
import type { Encoder, Frame } from './encoder.js';
import { accessOf, accessShape, copyComposite, havocAccess, instanceOf, isComposite, varAccess, writeAccess, type Access } from './encode-access.js';
import { expr, typeOf } from './encode-expr.js';
import { hasNativeModel, nativePinCell, stepNative } from './encode-fbs.js';
import { callDispatched, methodReceivers, propertyRef, propertySet } from './encode-dispatch.js';
import { guardedBy, instanceAlts, refValue } from './encode-refs.js';
import { forStmt, repeatStmt, whileStmt } from './encode-loops.js';
import { asBool, boolVal, bvVal, convertTo, shapeOf, type Val } from './values.js';
import type { ZBool } from './z3-context.js';

/** Executes a statement list: every write is guarded by the condition under which it really happens. */
export function execBody(en: Encoder, f: Frame, list: readonly Statement[]): void {
  for (const s of list) if (en.inCone(s)) exec(en, f, s);
}

/** The variable at the root of an access chain (`a.b[i].c` -> a), if it is one. */
function rootVar(en: Encoder, e: Expression): VarSym | null {
  let x: Expression = e;
  while (x.kind === 'Member' || x.kind === 'Index' || x.kind === 'BitAccess' || x.kind === 'Paren') x = x.kind === 'Paren' ? x.expr : x.object;
  if (x.kind !== 'Name') return null;
  const s = en.model.resolution.ids.get(x.id) as VarSym | undefined;
  return s?.kind === 'var' ? s : null;
}

/**
 * `dst := value` under `guard`: scalars converted to the target's type, structs and arrays leaf by leaf. The
 * value is evaluated in frame `f`; `dst` may belong to another frame (a callee's parameter).
 */
export function assignValue(en: Encoder, f: Frame, dst: Access, value: Expression, guard: ZBool, node: { start: number }, _target?: Frame): void {
  if (isComposite(dst)) return copyComposite(en, f, dst, accessOf(en, f, value), guard, node);
  if (dst.alts[0]?.type?.kind === 'interface') return writeAccess(en, f, dst, refValue(en, f, value), guard, node);
  const shape = accessShape(en, dst);
  const v = expr(en, f, value, shape ?? undefined);
  if (shape) writeAccess(en, f, dst, convertTo(en.z, v, shape), guard, node);
}

function assign(en: Encoder, f: Frame, s: Assign): void {
  const z = en.z;
  if (s.op !== ':=' && s.op !== 'S=' && s.op !== 'R=') return en.unsupportedAt(f.file, s, `the assignment ${s.op} (references are not encoded)`);
  const g = en.guardOf(f);
  if (s.target.kind === 'BitAccess') {
    const o = accessOf(en, f, s.target.object);
    const cur = o ? expr(en, f, s.target.object) : null;
    const bit = s.target.bit;
    if (!o || !cur || cur.t !== 'bv' || bit >= cur.bits || s.op !== ':=') return en.unsupportedAt(f.file, s, 'this bit assignment');
    const b = asBool(z, expr(en, f, s.value, { t: 'bool' }));
    const mask = z.BitVec.val(1n << BigInt(bit), cur.bits);
    const nv = bvVal(z.If(b, cur.v.or(mask), cur.v.and(mask.not())), cur.bits, cur.signed);
    return writeAccess(en, f, o, nv, g, s);
  }
  const dst = accessOf(en, f, s.target);
  if (!dst && s.op === ':=' && propertyRef(en, f, s.target)) {
    const t = typeOf(en, s.target);
    const sh = shapeOf(t);
    const v = t?.kind === 'interface' ? refValue(en, f, s.value) : expr(en, f, s.value, typeof sh === 'string' ? undefined : sh);
    propertySet(en, f, s.target, typeof sh === 'string' ? v : convertTo(z, v, sh), s);
    return;
  }
  if (!dst) {
    expr(en, f, s.value);
    const r = rootVar(en, s.target);
    if (r?.section === 'VAR_IN_OUT') return en.noteHavoc(f.file, s, `a write through VAR_IN_OUT ${r.name} (the caller's argument is havocked after the call)`);
    return en.unsupportedAt(f.file, s, 'an assignment to a place the encoder cannot follow (pointer, reference, open array)');
  }
  if (s.op === ':=') return assignValue(en, f, dst, s.value, g, s);
  const v = asBool(z, expr(en, f, s.value, { t: 'bool' }));
  writeAccess(en, f, dst, boolVal(z.Bool.val(s.op === 'S=')), z.And(g, v), s);
}

function exec(en: Encoder, f: Frame, s: Statement): void {
  const z = en.z;
  switch (s.kind) {
    case 'Assign':
      return assign(en, f, s);
    case 'CallStmt':
      return callStatement(en, f, s.call);
    case 'If':
      return ifStmt(en, f, s);
    case 'Case':
      return caseStmt(en, f, s);
    case 'For':
      return forStmt(en, f, s);
    case 'While':
      return whileStmt(en, f, s);
    case 'Repeat':
      return repeatStmt(en, f, s);
    case 'Region':
      return execBody(en, f, s.body);
    case 'Empty':
      return;
    case 'Return':
      f.running.v = z.And(f.running.v, z.Not(en.guardOf(f)));
      return;
    case 'Exit':
    case 'Continue':
      if (!f.loop) return en.unsupportedAt(f.file, s, `${s.kind.toUpperCase()} outside a loop`);
      if (s.kind === 'Exit') f.loop.brk.v = z.And(f.loop.brk.v, z.Not(en.guardOf(f)));
      else f.loop.cont.v = z.And(f.loop.cont.v, z.Not(en.guardOf(f)));
      return;
    default:
      return en.unsupportedAt(f.file, s, `the statement ${s.kind}`);
  }
}

function branches(en: Encoder, f: Frame, arms: { cond: () => ZBool; body: readonly Statement[] }[], elseBody: readonly Statement[] | null): void {
  const z = en.z;
  let rest: ZBool = z.Bool.val(true);
  for (const a of arms) {
    const c = a.cond();
    execBody(en, { ...f, guard: z.And(f.guard, rest, c) }, a.body);
    rest = z.And(rest, z.Not(c));
  }
  if (elseBody) execBody(en, { ...f, guard: z.And(f.guard, rest) }, elseBody);
}

function ifStmt(en: Encoder, f: Frame, s: If): void {
  const z = en.z;
  branches(en, f, s.branches.map((b) => ({ cond: () => asBool(z, expr(en, { ...f, guard: en.guardOf(f) }, b.cond, { t: 'bool' })), body: b.body })), s.elseBody);
}

function caseStmt(en: Encoder, f: Frame, s: Case): void {
  const z = en.z;
  const sel = expr(en, f, s.selector);
  if (sel.t !== 'bv') return en.unsupportedAt(f.file, s.selector, 'CASE on a non-integer selector');
  const shape = { t: 'bv' as const, bits: sel.bits, signed: sel.signed };
  const cmp = (x: Val, lo: boolean): ZBool => {
    const c = x as Extract<Val, { t: 'bv' }>;
    return lo ? (sel.signed ? c.v.sle(sel.v) : c.v.ule(sel.v)) : sel.signed ? sel.v.sle(c.v) : sel.v.ule(c.v);
  };
  const arms = s.branches.map((b) => ({
    cond: (): ZBool => {
      const parts = b.labels.map((l) => {
        if (l.kind === 'CaseRange') {
          const lo = convertTo(z, expr(en, f, l.lo, shape), shape);
          const hi = convertTo(z, expr(en, f, l.hi, shape), shape);
          return z.And(cmp(lo, true), cmp(hi, false));
        }
        const v = convertTo(z, expr(en, f, l, shape), shape) as Extract<Val, { t: 'bv' }>;
        return sel.v.eq(v.v);
      });
      return parts.length ? z.Or(...parts) : z.Bool.val(false);
    },
    body: b.body,
  }));
  branches(en, f, arms, s.elseBody);
}

/** FB instance, program, method, action and function calls used as statements. */
export function callStatement(en: Encoder, f: Frame, call: Call): void {
  const target = en.model.resolution.calls.get(call);
  const sym = target?.kind === 'sym' ? (target.sym as PouSym | VarSym | ActionSym) : null;
  if ((sym?.kind === 'pou' && sym.pouKind === 'FUNCTION') || target?.kind === 'std') {
    expr(en, f, call);
    return;
  }
  const m = methodReceivers(en, f, call);
  if (m) {
    callDispatched(en, f, call, m);
    return;
  }
  if (sym?.kind === 'action') {
    const inst = call.callee.kind === 'Member' ? instanceOf(en, f, call.callee.object) : { path: f.prefix, display: f.display, pou: f.pou };
    if (!inst) return en.unsupportedAt(f.file, call, `action ${sym.name} of an instance the encoder cannot follow`);
    if (f.depth > 16) return en.unsupportedAt(f.file, call, `action ${sym.name}: nesting deeper than 16`);
    execBody(en, { ...f, prefix: inst.path, display: inst.display, file: sym.file, guard: en.guardOf(f), running: { v: en.T }, loop: null, depth: f.depth + 1 }, sym.node.body);
    return;
  }
  const inst = sym?.kind === 'pou' && sym.pouKind === 'PROGRAM' ? { path: `P.${key(sym.name)}`, display: sym.name, pou: sym } : sym?.kind === 'var' ? instanceOf(en, f, call.callee) : null;
  if (inst) return fbCall(en, f, call, inst);
  // An element of an FB array under a variable index, or an instance reached through THIS^: each candidate.
  const many = typeOf(en, call.callee)?.kind === 'pou' ? instanceAlts(en, f, call.callee) : null;
  if (!many) return en.unsupportedAt(f.file, call, `this call (${sym?.kind === 'pou' ? 'methods of an instance the encoder cannot follow' : 'an unresolved call'} is not encoded)`);
  if (!en.z.isFalse(many.none)) en.faultIf(en.z.And(en.guardOf(f), many.none), f.file, call, 'array index out of bounds');
  for (const a of many.alts) fbCall(en, guardedBy(en, f, a.cond), call, a);
}

function fbCall(en: Encoder, f: Frame, call: Call, inst: { path: string; display: string; pou: PouSym }): void {
  const z = en.z;
  const fb = inst.pou;
  const tk = FB_ALIASES[key(fb.name)] ?? key(fb.name);
  if (f.depth > 16) return en.unsupportedAt(f.file, call, `call of ${fb.name}: nesting deeper than 16`);
  const g = en.guardOf(f);
  const aliases = PIN_ALIASES[tk] ?? {};
  const bound = bindArgs(call.args, fb.params.map((p) => key(p.name)));
  const inner: Frame = { pou: fb, prefix: inst.path, display: inst.display, file: fb.file, guard: g, running: { v: z.Bool.val(true) }, loop: null, depth: f.depth + 1 };
  const native = fb.builtin && hasNativeModel(tk);
  if (fb.builtin && !native) en.noteHavoc(f.file, call, `${fb.name} has no formal model: its outputs are free`);
  const outs: [string, CallArg][] = [];
  const inouts: CallArg[] = [];
  for (const [pin0, a] of bound) {
    if (!a.value) continue;
    const pin = fb.builtin ? (aliases[pin0] ?? pin0) : pin0;
    const param = findPouVar(fb, pin0);
    if (!param) {
      expr(en, f, a.value);
      en.noteHavoc(f.file, a, `argument ${pin0} of ${fb.name} (no such parameter): ignored`);
      continue;
    }
    if (a.assign === '=>' || param.section === 'VAR_OUTPUT') {
      outs.push([pin, a]);
      continue;
    }
    if (param.section === 'VAR_IN_OUT') {
      inouts.push(a);
      continue;
    }
    if (fb.builtin) {
      const c = native ? nativePinCell(en, inst.path, inst.display, tk, pin) : null;
      const v = expr(en, f, a.value, c?.shape);
      if (c) en.write(c.path, convertTo(z, v, c.shape), g);
      continue;
    }
    assignValue(en, f, varAccess(en, inner, param), a.value, g, a, inner);
  }
  if (native) stepNative(en, inst.path, inst.display, tk, g);
  else if (!fb.builtin) execBody(en, inner, fb.node.body);
  for (const [pin, a] of outs) {
    const dst = accessOf(en, f, a.value!);
    if (!dst) {
      en.unsupportedAt(f.file, a, `output ${pin} of ${fb.name} connected to a place the encoder cannot follow`);
      continue;
    }
    const pv = fb.builtin ? null : findPouVar(fb, pin);
    const src = fb.builtin ? (native ? nativePinCell(en, inst.path, inst.display, tk, pin) : null) : pv ? en.varCell(inner, pv) : null;
    const shape = accessShape(en, dst);
    if (!src) {
      if (shape) writeAccess(en, f, dst, en.havocAt(f.file, a, `output ${pin} of ${fb.name}: free`, shape), g, a);
      else havocAccess(en, f, dst, g, a, `output ${pin} of ${fb.name}`);
      continue;
    }
    const v = en.read(src.path);
    writeAccess(en, f, dst, a.negated ? boolVal(z.Not(asBool(z, v))) : v, g, a);
  }
  for (const a of inouts) {
    const dst = accessOf(en, f, a.value!);
    if (dst) havocAccess(en, f, dst, g, a, `VAR_IN_OUT argument of ${fb.name}`);
    else en.noteHavoc(f.file, a, `VAR_IN_OUT argument of ${fb.name} (passed on)`);
  }
}

import type { PouSym } from '../plc/check/symbols.js';
import { key, type AnyNode, type Call, type Expression } from '../plc/st/ast.js';
import { exprKey, FALSE, not, TRUE, type BoolExpr } from './bool-expr.js';
import { boolOf, readVar } from './exec-expr.js';
import { frameReads, frameVarKey, mapKey, MAX_INLINE_DEPTH, type ExecCtx, type Frame } from './exec-frame.js';
import { isSafetyFbType } from '../safety-blocks/index.js';
import { fbImplications } from './fb-semantics.js';
import type { BodyRef, Callee } from './site-index.js';
import type { SymState } from './sym-state.js';

/**
 * A call during symbolic execution. Standard and PLCopen safety FBs contribute the implications their
 * outputs guarantee (fb-semantics.ts; a PLCopen block's own are in safety-blocks/<block>/pins.ts). In inline
 * mode a user FB (per instance), program, method or function is followed into its body on the caller's state,
 * inputs bound before and outputs copied after, so what it writes (a global enable, an instance's outputs) is
 * known to the code after the call. Anything it cannot follow (an FB in an array, recursion, an unknown callee)
 * havocs what it may write.
 */

export interface CallArgInfo {
  param: string;
  text: string;
  value: BoolExpr | null;
  expr: Expression | null;
}

export interface CallSite {
  body: string;
  file: string;
  start: number;
  call: Call;
  callee: Callee;
  path: BoolExpr;
  /** The call runs every scan that the body runs: not under a condition, not after a RETURN or jump. */
  everyScan: boolean;
  args: Map<string, CallArgInfo>;
}

/** What the statement executor lends the call executor. */
export interface CallHooks {
  write(fr: Frame, st: SymState, node: AnyNode, target: Expression, op: 'in-out' | '=>', value: BoolExpr | null, stmt: AnyNode): void;
  havoc(st: SymState, k: string): void;
  /** Runs a body in a frame on the state and returns the state at its end. */
  runFrame(fr: Frame, st: SymState): SymState;
}

const isBoolType = (t: { kind: string; cls?: string } | null | undefined): boolean => t?.kind === 'elem' && t.cls === 'bool';

/** The instance a call runs in when inlined: an FB's instance, a method's object, or null (program, function). */
function instanceOf(cx: ExecCtx, fr: Frame, call: Call, c: Callee): { inst: string | null; ok: boolean } {
  if (c.kind === 'fb') {
    const k = frameVarKey(cx, fr, call.callee);
    return k && !k.weak ? { inst: k.key, ok: true } : { inst: null, ok: false };
  }
  if (c.kind !== 'pou') return { inst: null, ok: false };
  if (!c.pou.owner) return { inst: null, ok: true };
  const callee = call.callee;
  if (callee.kind === 'Member') {
    const o = callee.object;
    if (o.kind === 'This' || (o.kind === 'Deref' && o.object.kind === 'This') || (o.kind === 'Name' && key(o.id.name) === 'SUPER')) return { inst: fr.inst, ok: fr.inst !== null };
    const k = frameVarKey(cx, fr, o);
    return k && !k.weak ? { inst: k.key, ok: true } : { inst: null, ok: false };
  }
  return { inst: fr.inst, ok: fr.inst !== null };
}

/** The key prefix of a callee's own parameters and locals in the frame it runs in. */
function paramKey(body: BodyRef, inst: string | null, name: string): string {
  if (body.self === body.owner) return inst !== null ? `${inst}.${key(name)}` : `${key(body.owner.name)}::${key(name)}`;
  return `${key(body.name)}::${key(name)}`;
}

/** Method and function variables are temporaries: a new generation per call, BOOLs at their initial value. */
function renewLocals(st: SymState, body: BodyRef, target: PouSym, hooks: CallHooks): void {
  const temp = target.pouKind === 'FUNCTION' || body.self !== body.owner;
  if (!temp) return;
  const prefix = body.self !== body.owner ? key(body.name) : key(target.name);
  hooks.havoc(st, prefix);
  const vars = [...target.vars.values(), ...(target.retVar ? [target.retVar] : [])];
  for (const v of vars) {
    if (v.section === 'VAR_IN_OUT' || v.section === 'VAR_EXTERNAL' || !isBoolType(v.type as never)) continue;
    const init = v.decl?.init;
    const val = init?.kind === 'Literal' && typeof init.value === 'boolean' ? (init.value ? TRUE : FALSE) : init ? null : FALSE;
    if (val) st.store.set(`${prefix}::${key(v.name)}`, val);
  }
}

/** Executes a call statement or a call in an expression; returns the state after it. */
export function execCall(cx: ExecCtx, fr: Frame, st: SymState, call: Call, stmt: AnyNode, hooks: CallHooks): SymState {
  const site = cx.site;
  const idx = site.idx;
  const body = fr.body;
  const show = (n: { start: number; end: number }): string => idx.show(n, body.file);
  const raw = site.calleeOf(call, body);
  const c: Callee = raw.kind === 'fb' ? { ...raw, instKey: mapKey(cx, fr, raw.instKey) } : raw;
  const target = c.kind === 'fb' ? c.type : c.kind === 'pou' ? c.pou : null;
  const params = target?.params ?? [];
  const args = new Map<string, CallArgInfo>();
  const outs: { param: string; value: Expression; negated: boolean; node: AnyNode }[] = [];
  const inOuts: { param: string; value: Expression; node: AnyNode }[] = [];
  call.args.forEach((a, i) => {
    const p = a.name ? params.find((x) => key(x.name) === key(a.name!.name)) : params[i];
    const param = p ? p.name : a.name ? a.name.name : `#${i + 1}`;
    if (!a.value) return;
    if (a.assign === '=>') {
      outs.push({ param, value: a.value, negated: a.negated, node: a });
      return;
    }
    const value = idx.isBool(a.value) ? boolOf(cx, fr, a.value, st) : null;
    if (p?.section === 'VAR_IN_OUT') inOuts.push({ param, value: a.value, node: a });
    args.set(key(param), { param, text: show(a.value), value, expr: a.value });
  });
  cx.run.calls.push({ body: body.name, file: body.file, start: call.start, call, callee: c, path: st.path, everyScan: !st.inBranch && !st.afterSkip, args });

  const act = c.kind === 'unknown' ? site.actionBody(call) : null;
  if (act) return execAction(cx, fr, st, call, act, hooks);
  const cb = target && !target.builtin ? site.idx.bodyOf(target) : null;
  const where = instanceOf(cx, fr, call, c);
  const follow = cx.inline && cb !== null && target !== null && where.ok && cx.stack.length < MAX_INLINE_DEPTH && !cx.stack.includes(cb);
  let out = st;
  if (c.kind === 'fb' && c.type.builtin) {
    builtinFb(cx, fr, st, c, args, hooks);
  } else if (follow) {
    out = inline(cx, st, cb, target, where.inst, args, hooks);
  } else {
    for (const io of inOuts) hooks.write(fr, st, io.node, io.value, 'in-out', null, stmt);
    if (c.kind === 'fb') hooks.havoc(st, c.instKey);
    else if (target && target.pouKind === 'PROGRAM') hooks.havoc(st, key(target.name));
    else if (call.callee.kind === 'Member') {
      const ik = frameVarKey(cx, fr, call.callee.object);
      if (ik) hooks.havoc(st, ik.key);
    }
    if (cb) for (const g of site.globalEffects(cb)) hooks.havoc(st, g);
  }
  for (const o of outs) {
    let v: BoolExpr | null = null;
    if (idx.isBool(o.value)) {
      const src = c.kind === 'fb' ? `${c.instKey}.${key(o.param)}` : follow && cb && target ? paramKey(cb, where.inst, o.param) : null;
      if (src) v = readVar(cx.site, src, out, `${c.kind === 'fb' ? c.instText : ''}.${o.param}`, null);
    }
    hooks.write(fr, out, o.node, o.value, '=>', v && o.negated ? not(v) : v, stmt);
  }
  if (follow && cb && target) {
    for (const io of inOuts) {
      const src = paramKey(cb, where.inst, io.param);
      hooks.write(fr, out, io.node, io.value, 'in-out', idx.isBool(io.value) ? readVar(cx.site, src, out, io.param, null) : null, stmt);
    }
  }
  return out;
}

/** The instance an action runs in: the object it is called on, else the caller's own instance. */
function actionInstance(cx: ExecCtx, fr: Frame, call: Call, act: BodyRef): { inst: string | null; ok: boolean } {
  if (call.callee.kind === 'Member') {
    const k = frameVarKey(cx, fr, call.callee.object);
    if (act.owner.pouKind === 'PROGRAM') return { inst: null, ok: true };
    return k && !k.weak ? { inst: k.key, ok: true } : { inst: null, ok: false };
  }
  if (act.owner.pouKind === 'PROGRAM') return { inst: null, ok: true };
  return { inst: fr.inst, ok: fr.inst !== null };
}

/** An action call: followed in its POU's frame (inline mode), else what it may write is havocked. */
function execAction(cx: ExecCtx, fr: Frame, st: SymState, call: Call, act: BodyRef, hooks: CallHooks): SymState {
  const w = actionInstance(cx, fr, call, act);
  if (cx.inline && w.ok && cx.stack.length < MAX_INLINE_DEPTH && !cx.stack.includes(act)) {
    const saved = { path: st.path, inBranch: st.inBranch, afterSkip: st.afterSkip };
    cx.stack.push(act);
    cx.reached.add(act);
    const end = hooks.runFrame({ body: act, inst: w.inst, exits: [] }, st);
    cx.stack.pop();
    return { ...end, ...saved, dead: false };
  }
  hooks.havoc(st, w.inst ?? key(act.owner.name));
  for (const g of cx.site.globalEffects(act)) hooks.havoc(st, g);
  return st;
}

/** A user POU's body run on the caller's state: inputs bound, temporaries renewed, the body followed. */
function inline(
  cx: ExecCtx, st: SymState, cb: BodyRef, target: PouSym, inst: string | null, args: Map<string, CallArgInfo>, hooks: CallHooks,
): SymState {
  renewLocals(st, cb, target, hooks);
  for (const [pk, a] of args) {
    const p = target.params.find((x) => key(x.name) === pk);
    if (!p) continue;
    const k = paramKey(cb, inst, p.name);
    hooks.havoc(st, k);
    if (a.value && isBoolType(p.type as never)) st.store.set(k, a.value);
  }
  const saved = { path: st.path, inBranch: st.inBranch, afterSkip: st.afterSkip };
  cx.stack.push(cb);
  cx.reached.add(cb);
  const end = hooks.runFrame({ body: cb, inst, exits: [] }, st);
  cx.stack.pop();
  return { ...end, path: saved.path, inBranch: saved.inBranch, afterSkip: saved.afterSkip, dead: false };
}

/** A standard or PLCopen FB: each BOOL output a fresh atom with the implication the FB guarantees. */
function builtinFb(cx: ExecCtx, fr: Frame, st: SymState, c: Extract<Callee, { kind: 'fb' }>, args: Map<string, CallArgInfo>, hooks: CallHooks): void {
  const site = cx.site;
  const n = (cx.callCount.get(c.instKey) ?? 0) + 1;
  cx.callCount.set(c.instKey, n);
  const argsKey = [...args.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([p, a]) => `${p}=${a.value ? exprKey(a.value) : site.idx.tokenKey(a.expr!, fr.body.file)}`).join(';');
  const impl = fbImplications(c.type.name, (p) => args.get(key(p))?.value ?? null);
  const act = args.get('ACTIVATE')?.value ?? null;
  for (const o of c.type.params) {
    if (o.section !== 'VAR_OUTPUT') continue;
    const ok = `${c.instKey}.${key(o.name)}`;
    if (!isBoolType(o.type as never)) {
      hooks.havoc(st, ok);
      continue;
    }
    let constraint = impl.get(key(o.name)) ?? null;
    if (!constraint && isSafetyFbType(c.type.name) && act) constraint = act;
    const argText = new Map([...args.values()].map((a) => [a.param, a.text]));
    const a = site.atoms.add({
      id: `fb:${ok}#${n}{${argsKey}}`, text: `${c.instText}.${o.name}${n > 1 ? ` (call ${n})` : ''}`, kind: 'fb-output', constraint,
      refs: [c.instKey, ...[...args.values()].flatMap((x) => (x.expr ? frameReads(cx, fr, x.expr) : []))],
      fb: { instKey: c.instKey, type: c.type.name, output: o.name, args: argText, values: new Map([...args].map(([k, x]) => [k, x.value])) },
    });
    st.store.set(ok, a);
  }
}

/** Keys a call may write when it runs in a loop (its instance, its outputs, what its body may write). */
export function callWrites(cx: ExecCtx, fr: Frame, call: Call): string[] {
  const site = cx.site;
  const c = site.calleeOf(call, fr.body);
  const out: string[] = [];
  if (c.kind === 'fb') out.push(mapKey(cx, fr, c.instKey));
  const t = c.kind === 'fb' ? c.type : c.kind === 'pou' ? c.pou : null;
  if (t && t.pouKind === 'PROGRAM') out.push(key(t.name));
  if (c.kind === 'pou' && c.pou.owner) {
    const w = instanceOf(cx, fr, call, c);
    if (w.inst) out.push(w.inst);
  }
  call.args.forEach((a, i) => {
    if (!a.value) return;
    const p = a.name ? t?.params.find((x) => key(x.name) === key(a.name!.name)) : t?.params[i];
    if (a.assign === '=>' || p?.section === 'VAR_IN_OUT') {
      const k = frameVarKey(cx, fr, a.value);
      if (k) out.push(k.key);
    }
  });
  const cb = t && !t.builtin ? site.idx.bodyOf(t) : null;
  if (cb) out.push(...site.globalEffects(cb));
  const act = c.kind === 'unknown' ? site.actionBody(call) : null;
  if (act) {
    const w = actionInstance(cx, fr, call, act);
    out.push(w.inst ?? key(act.owner.name), ...site.globalEffects(act));
  }
  return out;
}

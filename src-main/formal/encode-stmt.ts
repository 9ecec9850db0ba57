import type { ActionSym, PouSym, VarSym } from '../plc/check/symbols.js';
import { key, type Call, type Case, type For, type If, type Statement } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import { FB_ALIASES, PIN_ALIASES } from '../sim/std-fbs.js';
import type { Encoder, Frame } from './encoder.js';
import { cellOf, expr, instanceOf } from './encode-expr.js';
import { hasNativeModel, nativePinCell, stepNative } from './encode-fbs.js';
import { bindArgs } from '../plc/st/bind-args.js';
import { asBool, boolVal, constOf, convertTo, type Val } from './values.js';
import type { ZBool } from './z3-context.js';

const MAX_UNROLL = 1000;

/** Executes a statement list: every write is guarded by the condition under which it really happens. */
export function execBody(en: Encoder, f: Frame, list: readonly Statement[]): void {
  for (const s of list) exec(en, f, s);
}

function exec(en: Encoder, f: Frame, s: Statement): void {
  const z = en.z;
  switch (s.kind) {
    case 'Assign': {
      const c = cellOf(en, f, s.target);
      if (s.op !== ':=' && s.op !== 'S=' && s.op !== 'R=') {
        en.unsupportedAt(f.file, s, `the assignment ${s.op}`);
        return;
      }
      if (!c) {
        expr(en, f, s.value);
        return;
      }
      const g = en.guardOf(f);
      if (s.op === ':=') return en.write(c.path, convertTo(z, expr(en, f, s.value, c.shape), c.shape), g);
      const v = asBool(z, expr(en, f, s.value, { t: 'bool' }));
      return en.write(c.path, boolVal(z.Bool.val(s.op === 'S=')), z.And(g, v));
    }
    case 'CallStmt':
      return callStatement(en, f, s.call);
    case 'If':
      return ifStmt(en, f, s);
    case 'Case':
      return caseStmt(en, f, s);
    case 'For':
      return forStmt(en, f, s);
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
    case 'While':
    case 'Repeat':
      return en.unsupportedAt(f.file, s, `${s.kind === 'While' ? 'WHILE' : 'REPEAT'} loop (no static bound)`);
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

function forStmt(en: Encoder, f: Frame, s: For): void {
  const z = en.z;
  const c = cellOf(en, f, s.variable);
  const from = en.constValue(s.from);
  const to = en.constValue(s.to);
  const by = s.by ? en.constValue(s.by) : 1n;
  if (!c || typeof from !== 'bigint' || typeof to !== 'bigint' || typeof by !== 'bigint' || by === 0n) {
    return en.unsupportedAt(f.file, s, 'FOR loop whose bounds and step are not constants');
  }
  if (writesVariable(s)) return en.unsupportedAt(f.file, s, 'FOR loop whose body writes its own loop variable');
  const count = by > 0n ? (to >= from ? (to - from) / by + 1n : 0n) : from >= to ? (from - to) / -by + 1n : 0n;
  if (count > BigInt(MAX_UNROLL)) return en.unsupportedAt(f.file, s, `FOR loop of ${count} iterations (more than ${MAX_UNROLL})`);
  const loop = { brk: { v: z.Bool.val(true) }, cont: { v: z.Bool.val(true) } };
  let i = from;
  for (let n = 0n; n < count; n++, i += by) {
    loop.cont.v = z.Bool.val(true);
    const g = en.guardOf({ ...f, loop });
    en.write(c.path, constOf(z, c.shape, i), g);
    execBody(en, { ...f, loop }, s.body);
  }
  en.write(c.path, constOf(z, c.shape, i), en.guardOf({ ...f, loop }));
}

function writesVariable(s: For): boolean {
  if (s.variable.kind !== 'Name') return true;
  const k = key(s.variable.id.name);
  let hit = false;
  for (const st of s.body) {
    walk(st, (n) => {
      if (n.kind === 'Assign' && n.target.kind === 'Name' && key(n.target.id.name) === k) hit = true;
      return !hit;
    });
  }
  return hit;
}

/** FB instance, program and function calls used as statements. */
export function callStatement(en: Encoder, f: Frame, call: Call): void {
  const target = en.model.resolution.calls.get(call);
  const sym = target?.kind === 'sym' ? (target.sym as PouSym | VarSym | ActionSym) : null;
  if (sym?.kind === 'pou' && sym.pouKind === 'FUNCTION') {
    expr(en, f, call);
    return;
  }
  if (target?.kind === 'std') {
    expr(en, f, call);
    return;
  }
  const inst = sym?.kind === 'pou' && sym.pouKind === 'PROGRAM' ? { path: `P.${key(sym.name)}`, display: sym.name, pou: sym } : sym?.kind === 'var' ? instanceOf(en, f, call.callee) : null;
  if (!inst) return en.unsupportedAt(f.file, call, `this call (${sym?.kind === 'action' ? 'actions' : sym?.kind === 'pou' ? 'methods' : 'unresolved calls'} are not encoded)`);
  fbCall(en, f, call, inst);
}

function fbCall(en: Encoder, f: Frame, call: Call, inst: { path: string; display: string; pou: PouSym }): void {
  const z = en.z;
  const fb = inst.pou;
  const tk = FB_ALIASES[key(fb.name)] ?? key(fb.name);
  if (fb.builtin && !hasNativeModel(tk)) return en.unsupportedAt(f.file, call, `${fb.name} (no formal model of this block yet)`);
  if (f.depth > 16) return en.unsupportedAt(f.file, call, `call of ${fb.name}: nesting deeper than 16`);
  const g = en.guardOf(f);
  const aliases = PIN_ALIASES[tk] ?? {};
  const bound = bindArgs(call.args, fb.params.map((p) => key(p.name)));
  const inner: Frame = { pou: fb, prefix: inst.path, display: inst.display, file: fb.file, guard: g, running: { v: z.Bool.val(true) }, loop: null, depth: f.depth + 1 };
  const outs: [string, (typeof call.args)[number]][] = [];
  for (const [pin0, a] of bound) {
    if (!a.value) continue;
    const pin = fb.builtin ? (aliases[pin0] ?? pin0) : pin0;
    const param = fb.vars.get(pin0);
    if (!param) return en.unsupportedAt(f.file, a, `argument ${pin0} of ${fb.name}`);
    if (a.assign === '=>' || param.section === 'VAR_OUTPUT') {
      outs.push([pin, a]);
      continue;
    }
    if (param.section === 'VAR_IN_OUT') return en.unsupportedAt(f.file, a, `VAR_IN_OUT argument ${pin0} of ${fb.name}`);
    const c = fb.builtin ? nativePinCell(en, inst.path, inst.display, tk, pin) : en.varCell(inner, param);
    if (!c) return en.unsupportedAt(f.file, a, `argument ${pin0} of ${fb.name}`);
    en.write(c.path, convertTo(z, expr(en, f, a.value, c.shape), c.shape), g);
  }
  if (fb.builtin) stepNative(en, inst.path, inst.display, tk, g);
  else execBody(en, inner, fb.node.body);
  for (const [pin, a] of outs) {
    const src = fb.builtin ? nativePinCell(en, inst.path, inst.display, tk, pin) : en.varCell(inner, fb.vars.get(pin)!);
    const dst = cellOf(en, f, a.value!);
    if (!src || !dst) continue;
    const v = en.read(src.path);
    en.write(dst.path, a.negated ? boolVal(z.Not(asBool(z, v))) : v, g);
  }
}

import { key, type Expression, type For, type Repeat, type Statement, type While } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import type { Encoder, Frame } from './encoder.js';
import { accessOf, accessShape, havocAccess, writeAccess } from './encode-access.js';
import { cellOf, expr } from './encode-expr.js';
import { execBody } from './encode-stmt.js';
import { asBool, constOf, convertTo, type Val } from './values.js';
import type { ZBool } from './z3-context.js';

/**
 * Loops. A FOR loop with constant bounds is unrolled exactly (up to MAX_UNROLL iterations). Any other loop
 * (FOR with variable bounds, WHILE, REPEAT) is unrolled LOOP_BOUND times exactly; if it can still be running
 * after that, everything it writes is havocked (a sound over-approximation, recorded) and the loop is left.
 * The soft-PLC's watchdog fault for a loop that never ends is covered by the same havoc.
 */

const MAX_UNROLL = 1000;
const LOOP_BOUND = 32;

type Bv = Extract<Val, { t: 'bv' }>;

function newLoop(en: Encoder): { brk: { v: ZBool }; cont: { v: ZBool } } {
  return { brk: { v: en.T }, cont: { v: en.T } };
}

export function forStmt(en: Encoder, f: Frame, s: For): void {
  const z = en.z;
  const c = cellOf(en, f, s.variable);
  if (!c || c.shape.t !== 'bv') return en.unsupportedAt(f.file, s, 'FOR loop over a variable the encoder cannot follow');
  // Bounds are evaluated once, before the first iteration (as on the soft-PLC); constants unroll exactly.
  const num = (e: Expression): bigint | null => {
    const c = en.constValue(e);
    if (typeof c === 'bigint') return c;
    const v = expr(en, f, e);
    if (v.t !== 'bv' || !z.isBitVecVal(v.v)) return null;
    let n = v.v.value();
    if (v.signed && n >= 1n << BigInt(v.bits - 1)) n -= 1n << BigInt(v.bits);
    return n;
  };
  const from = num(s.from);
  const to = num(s.to);
  const by = s.by ? num(s.by) : 1n;
  const loop = newLoop(en);
  if (typeof from === 'bigint' && typeof to === 'bigint' && typeof by === 'bigint' && by !== 0n && !writesVariable(s)) {
    const count = by > 0n ? (to >= from ? (to - from) / by + 1n : 0n) : from >= to ? (from - to) / -by + 1n : 0n;
    if (count <= BigInt(MAX_UNROLL)) {
      let i = from;
      for (let n = 0n; n < count; n++, i += by) {
        loop.cont.v = z.Bool.val(true);
        en.write(c.path, constOf(z, c.shape, i), en.guardOf({ ...f, loop }));
        execBody(en, { ...f, loop }, s.body);
      }
      en.write(c.path, constOf(z, c.shape, i), en.guardOf({ ...f, loop }));
      return;
    }
  }
  // Variable bounds (or a body that writes the loop variable): the soft-PLC's loop, step by step.
  const shape = c.shape;
  en.write(c.path, convertTo(z, expr(en, f, s.from, shape), shape), en.guardOf(f));
  const toV = convertTo(z, expr(en, f, s.to, shape), shape) as Bv;
  const byV = (s.by ? convertTo(z, expr(en, f, s.by, shape), shape) : constOf(z, shape, 1)) as Bv;
  const zero = z.BitVec.val(0, shape.bits);
  const more = (): ZBool => {
    const v = (en.read(c.path) as Bv).v;
    const up = shape.signed ? v.sle(toV.v) : v.ule(toV.v);
    const down = shape.signed ? v.sge(toV.v) : v.uge(toV.v);
    return z.If(shape.signed ? byV.v.sge(zero) : z.Bool.val(true), up, down);
  };
  let running: ZBool = z.Bool.val(true);
  for (let n = 0; n < LOOP_BOUND; n++) {
    running = z.And(running, more());
    loop.cont.v = z.Bool.val(true);
    const lf = { ...f, guard: z.And(f.guard, running), loop };
    execBody(en, lf, s.body);
    const g = en.guardOf({ ...lf, loop: { brk: loop.brk, cont: { v: z.Bool.val(true) } } });
    en.write(c.path, { ...(en.read(c.path) as Bv), v: (en.read(c.path) as Bv).v.add(byV.v) }, g);
  }
  cut(en, f, s, s.body, z.And(running, more(), loop.brk.v), [s.variable]);
}

export function whileStmt(en: Encoder, f: Frame, s: While): void {
  const z = en.z;
  const loop = newLoop(en);
  let running: ZBool = z.Bool.val(true);
  for (let n = 0; n < LOOP_BOUND; n++) {
    const c = asBool(z, expr(en, { ...f, guard: z.And(f.guard, running), loop }, s.cond, { t: 'bool' }));
    running = z.And(running, c);
    loop.cont.v = z.Bool.val(true);
    execBody(en, { ...f, guard: z.And(f.guard, running), loop }, s.body);
    running = z.And(running, loop.brk.v);
    if (z.isFalse(running)) return;
  }
  const c = asBool(z, expr(en, { ...f, guard: z.And(f.guard, running), loop }, s.cond, { t: 'bool' }));
  cut(en, f, s, s.body, z.And(running, c), []);
}

export function repeatStmt(en: Encoder, f: Frame, s: Repeat): void {
  const z = en.z;
  const loop = newLoop(en);
  let running: ZBool = z.Bool.val(true);
  for (let n = 0; n < LOOP_BOUND; n++) {
    loop.cont.v = z.Bool.val(true);
    execBody(en, { ...f, guard: z.And(f.guard, running), loop }, s.body);
    running = z.And(running, loop.brk.v);
    const done = asBool(z, expr(en, { ...f, guard: z.And(f.guard, running) }, s.until, { t: 'bool' }));
    running = z.And(running, z.Not(done));
    if (z.isFalse(running)) return;
  }
  cut(en, f, s, s.body, running, []);
}

/**
 * The loop may still be running after the unrolled iterations (`still`): every place its body writes takes a
 * free value (recorded); a body that calls function blocks or methods cannot be havocked so and is unsupported.
 */
function cut(en: Encoder, f: Frame, s: Statement, body: readonly Statement[], still: ZBool, extra: Expression[]): void {
  const z = en.z;
  if (z.isFalse(still)) return;
  const g = z.And(en.guardOf(f), still);
  const targets: Expression[] = [...extra];
  let calls = false;
  for (const st of body) {
    walk(st, (n) => {
      if (n.kind === 'Assign') targets.push(n.target);
      else if (n.kind === 'CallStmt') {
        const t = en.model.resolution.calls.get(n.call);
        if (t?.kind !== 'std') calls = true;
      } else if (n.kind === 'Call') {
        const t = en.model.resolution.calls.get(n);
        if (t?.kind !== 'std') calls = true;
      }
    });
  }
  if (calls) return en.unsupportedAt(f.file, s, `${s.kind.toUpperCase()} loop that may run more than ${LOOP_BOUND} times and calls blocks, methods or functions`);
  en.noteHavoc(f.file, s, `${s.kind.toUpperCase()} loop unrolled ${LOOP_BOUND} times; beyond that, what it writes is havocked`);
  const seen = new Set<string>();
  for (const t of targets) {
    let x: Expression = t;
    // An element with a variable index: the whole array.
    while (x.kind === 'Index' || x.kind === 'BitAccess' || x.kind === 'Paren') x = x.kind === 'Paren' ? x.expr : x.object;
    const k = `${x.start}:${x.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const a = accessOf(en, f, x);
    if (!a) {
      en.unsupportedAt(f.file, t, 'a loop writes a place the encoder cannot follow');
      continue;
    }
    const sh = accessShape(en, a);
    if (sh && a.alts.length === 1 && !a.alts[0]!.type?.kind.match(/struct|array/)) writeAccess(en, f, a, en.havocAt(f.file, t, 'written by a loop beyond its unrolled bound: free', sh), g, t);
    else havocAccess(en, f, a, g, t, 'written by a loop beyond its unrolled bound');
  }
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

import type { PouSym, VarSym } from '../plc/check/symbols.js';
import type { Type } from '../plc/check/types.js';
import { key, type Expression } from '../plc/st/ast.js';
import { FB_ALIASES, PIN_ALIASES } from '../sim/std-fbs.js';
import { globalPath, type Base, type CellInfo, type Encoder, type Frame } from './encoder.js';
import { nativePinCell } from './encode-fbs.js';
import { expr, typeOf } from './encode-expr.js';
import { leavesOf, stepText, type Step } from './encode-types.js';
import { instanceAlts } from './encode-refs.js';
import { constOf, convertTo, freshOf, ite, shapeOf, type Shape, type Val } from './values.js';
import type { ZBool } from './z3-context.js';

/**
 * Places: what a variable reference (name, FB member, struct member, array element) denotes. A constant index
 * names one element; a variable index is a choice over every element of the range, each under the condition
 * that the index has that value, plus the out-of-range condition under which the soft-PLC faults.
 */

/** One element a place may denote, under `cond`. `cell` is set for a native FB pin (no declaration). */
export interface Alt {
  cond: ZBool;
  base: Base | null;
  cell: CellInfo | null;
  steps: Step[];
  ps: string;
  ds: string;
  type: Type | null;
}

export interface Access {
  alts: Alt[];
  /** The index is out of range (the soft-PLC faults). */
  oob: ZBool;
}

/** The most elements a variable index is expanded over. */
const MAX_CHOICES = 256;

/** The instance path an expression names (an FB instance variable or a program), with its POU. */
export function instanceOf(en: Encoder, f: Frame, e: Expression): { path: string; display: string; pou: PouSym } | null {
  if (e.kind === 'Paren') return instanceOf(en, f, e.expr);
  if (e.kind === 'Name') {
    const s = en.model.resolution.ids.get(e.id) as VarSym | PouSym | undefined;
    if (s?.kind === 'pou' && s.pouKind === 'PROGRAM') return { path: `P.${key(s.name)}`, display: s.name, pou: s };
    if (s?.kind === 'var' && s.type?.kind === 'pou') {
      if (en.model.globalVars.includes(s)) return { path: globalPath(en.model, s), display: s.name, pou: s.type.pou };
      if (s.section === 'VAR_GLOBAL' || s.section === 'VAR_EXTERNAL') return { path: `G.${key(s.name)}`, display: s.name, pou: s.type.pou };
      if (s.section === 'VAR_IN_OUT') return null;
      return { path: `${f.prefix}.${key(s.name)}`, display: `${f.display}.${s.name}`, pou: s.type.pou };
    }
    return null;
  }
  if (e.kind === 'Member') {
    const m = en.model.resolution.ids.get(e.member) as VarSym | undefined;
    if (m?.kind !== 'var' || m.type?.kind !== 'pou') return null;
    if (en.model.globalVars.includes(m)) return { path: globalPath(en.model, m), display: m.name, pou: m.type.pou };
    const o = instanceOf(en, f, e.object);
    return o ? { path: `${o.path}.${key(m.name)}`, display: `${o.display}.${m.name}`, pou: m.type.pou } : null;
  }
  return null;
}

const isGlobal = (en: Encoder, s: VarSym): boolean => s.section === 'VAR_GLOBAL' || s.section === 'VAR_EXTERNAL' || en.model.globalVars.includes(s);

function single(en: Encoder, base: Base | null, cell: CellInfo | null, type: Type | null): Access {
  return { alts: [{ cond: en.T, base, cell, steps: [], ps: '', ds: '', type }], oob: en.z.Bool.val(false) };
}

/** The place an expression denotes, or null when it is none the encoder can follow (pointers, VAR_IN_OUT). */
export function accessOf(en: Encoder, f: Frame, e: Expression): Access | null {
  const z = en.z;
  if (e.kind === 'Paren') return accessOf(en, f, e.expr);
  if (e.kind === 'Name') {
    const s = en.model.resolution.ids.get(e.id) as VarSym | PouSym | undefined;
    if (s?.kind === 'pou' && s.retVar && (s === f.pou || s.name === f.pou.name)) return single(en, { path: `${f.prefix}.${key(s.retVar.name)}`, display: `${f.display}.${s.retVar.name}`, v: s.retVar, input: false }, null, s.retVar.type);
    if (s?.kind !== 'var') return null;
    if (isGlobal(en, s)) {
      const b = en.model.globalVars.includes(s) ? en.globalBaseOf(s) : en.globalBase(s.name);
      return b ? single(en, b, null, b.v.type) : null;
    }
    if (s.section === 'VAR_IN_OUT') return null;
    return single(en, { path: `${f.prefix}.${key(s.name)}`, display: `${f.display}.${s.name}`, v: s, input: false }, null, s.type);
  }
  if (e.kind === 'Member') {
    const m = en.model.resolution.ids.get(e.member) as VarSym | undefined;
    if (m?.kind !== 'var') return null;
    // `GVL.X` (also of a qualified_only GVL): the same cell as the global itself.
    if (en.model.globalVars.includes(m)) {
      const b = en.globalBaseOf(m);
      return single(en, b, null, b.v.type);
    }
    const ot = typeOf(en, e.object);
    if (ot?.kind === 'pou') {
      const o = instanceOf(en, f, e.object);
      if (!o) return memberOfChoice(en, f, e.object, m);
      if (o.pou.builtin) {
        const tk = FB_ALIASES[key(o.pou.name)] ?? key(o.pou.name);
        const pin = PIN_ALIASES[tk]?.[key(m.name)] ?? key(m.name);
        const c = nativePinCell(en, o.path, o.display, tk, pin);
        return c ? single(en, null, c, null) : null;
      }
      return single(en, { path: `${o.path}.${key(m.name)}`, display: `${o.display}.${m.name}`, v: m, input: false }, null, m.type);
    }
    if (ot?.kind !== 'struct') return null;
    const o = accessOf(en, f, e.object);
    if (!o) return null;
    const k = key(m.name);
    return { oob: o.oob, alts: o.alts.map((a) => ({ ...a, steps: [...a.steps, { field: k }], ps: `${a.ps}.${k}`, ds: `${a.ds}.${m.name}`, type: m.type })) };
  }
  if (e.kind === 'Index') {
    const t = typeOf(en, e.object);
    if (t?.kind !== 'array' || t.dims.some((d) => !d) || e.indices.length !== t.dims.length) return null;
    const o = accessOf(en, f, e.object);
    if (!o) return null;
    // Per dimension: the possible positions, each with its condition.
    const per: { pos: number; cond: ZBool }[][] = [];
    let oob: ZBool = o.oob;
    for (let i = 0; i < t.dims.length; i++) {
      const d = t.dims[i]!;
      const ix = e.indices[i]!;
      const c = en.constValue(ix);
      if (typeof c === 'bigint') {
        const n = Number(c);
        if (n < d.lo || n > d.hi) {
          oob = z.Bool.val(true);
          per.push([]);
        } else per.push([{ pos: n - d.lo, cond: en.T }]);
        continue;
      }
      const v = expr(en, f, ix);
      if (v.t !== 'bv') return null;
      if (z.isBitVecVal(v.v)) {
        let n = Number(v.v.value());
        if (v.signed && n >= 2 ** (v.bits - 1)) n -= 2 ** v.bits;
        if (n < d.lo || n > d.hi) {
          oob = z.Bool.val(true);
          per.push([]);
        } else per.push([{ pos: n - d.lo, cond: en.T }]);
        continue;
      }
      const w: Shape = { t: 'bv', bits: Math.max(v.bits + 1, 33), signed: true };
      const x = convertTo(z, v, w) as Extract<Val, { t: 'bv' }>;
      const at = (n: number): Extract<Val, { t: 'bv' }> => constOf(z, w, n) as Extract<Val, { t: 'bv' }>;
      oob = z.Or(oob, x.v.slt(at(d.lo).v), x.v.sgt(at(d.hi).v));
      const opts: { pos: number; cond: ZBool }[] = [];
      for (let n = d.lo; n <= d.hi; n++) opts.push({ pos: n - d.lo, cond: x.v.eq(at(n).v) });
      per.push(opts);
    }
    const total = per.reduce((n, p) => n * Math.max(1, p.length), o.alts.length);
    if (total > MAX_CHOICES) return null;
    let combos: { off: number; cond: ZBool }[] = [{ off: 0, cond: en.T }];
    for (let i = 0; i < per.length; i++) {
      const n = t.dims[i]!.hi - t.dims[i]!.lo + 1;
      combos = combos.flatMap((c) => per[i]!.map((p) => ({ off: c.off * n + p.pos, cond: z.isTrue(p.cond) ? c.cond : z.isTrue(c.cond) ? p.cond : z.And(c.cond, p.cond) })));
    }
    const alts: Alt[] = [];
    for (const a of o.alts) {
      for (const c of combos) {
        const step = { offset: c.off };
        const txt = stepText(t, step, '');
        alts.push({ ...a, cond: z.isTrue(a.cond) ? c.cond : z.isTrue(c.cond) ? a.cond : z.And(a.cond, c.cond), steps: [...a.steps, step], ps: a.ps + txt, ds: a.ds + txt, type: t.element });
      }
    }
    return { alts, oob };
  }
  return null;
}

/** A member variable of an FB instance known only as a choice (`arr[i].x`, `THIS^.x`): one alternative per instance. */
function memberOfChoice(en: Encoder, f: Frame, object: Expression, m: VarSym): Access | null {
  const o = instanceAlts(en, f, object);
  if (!o) return null;
  const alts: Alt[] = [];
  for (const a of o.alts) {
    if (a.pou.builtin) {
      const tk = FB_ALIASES[key(a.pou.name)] ?? key(a.pou.name);
      const c = nativePinCell(en, a.path, a.display, tk, PIN_ALIASES[tk]?.[key(m.name)] ?? key(m.name));
      if (!c) return null;
      alts.push({ cond: a.cond, base: null, cell: c, steps: [], ps: '', ds: '', type: null });
    } else alts.push({ cond: a.cond, base: { path: `${a.path}.${key(m.name)}`, display: `${a.display}.${m.name}`, v: m, input: false }, cell: null, steps: [], ps: '', ds: '', type: m.type });
  }
  return { alts, oob: o.none };
}

/** The cell of a scalar alternative, or null when its type has no encoding. */
export function altCell(en: Encoder, a: Alt): CellInfo | null {
  if (a.cell) return a.cell;
  if (!a.base) return null;
  return en.leafCell(a.base, a.steps, a.ps, a.ds, a.type);
}

/** Whether an access denotes a struct or array as a whole. */
export function isComposite(acc: Access): boolean {
  const t = acc.alts[0]?.type;
  return t?.kind === 'struct' || t?.kind === 'array';
}

/** Reads a scalar place: the value of the element the index selects; an index out of range faults. */
export function readAccess(en: Encoder, f: Frame, acc: Access, node: Expression, want?: Shape): Val {
  const z = en.z;
  const g = en.guardOf(f);
  if (!z.isFalse(acc.oob)) en.faultIf(z.And(g, acc.oob), f.file, node, 'array index out of bounds');
  let out: Val | null = null;
  for (let i = acc.alts.length - 1; i >= 0; i--) {
    const a = acc.alts[i]!;
    const c = altCell(en, a);
    const s = shapeOf(a.type);
    const v = c ? en.read(c.path) : en.havocAt(f.file, node, `a value of type ${a.type ? (a.type.kind === 'elem' ? a.type.name : a.type.kind) : '?'} (no encoding): free`, typeof s === 'string' ? (want ?? { t: 'bool' }) : s);
    out = out === null ? v : ite(z, a.cond, v, out);
  }
  return out ?? freshOf(z, want ?? { t: 'bool' }, en.fresh('empty'));
}

/** Writes a scalar place under `guard`: only the element the index selects changes; out of range faults. */
export function writeAccess(en: Encoder, f: Frame, acc: Access, v: Val, guard: ZBool, node: { start: number }): void {
  const z = en.z;
  if (!z.isFalse(acc.oob)) en.faultIf(z.And(guard, acc.oob), f.file, node, 'array index out of bounds');
  for (const a of acc.alts) {
    const c = altCell(en, a);
    if (!c) continue;
    en.write(c.path, v, z.isTrue(a.cond) ? guard : z.And(guard, a.cond));
  }
}

/** The shape a scalar place holds (the first alternative's), or null when it has none. */
export function accessShape(en: Encoder, acc: Access): Shape | null {
  const a = acc.alts[0];
  if (!a) return null;
  if (a.cell) return a.cell.shape;
  const s = shapeOf(a.type);
  return typeof s === 'string' ? null : s;
}

/**
 * `dst := src` for structs and arrays: leaf by leaf. Both sides must denote one element each (no variable
 * index); otherwise every leaf of the target is havocked (recorded).
 */
export function copyComposite(en: Encoder, f: Frame, dst: Access, src: Access | null, guard: ZBool, node: { start: number }): void {
  const z = en.z;
  const t = dst.alts[0]?.type;
  const leaves = t ? leavesOf(t) : null;
  if (!leaves) return havocAccess(en, f, dst, guard, node, 'assignment of a struct or array too large to encode');
  if (src && !z.isFalse(src.oob)) en.faultIf(z.And(guard, src.oob), f.file, node, 'array index out of bounds');
  if (!z.isFalse(dst.oob)) en.faultIf(z.And(guard, dst.oob), f.file, node, 'array index out of bounds');
  for (const l of leaves) {
    const pathOf = (a: Alt): Alt => ({ ...a, steps: [...a.steps, ...l.steps], ps: a.ps + l.suffix.toUpperCase(), ds: a.ds + l.suffix, type: l.type });
    const sAcc: Access | null = src ? { oob: z.Bool.val(false), alts: src.alts.map(pathOf) } : null;
    const s = shapeOf(l.type);
    if (typeof s === 'string') continue;
    const v = sAcc ? readAccess(en, { ...f, guard }, sAcc, node as Expression, s) : en.havocAt(f.file, node, 'a struct or array value from an expression: free', s);
    for (const a of dst.alts.map(pathOf)) {
      const c = altCell(en, a);
      if (c) en.write(c.path, v, z.isTrue(a.cond) ? guard : z.And(guard, a.cond));
    }
  }
}

/** Every leaf of a place takes a free value under `guard` (recorded as `what`). */
export function havocAccess(en: Encoder, f: Frame, acc: Access, guard: ZBool, node: { start: number }, what: string): void {
  const z = en.z;
  en.noteHavoc(f.file, node, `${what}: the target is havocked`);
  for (const a of acc.alts) {
    const leaves = a.type ? leavesOf(a.type) : [{ steps: [], suffix: '', type: null }];
    if (!leaves) {
      en.unsupportedAt(f.file, node, `${what} (a struct or array too large to havoc leaf by leaf)`);
      continue;
    }
    for (const l of leaves) {
      const c = altCell(en, { ...a, steps: [...a.steps, ...l.steps], ps: a.ps + l.suffix.toUpperCase(), ds: a.ds + l.suffix, type: l.type ?? a.type });
      if (c) en.write(c.path, freshOf(z, c.shape, en.fresh('havoc')), z.isTrue(a.cond) ? guard : z.And(guard, a.cond));
    }
  }
}

/** The place of a POU's own variable in a frame (a parameter being bound, a local). */
export function varAccess(en: Encoder, f: Frame, v: VarSym): Access {
  return single(en, { path: `${f.prefix}.${key(v.name)}`, display: `${f.display}.${v.name}`, v, input: false }, null, v.type);
}

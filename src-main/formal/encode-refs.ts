import type { InterfaceSym, PouSym, VarSym } from '../plc/check/symbols.js';
import { key, type Expression } from '../plc/st/ast.js';
import type { Encoder, Frame } from './encoder.js';
import { accessOf, instanceOf } from './encode-access.js';
import { expr, typeOf } from './encode-expr.js';
import { implementsInterface, instanceTable, REF_BITS } from './encode-instances.js';
import { constOf, ite, type Shape, type Val } from './values.js';
import type { ZBool } from './z3-context.js';

/**
 * FB instances an expression may denote: a named instance, an element of an FB array under a variable index
 * (one alternative per element), `THIS^`/`SUPER^`, or what an interface reference refers to (one alternative
 * per listed instance whose type implements the interface, under the condition that the reference holds its
 * number). `none` is the condition under which it denotes no instance (a null reference, an index out of
 * range): the soft-PLC faults there.
 */

export interface InstAlt {
  cond: ZBool;
  path: string;
  display: string;
  pou: PouSym;
  /** `SUPER^`: the base's own methods, no dynamic dispatch. */
  exact: boolean;
}

export interface InstAlts {
  alts: InstAlt[];
  none: ZBool;
}

/** The shape of an interface reference: the number of the instance it refers to, 0 for none. */
export const REF_SHAPE: Shape = { t: 'bv', bits: REF_BITS, signed: false };

/** The block type the code of a frame works on: the instance's own type (a derived FB), else the code's POU. */
export function selfPou(en: Encoder, f: Frame): PouSym {
  return instanceTable(en.model).byPath.get(f.prefix)?.pou ?? f.pou.owner ?? f.pou;
}

function one(en: Encoder, path: string, display: string, pou: PouSym, exact: boolean): InstAlts {
  return { alts: [{ cond: en.T, path, display, pou, exact }], none: en.z.Bool.val(false) };
}

export function instanceAlts(en: Encoder, f: Frame, e: Expression): InstAlts | null {
  if (e.kind === 'Paren') return instanceAlts(en, f, e.expr);
  if (e.kind === 'Deref') {
    if (e.object.kind === 'This') return one(en, f.prefix, f.display, selfPou(en, f), false);
    const base = (f.pou.owner ?? f.pou).base;
    if (e.object.kind === 'Super' && base) return one(en, f.prefix, f.display, base, true);
    return null;
  }
  const t = typeOf(en, e);
  if (t?.kind === 'interface') return dispatchAlts(en, f, e, t.sym);
  if (e.kind === 'Name' || e.kind === 'Member') {
    const o = instanceOf(en, f, e);
    if (o) return one(en, o.path, o.display, o.pou, false);
  }
  if (e.kind === 'Member') {
    const m = en.model.resolution.ids.get(e.member) as VarSym | undefined;
    if (m?.kind !== 'var' || m.type?.kind !== 'pou') return null;
    const pou = m.type.pou;
    const o = instanceAlts(en, f, e.object);
    if (!o) return null;
    return { none: o.none, alts: o.alts.map((a) => ({ cond: a.cond, path: `${a.path}.${key(m.name)}`, display: `${a.display}.${m.name}`, pou, exact: false })) };
  }
  if (e.kind === 'Index' && t?.kind === 'pou') {
    const acc = accessOf(en, f, e);
    if (!acc || acc.alts.some((a) => !a.base)) return null;
    return { none: acc.oob, alts: acc.alts.map((a) => ({ cond: a.cond, path: a.base!.path + a.ps, display: a.base!.display + a.ds, pou: t.pou, exact: false })) };
  }
  return null;
}

const ITF_ABSTRACTION =
  'interface references: a reference holds one of the FB instances declared in the site (globals, programs and their FB members and arrays; no dynamically created instance) or none; a call or property access through it runs the method or accessor of whichever implementing instance it holds, and through none the soft-PLC faults';

/** What an interface reference refers to: every listed instance implementing the interface, by number. */
function dispatchAlts(en: Encoder, f: Frame, e: Expression, itf: InterfaceSym): InstAlts | null {
  const z = en.z;
  const table = instanceTable(en.model);
  if (!table.complete) return null;
  en.abstractions.add(ITF_ABSTRACTION);
  const v = expr(en, f, e, REF_SHAPE);
  if (v.t !== 'bv') return null;
  const cands = table.list.filter((i) => !i.pou.builtin && implementsInterface(en.model, i.pou, itf));
  if (z.isBitVecVal(v.v)) {
    const n = Number(v.v.value());
    const hit = cands.find((i) => i.id === n);
    return hit ? one(en, hit.path, hit.display, hit.pou, false) : { alts: [], none: z.Bool.val(true) };
  }
  const id = (n: number): Extract<Val, { t: 'bv' }> => constOf(z, REF_SHAPE, n) as Extract<Val, { t: 'bv' }>;
  const alts = cands.map((i) => ({ cond: v.v.eq(id(i.id).v), path: i.path, display: i.display, pou: i.pou, exact: false }));
  return { alts, none: alts.length ? z.And(...alts.map((a) => z.Not(a.cond))) : z.Bool.val(true) };
}

/**
 * The value an expression gives an interface reference: the number of the FB instance it names (`itf :=
 * fbInfeed`), or the value of another reference (`0` included). A reference the encoder cannot follow (a
 * pointer, an instance it does not list) is not encoded: a call through it could reach any instance.
 */
export function refValue(en: Encoder, f: Frame, e: Expression): Val {
  const z = en.z;
  const t = typeOf(en, e);
  if (t?.kind !== 'pou') return expr(en, f, e, REF_SHAPE);
  const table = instanceTable(en.model);
  const ia = instanceAlts(en, f, e);
  const ids = ia?.alts.map((a) => table.byPath.get(a.path)?.id ?? null);
  if (!ia || !ids || ids.some((x) => x === null)) {
    en.unsupportedAt(f.file, e, 'a reference to an FB instance the encoder does not list (declared in a function or method, or in a struct)');
    return constOf(z, REF_SHAPE, 0);
  }
  if (!z.isFalse(ia.none)) en.faultIf(z.And(en.guardOf(f), ia.none), f.file, e, 'array index out of bounds');
  let out: Val = constOf(z, REF_SHAPE, 0);
  for (let i = ia.alts.length - 1; i >= 0; i--) {
    const v = constOf(z, REF_SHAPE, ids[i]!);
    out = i === ia.alts.length - 1 ? v : ite(z, ia.alts[i]!.cond, v, out);
  }
  return out;
}

/** Condition `c` under a frame's current guard, for a body run on one alternative. */
export function guardedBy(en: Encoder, f: Frame, c: ZBool): Frame {
  return en.z.isTrue(c) ? f : { ...f, guard: en.z.And(f.guard, c) };
}

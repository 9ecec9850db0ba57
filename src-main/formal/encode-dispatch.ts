import { findPouMember, findPouVar, type PouSym, type PropSym, type VarSym } from '../plc/check/symbols.js';
import { key, type Call, type Expression, type PropertyAccessor } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import type { Encoder, Frame } from './encoder.js';
import { typeOf } from './encode-expr.js';
import { callMethod, resetLocals } from './encode-functions.js';
import { guardedBy, instanceAlts, selfPou, type InstAlts } from './encode-refs.js';
import { execBody } from './encode-stmt.js';
import { iecDefault } from './encode-types.js';
import { constOf, freshOf, ite, shapeOf, shapeOfVal, type Shape, type Val } from './values.js';
import type { ZBool } from './z3-context.js';

/**
 * Dynamic dispatch: method calls and property accesses on an instance the encoder knows only as a choice
 * (an FB array element under a variable index, an interface reference, `THIS^` of a derived block). Each
 * alternative runs the method or accessor its own block type has (by name, as the PLC dispatches), under
 * the condition that it is the one denoted; where none is (a null reference, an index out of range) the
 * soft-PLC faults. A property accessor is inlined like a method: its variables start afresh on every access.
 */

/** The method or property a block type has by name (its own or inherited), as the PLC dispatches. */
function memberByName(p: PouSym, name: string): ReturnType<typeof findPouMember> {
  return findPouMember(p, key(name));
}

/** The instances a call's receiver may be, and the method's name; null when it is no method call. */
export function methodReceivers(en: Encoder, f: Frame, e: Call): { name: string; recv: InstAlts; resolved: PouSym | null } | null {
  const t = en.model.resolution.calls.get(e);
  const m = t?.kind === 'sym' ? (t.sym as PouSym) : null;
  if (e.callee.kind === 'Member') {
    const ot = typeOf(en, e.callee.object);
    const viaItf = ot?.kind === 'interface';
    if (!viaItf && (m?.kind !== 'pou' || m.pouKind !== 'METHOD')) return null;
    const recv = instanceAlts(en, f, e.callee.object);
    return recv ? { name: e.callee.member.name, recv, resolved: m?.kind === 'pou' ? m : null } : null;
  }
  if (e.callee.kind === 'Name' && m?.kind === 'pou' && m.pouKind === 'METHOD' && m.owner) {
    // A sibling method called by name from a body of the same instance: dispatched on the instance's type.
    return { name: m.name, recv: { alts: [{ cond: en.T, path: f.prefix, display: f.display, pou: selfPou(en, f), exact: false }], none: en.z.Bool.val(false) }, resolved: m };
  }
  return null;
}

/** Runs a method call on every receiver it may have; the result is the chosen receiver's (free where none). */
export function callDispatched(en: Encoder, f: Frame, e: Call, r: { name: string; recv: InstAlts; resolved: PouSym | null }, want?: Shape): Val | null {
  const z = en.z;
  if (!z.isFalse(r.recv.none)) en.faultIf(z.And(en.guardOf(f), r.recv.none), f.file, e, 'a method call through a null interface reference or an FB array index out of range');
  const results: { cond: ZBool; v: Val | null }[] = [];
  for (const a of r.recv.alts) {
    const own = a.exact ? r.resolved : memberByName(a.pou, r.name);
    const method = own?.kind === 'pou' && own.pouKind === 'METHOD' ? own : null;
    if (!method) {
      en.unsupportedAt(f.file, e, `method ${r.name} of ${a.pou.name} (not found on the instance's type)`);
      return null;
    }
    results.push({ cond: a.cond, v: callMethod(en, guardedBy(en, f, a.cond), e, { method, path: a.path, display: a.display, pou: a.pou }, want) });
  }
  const first = results.find((x) => x.v)?.v;
  const s = want ?? (first ? shapeOfVal(first) : null);
  if (!s) return null;
  let out: Val | null = z.isFalse(r.recv.none) ? null : freshOf(z, s, en.fresh('noinstance'));
  for (let i = results.length - 1; i >= 0; i--) {
    const x = results[i]!;
    const v = x.v ?? freshOf(z, s, en.fresh('dispatch'));
    out = out === null ? v : ite(z, x.cond, v, out);
  }
  return out;
}

/** The property an expression reads or writes (`fb.P`, `itf.P`, `arr[i].P`, a sibling `P`), or null. */
export function propertyRef(en: Encoder, f: Frame, e: Expression): { name: string; recv: InstAlts | null } | null {
  if (e.kind === 'Paren') return propertyRef(en, f, e.expr);
  if (e.kind === 'Name') {
    const s = en.model.resolution.ids.get(e.id) as PropSym | undefined;
    if (s?.kind !== 'prop') return null;
    return { name: s.name, recv: { alts: [{ cond: en.T, path: f.prefix, display: f.display, pou: selfPou(en, f), exact: false }], none: en.z.Bool.val(false) } };
  }
  if (e.kind !== 'Member') return null;
  const s = en.model.resolution.ids.get(e.member) as PropSym | undefined;
  if (s?.kind !== 'prop' && typeOf(en, e.object)?.kind !== 'interface') return null;
  return { name: e.member.name, recv: instanceAlts(en, f, e.object) };
}

/** Variables of an accessor body: its own locals and the property's value variable (found through the body). */
const accessorVars = new WeakMap<PropertyAccessor, VarSym[]>();
function varsOf(en: Encoder, acc: PropertyAccessor, prop: PropSym): VarSym[] {
  const hit = accessorVars.get(acc);
  if (hit) return hit;
  const decls = new Set(acc.varBlocks.flatMap((b) => b.decls));
  const out = new Set<VarSym>();
  for (const s of acc.body) {
    walk(s, (n) => {
      if (n.kind !== 'Identifier') return;
      const v = en.model.resolution.ids.get(n) as VarSym | undefined;
      if (v?.kind === 'var' && ((v.decl && decls.has(v.decl)) || v.id === prop.id)) out.add(v);
    });
  }
  const list = [...out];
  accessorVars.set(acc, list);
  return list;
}

/** Inlines one accessor on one instance; returns the value variable's cell path (null when the body has none). */
function runAccessor(en: Encoder, f: Frame, node: { start: number }, inst: { path: string; display: string; pou: PouSym }, prop: PropSym, acc: PropertyAccessor, value: Val | null): { ok: boolean; inner: Frame; valueVar: VarSym | null } {
  // The frame's POU is the block that declares the property (SUPER^ in its accessors means that block's base).
  let declaring: PouSym = inst.pou;
  for (let q: PouSym | null = inst.pou, n = 0; q && n < 32; q = q.base, n++) {
    if ([...q.properties.values()].includes(prop)) {
      declaring = q;
      break;
    }
  }
  const inner: Frame = { pou: declaring, prefix: inst.path, display: inst.display, file: prop.file, guard: en.guardOf(f), running: { v: en.T }, loop: null, depth: f.depth + 1 };
  const vars = varsOf(en, acc, prop);
  const valueVar = vars.find((v) => v.id === prop.id) ?? null;
  if (f.depth > 16) {
    en.unsupportedAt(f.file, node, `property ${prop.name}: nesting deeper than 16 (recursion)`);
    return { ok: false, inner, valueVar };
  }
  for (const v of vars) {
    if (findPouVar(inst.pou, key(v.name))) {
      en.unsupportedAt(f.file, node, `property ${prop.name}: its variable ${v.name} shadows a member of ${inst.pou.name}`);
      return { ok: false, inner, valueVar };
    }
  }
  resetLocals(en, inner, vars.filter((v) => v !== valueVar || value === null), new Set());
  if (value && valueVar) {
    const c = en.varCell(inner, valueVar);
    if (c) en.write(c.path, value, inner.guard);
  }
  execBody(en, inner, acc.body);
  return { ok: true, inner, valueVar };
}

/** Reads a property through its GET accessor on every instance it may be on; null when it is no property. */
export function propertyGet(en: Encoder, f: Frame, e: Expression, want?: Shape): Val | null {
  const z = en.z;
  const ref = propertyRef(en, f, e);
  if (!ref) return null;
  const s0 = shapeOf(typeOf(en, e));
  const shape: Shape = typeof s0 === 'string' ? (want ?? { t: 'bool' }) : s0;
  if (!ref.recv) {
    en.unsupportedAt(f.file, e, `property ${ref.name} of an instance the encoder cannot follow`);
    return freshOf(z, shape, en.fresh('unsupported'));
  }
  if (!z.isFalse(ref.recv.none)) en.faultIf(z.And(en.guardOf(f), ref.recv.none), f.file, e, 'a property read through a null interface reference or an FB array index out of range');
  let out: Val = freshOf(z, shape, en.fresh('noinstance'));
  for (let i = ref.recv.alts.length - 1; i >= 0; i--) {
    const a = ref.recv.alts[i]!;
    const p = memberByName(a.pou, ref.name);
    let v: Val;
    if (p?.kind !== 'prop' || !p.node.getter) v = en.havocAt(f.file, e, `property ${ref.name} of ${a.pou.name} (no GET accessor): free`, shape);
    else {
      const r = runAccessor(en, guardedBy(en, f, a.cond), e, a, p, p.node.getter, null);
      const c = r.valueVar ? en.varCell(r.inner, r.valueVar) : null;
      v = !r.ok ? freshOf(z, shape, en.fresh('unsupported')) : c ? en.read(c.path) : constOf(z, shape, iecDefault(p.type));
    }
    out = i === ref.recv.alts.length - 1 && z.isFalse(ref.recv.none) ? v : ite(z, a.cond, v, out);
  }
  return out;
}

/** `obj.P := value` through the SET accessor on every instance it may be on; false when it is no property. */
export function propertySet(en: Encoder, f: Frame, target: Expression, value: Val, node: { start: number }): boolean {
  const z = en.z;
  const ref = propertyRef(en, f, target);
  if (!ref) return false;
  if (!ref.recv) {
    en.unsupportedAt(f.file, node, `property ${ref.name} of an instance the encoder cannot follow`);
    return true;
  }
  if (!z.isFalse(ref.recv.none)) en.faultIf(z.And(en.guardOf(f), ref.recv.none), f.file, node, 'a property write through a null interface reference or an FB array index out of range');
  for (const a of ref.recv.alts) {
    const p = memberByName(a.pou, ref.name);
    if (p?.kind !== 'prop' || !p.node.setter) {
      en.unsupportedAt(f.file, node, `property ${ref.name} of ${a.pou.name} has no SET accessor`);
      continue;
    }
    runAccessor(en, guardedBy(en, f, a.cond), node, a, p, p.node.setter, value);
  }
  return true;
}

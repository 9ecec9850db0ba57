import { key, type EnumType, type Identifier, type StructType, type TypeSpec } from '../st/ast.js';
import { constNumber } from './const-eval.js';
import type { Ctx } from './context.js';
import type { Scope } from './scopes.js';
import { makeVar, type PouSym, type TypeSym, type VarSym } from './symbols.js';
import {
  ANY, ELEMENTARY, ERROR, INT, elemOf, type ArrayDim, type EnumMemberSym, type EnumT, type PouT, type StrType, type StructT, type Type,
} from './types.js';

/** Turns declared type specifications into checker types, reporting unknown types once per declaration. */

const LOOSE_NAMES = new Set(['ANY', 'VARIANT', 'PVOID', 'ANY_POINTER', 'HANDLE', 'DB_ANY', 'POINTER', 'ANY_INT', 'ANY_NUM', 'ANY_REAL', 'ANY_BIT', 'ANY_STRING', 'ANY_ELEMENTARY', 'ANY_DATE', 'ANY_MAGNITUDE']);

export function pouType(p: PouSym): Type {
  if (!p.selfType) {
    const t: PouT = { kind: 'pou', pou: p };
    p.selfType = t;
  }
  return p.selfType;
}

export function resolveTypeSym(cx: Ctx, sym: TypeSym, sc: Scope): Type {
  if (sym.type) return sym.type;
  if (sym.resolving) {
    cx.report('ST2003', sym.file, sym.id, `type ${sym.name} is defined in terms of itself`);
    return (sym.type = ERROR);
  }
  sym.resolving = true;
  const t = resolveTypeSpec(cx, sym.item.type, sym.file, sc, sym);
  sym.resolving = false;
  sym.type = t;
  return t;
}

/** `named` is the TYPE being declared, which names a new enum, struct or subrange. */
export function resolveTypeSpec(cx: Ctx, spec: TypeSpec, file: string, sc: Scope, named: TypeSym | null = null): Type {
  switch (spec.kind) {
    case 'NamedType': {
      const parts = spec.name.parts;
      if (parts.length === 0) return ERROR;
      const last = parts[parts.length - 1]!;
      const k = key(last.name);
      const e = ELEMENTARY.get(k);
      if (e && parts.length === 1) return e;
      const g = cx.globals.names.get(k);
      if (g?.kind === 'type') return resolveTypeSym(cx, g, sc);
      if (g?.kind === 'pou') {
        if (g.pouKind === 'FUNCTION_BLOCK' || g.pouKind === 'PROGRAM') return pouType(g);
        cx.report('ST2003', file, spec, `${g.name} is a ${g.pouKind.toLowerCase().replace('_', ' ')}, not a type`, g);
        return ERROR;
      }
      if (g?.kind === 'interface') return { kind: 'interface', sym: g };
      if (e) return e;
      if (LOOSE_NAMES.has(k)) return ANY;
      cx.report('ST2003', file, spec, `unknown type ${parts.map((p) => p.name).join('.')}`);
      return ERROR;
    }
    case 'StringType': {
      let length = cx.scl ? 254 : 80;
      if (spec.length) {
        const n = constNumber(spec.length, sc);
        if (n === null) cx.report('ST2053', file, spec.length, 'the string length must be a constant expression');
        else length = n;
      }
      const t: StrType = { kind: 'string', wide: spec.wide, length, literal: false };
      return t;
    }
    case 'ArrayType': {
      const dims: (ArrayDim | null)[] = [];
      for (const r of spec.ranges) {
        const lo = constNumber(r.lo, sc);
        const hi = constNumber(r.hi, sc);
        if (lo === null) cx.report('ST2053', file, r.lo, 'array bounds must be constant expressions');
        if (hi === null) cx.report('ST2053', file, r.hi, 'array bounds must be constant expressions');
        dims.push(lo !== null && hi !== null ? { lo, hi } : null);
      }
      if (spec.variableLength && dims.length === 0) dims.push(null);
      return { kind: 'array', dims, element: resolveTypeSpec(cx, spec.element, file, sc) };
    }
    case 'RefType': {
      const target = resolveTypeSpec(cx, spec.target, file, sc);
      // REFERENCE TO is dereferenced implicitly: it reads and writes as its target.
      if (spec.refKind === 'REFERENCE_TO') return target;
      return { kind: 'ref', refKind: spec.refKind, target };
    }
    case 'SubrangeType': {
      const base = elemOf(resolveTypeSpec(cx, spec.base, file, sc));
      const lo = constNumber(spec.lo, sc);
      const hi = constNumber(spec.hi, sc);
      if (lo === null) cx.report('ST2053', file, spec.lo, 'subrange limits must be constant expressions');
      if (hi === null) cx.report('ST2053', file, spec.hi, 'subrange limits must be constant expressions');
      if (!base) return ERROR;
      if (lo === null || hi === null) return base;
      return { kind: 'subrange', name: named?.name ?? `${base.name}(${lo}..${hi})`, base, lo, hi };
    }
    case 'EnumType':
      return resolveEnum(cx, spec, file, sc, named);
    case 'StructType':
      return resolveStruct(cx, spec, file, sc, named);
  }
}

function resolveEnum(cx: Ctx, spec: EnumType, file: string, sc: Scope, named: TypeSym | null): EnumT {
  const baseT = spec.base ? elemOf(resolveTypeSpec(cx, spec.base, file, sc)) : null;
  const members = new Map<string, EnumMemberSym>();
  const t: EnumT = { kind: 'enum', name: named?.name ?? '<enumeration>', members, base: baseT ?? INT, qualifiedOnly: named?.qualifiedOnly ?? false };
  let next = 0;
  for (const m of spec.members) {
    const k = key(m.name.name);
    let value = next;
    if (m.value) {
      const v = constNumber(m.value, sc);
      if (v === null) cx.report('ST2053', file, m.value, `the value of ${m.name.name} must be a constant expression`);
      else value = v;
    }
    next = value + 1;
    const prev = members.get(k);
    if (prev) {
      cx.report('ST2002', file, m.name, `duplicate enumeration value ${m.name.name} in ${t.name}`, prev);
      continue;
    }
    const sym: EnumMemberSym = { name: m.name.name, value, id: m.name, file };
    members.set(k, sym);
    const table = t.qualifiedOnly ? cx.qualifiedEnumValues : cx.enumValues;
    if (!table.has(k)) table.set(k, { kind: 'enumval', type: t, member: sym });
  }
  return t;
}

function resolveStruct(cx: Ctx, spec: StructType, file: string, sc: Scope, named: TypeSym | null): StructT {
  const fields = new Map<string, VarSym>();
  const t: StructT = { kind: 'struct', name: named?.name ?? '<structure>', fields };
  if (named) named.type = t; // a member may point to its own type (REF_TO / POINTER TO)
  if (spec.extends) {
    const base = cx.globals.names.get(key(spec.extends.parts[spec.extends.parts.length - 1]!.name));
    const bt = base?.kind === 'type' ? resolveTypeSym(cx, base, sc) : null;
    if (bt?.kind === 'struct') for (const [k, v] of bt.fields) fields.set(k, v);
    else cx.report('ST2003', file, spec.extends, `unknown structure ${spec.extends.parts.map((p) => p.name).join('.')}`);
  }
  for (const d of spec.members) {
    const type = resolveTypeSpec(cx, d.type, file, sc);
    for (const id of d.names) addField(cx, fields, id, file, d, type, t.name);
  }
  return t;
}

function addField(cx: Ctx, fields: Map<string, VarSym>, id: Identifier, file: string, d: StructType['members'][number], type: Type, owner: string): void {
  const k = key(id.name);
  const prev = fields.get(k);
  if (prev) {
    cx.report('ST2002', file, id, `duplicate member ${id.name} in ${owner}`, prev);
    return;
  }
  const v = makeVar(id, file, d, 'VAR', false);
  v.type = type;
  v.used = true;
  fields.set(k, v);
}

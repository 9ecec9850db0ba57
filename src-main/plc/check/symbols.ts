import type { Action, Identifier, Interface, Pou, PouKind, Property, TypeItem, TypeSpec, VarDecl, VarSection } from '../st/ast.js';
import type { Type } from './types.js';

/**
 * Symbols: what a name can stand for. Every table is a Map keyed by the upper-case name (`key()`), built once
 * per site; types are resolved lazily and cached on the symbol.
 */

export interface VarSym {
  kind: 'var';
  name: string;
  id: Identifier;
  file: string;
  section: VarSection;
  constant: boolean;
  /** Upper-case direct address (`%IX0.0`), or null. */
  location: string | null;
  decl: VarDecl | null;
  typeSpec: TypeSpec | null;
  type: Type | null;
  used: boolean;
  /** The variable has an initial value (an input with one need not be connected). */
  hasInit: boolean;
  /** Name of the named GVL that holds it, for messages; null elsewhere. */
  gvl: string | null;
}

export interface PropSym {
  kind: 'prop';
  name: string;
  id: Identifier;
  file: string;
  node: Property;
  type: Type | null;
}

export interface ActionSym {
  kind: 'action';
  name: string;
  id: Identifier;
  file: string;
  node: Action;
}

export interface PouSym {
  kind: 'pou';
  name: string;
  id: Identifier;
  file: string;
  node: Pou;
  pouKind: PouKind;
  /** Every variable declared by the POU itself, all sections. */
  vars: Map<string, VarSym>;
  /** Inputs, outputs and in-outs in declaration order (positional arguments bind in this order). */
  params: VarSym[];
  /** The FB it EXTENDS, resolved after all POUs are known. */
  base: PouSym | null;
  methods: Map<string, PouSym>;
  properties: Map<string, PropSym>;
  actions: Map<string, ActionSym>;
  returnType: Type | null;
  /** The FB a method belongs to. */
  owner: PouSym | null;
  builtin: boolean;
  /** The implicit result variable of a function or method (assigned as `Name := value`). */
  retVar: VarSym | null;
  /** Cached instance type of an FB or program. */
  selfType: Type | null;
}

export interface TypeSym {
  kind: 'type';
  name: string;
  id: Identifier;
  file: string;
  item: TypeItem;
  type: Type | null;
  resolving: boolean;
  qualifiedOnly: boolean;
}

export interface InterfaceSym {
  kind: 'interface';
  name: string;
  id: Identifier;
  file: string;
  node: Interface;
  methods: Map<string, PouSym>;
  properties: Map<string, PropSym>;
}

export interface GvlSym {
  kind: 'gvl';
  name: string;
  id: Identifier;
  file: string;
  vars: Map<string, VarSym>;
  qualifiedOnly: boolean;
}

export type GlobalSym = PouSym | TypeSym | InterfaceSym;

export interface Globals {
  /** POUs, user types and interfaces share one namespace. */
  names: Map<string, GlobalSym>;
  /** Global variables visible without qualification (and SCL data blocks). */
  vars: Map<string, VarSym>;
  /** Named GVLs, for `GVL.x`. */
  gvls: Map<string, GvlSym>;
}

/** What a member name of an FB (or its bases) stands for. */
export type PouMember = VarSym | PouSym | PropSym | ActionSym;

/** Looks a member up in an FB and the FBs it extends. */
export function findPouMember(pou: PouSym, k: string): PouMember | null {
  for (let p: PouSym | null = pou, guard = 0; p && guard < 32; p = p.base, guard++) {
    const v = p.vars.get(k) ?? p.methods.get(k) ?? p.properties.get(k) ?? p.actions.get(k);
    if (v) return v;
  }
  return null;
}

export function findPouVar(pou: PouSym, k: string): VarSym | null {
  for (let p: PouSym | null = pou, guard = 0; p && guard < 32; p = p.base, guard++) {
    const v = p.vars.get(k);
    if (v) return v;
  }
  return null;
}

export function isParamSection(s: VarSection): boolean {
  return s === 'VAR_INPUT' || s === 'VAR_OUTPUT' || s === 'VAR_IN_OUT';
}

export function makeVar(
  id: Identifier,
  file: string,
  decl: VarDecl | null,
  section: VarSection,
  constant: boolean,
  gvl: string | null = null,
): VarSym {
  return {
    kind: 'var',
    name: id.name,
    id,
    file,
    section,
    constant,
    location: decl?.location ? decl.location.address.toUpperCase() : null,
    decl,
    typeSpec: decl ? decl.type : null,
    type: null,
    used: false,
    hasInit: decl !== null && decl.init !== null,
    gvl,
  };
}

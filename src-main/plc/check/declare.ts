import { key, type Action, type CompilationUnit, type Interface, type Pou, type Pragma, type TypeSpec, type VarBlock } from '../st/ast.js';
import type { Ctx } from './context.js';
import {
  isParamSection, makeVar, type ActionSym, type GlobalSym, type Globals, type InterfaceSym, type PouSym, type PropSym, type VarSym,
} from './symbols.js';

/**
 * Builds the site's symbol tables from all compilation units (and the builtin declarations): POUs with
 * their variables, methods, properties and actions, types, interfaces, global variables, named GVLs and SCL
 * data blocks. Reports duplicates in each scope.
 */

export function hasAttribute(pragmas: Pragma[], name: string): boolean {
  for (const p of pragmas) if (p.attribute && p.attribute.name.toLowerCase() === name) return true;
  return false;
}

export function emptyGlobals(): Globals {
  return { names: new Map(), vars: new Map(), gvls: new Map() };
}

/** Every POU made, in declaration order (methods after their FB). */
export interface Declared {
  pous: PouSym[];
  globalVars: VarSym[];
  /** Interface methods: declarations without a body. */
  bodyless: Set<PouSym>;
}

export function declareUnits(cx: Ctx, units: CompilationUnit[], out: Declared): void {
  const actions: { a: Action; file: string }[] = [];
  for (const u of units) {
    for (const d of u.declarations) {
      switch (d.kind) {
        case 'Pou':
          addName(cx, makePou(cx, d, u.file, null, out));
          break;
        case 'TypeDecl':
          for (const item of d.items) {
            addName(cx, { kind: 'type', name: item.name.name, id: item.name, file: u.file, item, type: null, resolving: false, qualifiedOnly: hasAttribute(item.pragmas, 'qualified_only') });
          }
          break;
        case 'Interface':
          addName(cx, makeInterface(cx, d, u.file, out));
          break;
        case 'GlobalVars': {
          const qualifiedOnly = hasAttribute(d.pragmas, 'qualified_only');
          if (d.name) {
            const k = key(d.name.name);
            const prev = cx.globals.gvls.get(k);
            const gvl = prev ?? { kind: 'gvl' as const, name: d.name.name, id: d.name, file: u.file, vars: new Map<string, VarSym>(), qualifiedOnly };
            if (!prev) cx.globals.gvls.set(k, gvl);
            addGlobalBlock(cx, d.block, u.file, gvl.vars, qualifiedOnly ? null : cx.globals.vars, d.name.name, out);
          } else addGlobalBlock(cx, d.block, u.file, null, cx.globals.vars, null, out);
          break;
        }
        case 'Configuration':
          for (const b of d.varBlocks) addGlobalBlock(cx, b, u.file, null, cx.globals.vars, null, out);
          for (const r of d.resources) for (const b of r.varBlocks) addGlobalBlock(cx, b, u.file, null, cx.globals.vars, null, out);
          break;
        case 'DataBlock': {
          let spec: TypeSpec;
          if (d.instanceOf) spec = { kind: 'NamedType', name: d.instanceOf, start: d.instanceOf.start, end: d.instanceOf.end };
          else {
            const members = d.varBlocks.flatMap((b) => b.decls);
            spec = { kind: 'StructType', extends: null, members, start: d.start, end: d.end };
          }
          const v = makeVar(d.name, u.file, null, 'VAR_GLOBAL', false);
          v.typeSpec = spec;
          addGlobal(cx, cx.globals.vars, v, out);
          break;
        }
        case 'Action':
          actions.push({ a: d, file: u.file });
          break;
      }
    }
  }
  for (const { a, file } of actions) {
    const owner = a.owner ? cx.globals.names.get(key(a.owner.name)) : null;
    if (!a.owner) continue;
    if (owner?.kind !== 'pou') {
      cx.report('ST2001', file, a.owner, `ACTION ${a.name.name} belongs to an undeclared POU ${a.owner.name}`);
      continue;
    }
    addMember(cx, owner, owner.actions, key(a.name.name), { kind: 'action', name: a.name.name, id: a.name, file, node: a });
  }
}

function addName(cx: Ctx, s: GlobalSym): void {
  const k = key(s.name);
  const prev = cx.globals.names.get(k);
  if (prev) {
    cx.report('ST2002', s.file, s.id, `${s.name} is declared twice in the site`, prev);
    return;
  }
  cx.globals.names.set(k, s);
}

function addGlobal(cx: Ctx, table: Map<string, VarSym>, v: VarSym, out: Declared): void {
  const k = key(v.name);
  const prev = table.get(k);
  if (prev) {
    cx.report('ST2002', v.file, v.id, `global variable ${v.name} is declared twice`, prev);
    return;
  }
  table.set(k, v);
  out.globalVars.push(v);
}

function addGlobalBlock(cx: Ctx, b: VarBlock, file: string, gvlVars: Map<string, VarSym> | null, shared: Map<string, VarSym> | null, gvl: string | null, out: Declared): void {
  const constant = b.qualifiers.includes('CONSTANT');
  for (const d of b.decls) {
    for (const id of d.names) {
      const v = makeVar(id, file, d, 'VAR_GLOBAL', constant, gvl);
      v.used = true;
      if (gvlVars) {
        const k = key(id.name);
        const prev = gvlVars.get(k);
        if (prev) {
          cx.report('ST2002', file, id, `global variable ${id.name} is declared twice in ${gvl}`, prev);
          continue;
        }
        gvlVars.set(k, v);
        if (!shared) out.globalVars.push(v);
      }
      if (shared) addGlobal(cx, shared, v, out);
    }
  }
}

function addMember<T extends VarSym | PouSym | PropSym | ActionSym>(cx: Ctx, p: PouSym, table: Map<string, T>, k: string, s: T): void {
  const prev = p.vars.get(k) ?? p.methods.get(k) ?? p.properties.get(k) ?? p.actions.get(k);
  if (prev) {
    cx.report('ST2002', s.file, s.id, `${s.name} is declared twice in ${p.name}`, prev);
    return;
  }
  table.set(k, s);
}

export function addVarBlocks(cx: Ctx, blocks: VarBlock[], file: string, vars: Map<string, VarSym>, params: VarSym[] | null, ownerName: string): void {
  for (const b of blocks) {
    const constant = b.qualifiers.includes('CONSTANT');
    for (const d of b.decls) {
      for (const id of d.names) {
        const k = key(id.name);
        const prev = vars.get(k);
        if (prev) {
          cx.report('ST2002', file, id, `${id.name} is declared twice in ${ownerName}`, prev);
          continue;
        }
        const v = makeVar(id, file, d, b.section, constant);
        vars.set(k, v);
        if (params && isParamSection(b.section)) params.push(v);
      }
    }
  }
}

export function makePou(cx: Ctx, node: Pou, file: string, owner: PouSym | null, out: Declared): PouSym {
  const p: PouSym = {
    kind: 'pou', name: node.name.name, id: node.name, file, node, pouKind: node.pouKind, vars: new Map(), params: [], base: null,
    methods: new Map(), properties: new Map(), actions: new Map(), returnType: null, owner, builtin: false, retVar: null, selfType: null,
  };
  addVarBlocks(cx, node.varBlocks, file, p.vars, p.params, p.name);
  if (node.returnType) {
    const r = makeVar(node.name, file, null, 'VAR', false);
    r.typeSpec = node.returnType;
    r.used = true;
    p.retVar = r;
  }
  out.pous.push(p);
  for (const m of node.methods) addMember(cx, p, p.methods, key(m.name.name), makePou(cx, m, file, p, out));
  for (const pr of node.properties) {
    addMember(cx, p, p.properties, key(pr.name.name), { kind: 'prop', name: pr.name.name, id: pr.name, file, node: pr, type: null });
  }
  for (const a of node.actions) addMember(cx, p, p.actions, key(a.name.name), { kind: 'action', name: a.name.name, id: a.name, file, node: a });
  return p;
}

function makeInterface(cx: Ctx, node: Interface, file: string, out: Declared): InterfaceSym {
  const s: InterfaceSym = { kind: 'interface', name: node.name.name, id: node.name, file, node, methods: new Map(), properties: new Map() };
  for (const m of node.methods) {
    const p = makePou(cx, m, file, null, out);
    out.bodyless.add(p);
    s.methods.set(key(m.name.name), p);
  }
  for (const pr of node.properties) s.properties.set(key(pr.name.name), { kind: 'prop', name: pr.name.name, id: pr.name, file, node: pr, type: null });
  return s;
}


import type { SemanticModel } from '../plc/check/check-program.js';
import type { InterfaceSym, PouSym, VarSym } from '../plc/check/symbols.js';
import type { ArrayT, Type } from '../plc/check/types.js';
import { key } from '../plc/st/ast.js';
import { globalPath } from './encoder.js';
import { arraySize, stepText } from './encode-types.js';
import { REF_BITS } from './values.js';

/**
 * The site's FB instances, enumerated statically: every instance below a global or a program variable
 * (members of FB instances and elements of FB arrays included), each with its cell path, its display name,
 * its block type and a number. An interface reference is encoded as that number (0 = no instance): the
 * instances an interface variable can refer to are exactly those of this table whose type implements it,
 * so a call through it is a choice over them. `complete` is false when some instance could not be listed
 * (an FB inside a struct, an array too large): a call through an interface is then not encoded at all.
 */

export interface InstanceInfo {
  id: number;
  path: string;
  display: string;
  pou: PouSym;
}

export interface InstanceTable {
  byPath: Map<string, InstanceInfo>;
  list: InstanceInfo[];
  complete: boolean;
}

/** The most instances listed (a reference is a 16-bit number). */
const MAX_INSTANCES = 4096;
export { REF_BITS };

/** Every variable of a block type, its own and its bases' (by-value members only). */
function membersOf(p: PouSym): VarSym[] {
  const out: VarSym[] = [];
  for (let q: PouSym | null = p, n = 0; q && n < 32; q = q.base, n++) out.push(...q.vars.values());
  return out;
}

const tables = new WeakMap<SemanticModel, InstanceTable>();

/** The instance table of a site (built once per model). */
export function instanceTable(model: SemanticModel): InstanceTable {
  let t = tables.get(model);
  if (!t) tables.set(model, (t = buildInstanceTable(model)));
  return t;
}

function buildInstanceTable(model: SemanticModel): InstanceTable {
  const t: InstanceTable = { byPath: new Map(), list: [], complete: true };
  const add = (path: string, display: string, type: Type | null | undefined, depth: number): void => {
    if (!type || depth > 12) return;
    if (type.kind === 'array') {
      if (!containsFb(type, 0)) return;
      const n = arraySize(type);
      if (n === null || n > MAX_INSTANCES) {
        t.complete = false;
        return;
      }
      for (let i = 0; i < n; i++) {
        const s = stepText(type, { offset: i }, '');
        add(path + s, display + s, type.element, depth + 1);
      }
      return;
    }
    if (type.kind === 'struct') {
      if (containsFb(type, 0)) t.complete = false;
      return;
    }
    if (type.kind !== 'pou' || type.pou.pouKind === 'PROGRAM') return;
    if (t.list.length >= MAX_INSTANCES) {
      t.complete = false;
      return;
    }
    const info = { id: t.list.length + 1, path, display, pou: type.pou };
    t.list.push(info);
    t.byPath.set(path, info);
    if (type.pou.builtin) return;
    for (const v of membersOf(type.pou)) {
      if (v.section === 'VAR_IN_OUT' || v.section === 'VAR_EXTERNAL') continue;
      add(`${path}.${key(v.name)}`, `${display}.${v.name}`, v.type, depth + 1);
    }
  };
  for (const g of model.globalVars) add(globalPath(model, g), g.name, g.type, 0);
  for (const p of model.pous) {
    if (p.builtin || p.owner || (p.pouKind !== 'PROGRAM' && p.pouKind !== 'ORGANIZATION_BLOCK')) continue;
    for (const v of p.vars.values()) {
      if (v.section === 'VAR_IN_OUT' || v.section === 'VAR_EXTERNAL') continue;
      add(`P.${key(p.name)}.${key(v.name)}`, `${p.name}.${v.name}`, v.type, 1);
    }
  }
  // An FB instance declared in a FUNCTION or METHOD lives only during the call: it is listed on demand.
  for (const p of model.pous) {
    if (p.builtin) continue;
    const local = p.pouKind === 'FUNCTION' || p.pouKind === 'METHOD';
    if (local && [...p.vars.values()].some((v) => v.section !== 'VAR_IN_OUT' && containsFb(v.type, 0))) t.complete = false;
  }
  return t;
}

function containsFb(t: Type | null | undefined, depth: number): boolean {
  if (!t || depth > 12) return false;
  if (t.kind === 'pou') return t.pou.pouKind !== 'PROGRAM';
  if (t.kind === 'array') return containsFb((t as ArrayT).element, depth + 1);
  if (t.kind === 'struct') return [...t.fields.values()].some((f) => containsFb(f.type, depth + 1));
  return false;
}

/** Whether block type `p` (or a base) implements interface `itf` (or one that extends it). */
export function implementsInterface(model: SemanticModel, p: PouSym, itf: InterfaceSym): boolean {
  const target = key(itf.name);
  const extendsTarget = (name: string, seen: Set<string>): boolean => {
    if (name === target) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    const s = model.globals.names.get(name);
    if (s?.kind !== 'interface') return false;
    return s.node.extends.some((q) => extendsTarget(key(q.parts[q.parts.length - 1]!.name), seen));
  };
  for (let q: PouSym | null = p, n = 0; q && n < 32; q = q.base, n++) {
    for (const i of q.node.implements) if (extendsTarget(key(i.parts[i.parts.length - 1]!.name), new Set())) return true;
  }
  return false;
}

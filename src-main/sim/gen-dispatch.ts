import type { PouSym, PropSym } from '../plc/check/symbols.js';
import type { Expression } from '../plc/st/ast.js';
import { fnName, isNativePou, keyOf, type GenContext, type PouGen } from './gen-context.js';
import { objectOf, type Lvalue } from './gen-expr.js';

/*
 * Dynamic dispatch of methods and properties (IEC 61131-3 3rd edition, CODESYS): every method is virtual.
 * Each user FB (and program) instance carries `$vt`, its type's dispatch table, from which a call through an
 * INTERFACE reference, or of a method or property some derived FB overrides, picks the implementation of the
 * instance's actual type (the most derived one). SUPER^ calls, and calls nothing overrides, stay direct calls.
 *
 * Table keys: `M$NAME` a method, `G$NAME` / `S$NAME` a property's getter / setter (names upper case).
 */

export type Slot = 'M' | 'G' | 'S';

/** JS name of the module-level dispatch table of an FB or program type. */
export function vtableName(p: PouSym): string {
  return fnName('vt', p.name);
}

function baseChain(p: PouSym): PouSym[] {
  const chain: PouSym[] = [];
  for (let q: PouSym | null = p, guard = 0; q && guard < 32; q = q.base, guard++) chain.unshift(q);
  return chain;
}

/** `const vt_FB = { ... };`: the FB's methods and accessors, its own declarations over its bases'. */
export function genVtable(p: PouSym): string {
  const entries = new Map<string, string>();
  for (const q of baseChain(p)) {
    if (isNativePou(q)) continue;
    for (const m of q.methods.values()) entries.set(`M$${keyOf(m.name)}`, fnName('m', q.name, m.name));
    for (const pr of q.properties.values()) {
      if (pr.node.getter) entries.set(`G$${keyOf(pr.name)}`, fnName('get', q.name, pr.name));
      if (pr.node.setter) entries.set(`S$${keyOf(pr.name)}`, fnName('set', q.name, pr.name));
    }
  }
  const body = [...entries].map(([k, f]) => `  ${JSON.stringify(k)}: ${f},\n`).join('');
  return `const ${vtableName(p)} = {\n${body}};\n`;
}

function extendsFrom(p: PouSym, base: PouSym): boolean {
  for (let q: PouSym | null = p.base, guard = 0; q && guard < 32; q = q.base, guard++) if (q === base) return true;
  return false;
}

/** Some FB derived from `owner` declares its own method (or property) `k`: a call must look at the instance. */
export function isOverridden(g: GenContext, owner: PouSym, k: string, what: 'methods' | 'properties'): boolean {
  return g.model.pous.some((p) => p !== owner && !p.owner && extendsFrom(p, owner) && p[what].has(k));
}

/** The FB, `pou` or one of its bases, that declares the property. */
export function propOwner(pou: PouSym, pr: PropSym): PouSym | null {
  for (let q: PouSym | null = pou, guard = 0; q && guard < 32; q = q.base, guard++) if ([...q.properties.values()].includes(pr)) return q;
  return null;
}

/** `SUPER^.x`: the base's own implementation, never the override. */
export function isSuperAccess(e: Expression | null): boolean {
  return e?.kind === 'Deref' && e.object.kind === 'Super';
}

/**
 * A dispatched call: `rt.vcall` faults (null-reference, at this source line) when `inst` holds no instance,
 * as a CODESYS PLC stops with an access violation, and otherwise calls the instance type's implementation.
 */
export function dispatch(g: GenContext, pg: PouGen, inst: string, slot: Slot, name: string, at: number, args: readonly string[] = []): string {
  const site = g.site(pg.label, pg.file, at);
  const what = slot === 'M' ? `method ${name}` : `property ${name}`;
  return `rt.vcall(${inst}, ${JSON.stringify(`${slot}$${keyOf(name)}`)}, ${JSON.stringify(what)}, ${site}, G, P${args.map((a) => ', ' + a).join('')})`;
}

/**
 * A property as a place: reading calls its getter, assigning calls its setter. Through an interface
 * (`owner` null) or when a derived FB overrides it, the instance's own type's accessor runs.
 */
export function propertyPlace(g: GenContext, pg: PouGen, object: Expression | null, pr: PropSym, owner: PouSym | null, at: number): Lvalue | null {
  const inst = object ? objectOf(g, pg, object) : 'self';
  if (inst === null) return null;
  const declaring = owner ? propOwner(owner, pr) : null;
  const k = keyOf(pr.name);
  const dynamic = !declaring || (!isSuperAccess(object) && isOverridden(g, declaring, k, 'properties'));
  const accessor = (slot: 'G' | 'S', args: string[]): string => {
    if (dynamic) return dispatch(g, pg, inst, slot, pr.name, at, args);
    const node = slot === 'G' ? pr.node.getter : pr.node.setter;
    if (!node) return g.unsupported(pg.file, at, `${slot === 'G' ? 'reading' : 'writing'} property ${pr.name}, which has no ${slot === 'G' ? 'GET' : 'SET'}`);
    return `${fnName(slot === 'G' ? 'get' : 'set', declaring.name, pr.name)}(${inst}, G, P, rt${args.map((a) => ', ' + a).join('')})`;
  };
  return {
    get read() {
      return accessor('G', []);
    },
    write: (v) => accessor('S', [v]),
    get ref() {
      return g.unsupported(pg.file, at, `a reference to property ${pr.name}`);
    },
    type: pr.type ?? undefined,
  };
}

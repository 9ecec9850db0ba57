import type { SemanticModel } from '../plc/check/check-program.js';
import type { PouSym, VarSym } from '../plc/check/symbols.js';
import { key, type PropertyAccessor } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';

/**
 * What a method call or property access may run, for the cone of influence: a call through an interface, on
 * an FB array element or on `THIS^` of a derived block is dispatched by name at run time, so it stands for
 * every method (every GET or SET accessor) of that name in any block type of the site. Over-approximating
 * the callees only makes the cone larger, never drops a statement that matters.
 */
export interface Dispatch {
  model: SemanticModel;
  methods(name: string): readonly PouSym[];
  getters(name: string): readonly PropertyAccessor[];
  setters(name: string): readonly PropertyAccessor[];
  /** The variables that carry a callee's result to the caller: a GET accessor's value variable. */
  results(callee: unknown): readonly VarSym[];
}

export function dispatchOf(model: SemanticModel): Dispatch {
  const methods = new Map<string, PouSym[]>();
  const getters = new Map<string, PropertyAccessor[]>();
  const setters = new Map<string, PropertyAccessor[]>();
  const results = new Map<unknown, VarSym[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  const seen = new Set<PouSym>();
  const addPou = (p: PouSym): void => {
    if (seen.has(p) || p.builtin) return;
    seen.add(p);
    for (const m of p.methods.values()) {
      push(methods, key(m.name), m);
      addPou(m);
    }
    for (const pr of p.properties.values()) {
      const g = pr.node.getter;
      if (g) {
        push(getters, key(pr.name), g);
        const vs = new Set<VarSym>();
        for (const s of g.body) {
          walk(s, (n) => {
            if (n.kind !== 'Identifier') return;
            const v = model.resolution.ids.get(n) as VarSym | undefined;
            if (v?.kind === 'var' && v.id === pr.id) vs.add(v);
          });
        }
        results.set(g, [...vs]);
      }
      if (pr.node.setter) push(setters, key(pr.name), pr.node.setter);
    }
  };
  for (const p of model.pous) addPou(p);
  return {
    model,
    methods: (n) => methods.get(key(n)) ?? [],
    getters: (n) => getters.get(key(n)) ?? [],
    setters: (n) => setters.get(key(n)) ?? [],
    results: (c) => results.get(c) ?? [],
  };
}

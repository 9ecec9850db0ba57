import { and, atom, atomsOf, not, or, substitute, type BoolExpr } from './bool-expr.js';

/**
 * The decision procedure of the static rules: whether a condition implies another over free atoms (apart
 * from the sound implications atoms carry). A case-splitting search: conjuncts that are literals are assigned
 * first, then the most frequent atom is split on, constants folding the rest away. Exact for the abstraction:
 * 'holds' is a proof as far as the abstraction is sound, 'fails' comes with a valuation that falsifies it.
 * The search has a budget; past it the answer is 'undecided' (an open point, never a pass).
 */

/** Search steps (case splits and unit assignments) one decision may take before it is 'undecided'. */
export const DECISION_LIMITS = { steps: 200_000 };

/** Kept for callers that size checks by atoms; the search itself is bounded by DECISION_LIMITS.steps. */
export const MAX_ATOMS = 20;

export type Decision =
  | { status: 'holds'; atoms: string[] }
  /** A valuation of the atoms (ids) where the premise holds and the conclusion does not. */
  | { status: 'fails'; atoms: string[]; assignment: Map<string, boolean> }
  | { status: 'undecided'; atoms: string[]; reason: string };

/** A sound implication an atom carries (e.g. TON.Q ⇒ IN): assumed wherever the atom occurs. */
export type ConstraintOf = (atomId: string) => BoolExpr | null;

/** The constraints of every atom reachable from the expressions (constraints mention further atoms). */
export function constraintsFor(exprs: readonly BoolExpr[], constraintOf: ConstraintOf): { atoms: string[]; constraint: BoolExpr } {
  const seen = new Set<string>();
  const work: string[] = [];
  for (const e of exprs) {
    for (const a of atomsOf(e)) {
      if (seen.has(a)) continue;
      seen.add(a);
      work.push(a);
    }
  }
  const parts: BoolExpr[] = [];
  while (work.length) {
    const a = work.pop()!;
    const c = constraintOf(a);
    if (!c) continue;
    parts.push(or(not(atom(a)), c));
    for (const b of atomsOf(c)) {
      if (seen.has(b)) continue;
      seen.add(b);
      work.push(b);
    }
  }
  return { atoms: [...seen].sort(), constraint: and(...parts) };
}

export type SatResult = { status: 'sat'; model: Map<string, boolean> } | { status: 'unsat' } | { status: 'unknown'; steps: number };

/** Occurrences of each atom (the split heuristic). */
function frequencies(e: BoolExpr, into: Map<string, number>): void {
  switch (e.k) {
    case 'const':
      return;
    case 'atom':
      into.set(e.id, (into.get(e.id) ?? 0) + 1);
      return;
    case 'not':
      return frequencies(e.e, into);
    case 'and':
    case 'or':
      for (const x of e.es) frequencies(x, into);
      return;
    case 'ite':
      frequencies(e.c, into);
      frequencies(e.t, into);
      frequencies(e.f, into);
      return;
  }
}

/** Literals the formula forces: its top-level conjuncts that are an atom or a negated atom. */
function units(e: BoolExpr): Map<string, boolean> | null {
  const out = new Map<string, boolean>();
  const es = e.k === 'and' ? e.es : [e];
  for (const x of es) {
    const lit = x.k === 'atom' ? { id: x.id, v: true } : x.k === 'not' && x.e.k === 'atom' ? { id: x.e.id, v: false } : null;
    if (!lit) continue;
    if (out.has(lit.id) && out.get(lit.id) !== lit.v) return null;
    out.set(lit.id, lit.v);
  }
  return out;
}

/** Whether some valuation of its atoms makes the formula TRUE, within the step budget. */
export function solve(e: BoolExpr, budget = DECISION_LIMITS.steps): SatResult {
  let steps = 0;
  const model = new Map<string, boolean>();
  const go = (f: BoolExpr): 'sat' | 'unsat' | 'unknown' => {
    if (++steps > budget) return 'unknown';
    if (f.k === 'const') return f.v ? 'sat' : 'unsat';
    const u = units(f);
    if (u === null) return 'unsat';
    if (u.size) {
      const sub = new Map([...u].map(([id, v]) => [id, { k: 'const', v } as BoolExpr]));
      const r = go(substitute(f, sub));
      if (r === 'sat') for (const [id, v] of u) model.set(id, v);
      return r;
    }
    const freq = new Map<string, number>();
    frequencies(f, freq);
    let pick = '';
    let best = -1;
    for (const [id, n] of freq) if (n > best) [pick, best] = [id, n];
    let unknown = false;
    for (const v of [true, false]) {
      const r = go(substitute(f, new Map([[pick, { k: 'const', v } as BoolExpr]])));
      if (r === 'sat') {
        model.set(pick, v);
        return 'sat';
      }
      if (r === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'unsat';
  };
  const r = go(e);
  if (r === 'sat') return { status: 'sat', model };
  return r === 'unsat' ? { status: 'unsat' } : { status: 'unknown', steps };
}

/**
 * Decides `premise ⇒ conclusion` under the atoms' constraints. A falsifying valuation names every atom
 * involved (atoms the formula no longer depends on are shown FALSE).
 */
export function decideImplies(premise: BoolExpr, conclusion: BoolExpr, constraintOf: ConstraintOf, budget = DECISION_LIMITS.steps): Decision {
  const { atoms, constraint } = constraintsFor([premise, conclusion], constraintOf);
  const r = solve(and(premise, constraint, not(conclusion)), budget);
  if (r.status === 'unsat') return { status: 'holds', atoms };
  if (r.status === 'sat') return { status: 'fails', atoms, assignment: new Map(atoms.map((a) => [a, r.model.get(a) ?? false])) };
  return { status: 'undecided', atoms, reason: `the search over ${atoms.length} atoms stopped at its budget of ${budget} steps` };
}

/** Whether some valuation satisfies the expression under the constraints (null when undecided). */
export function satisfiable(e: BoolExpr, constraintOf: ConstraintOf, budget = DECISION_LIMITS.steps): boolean | null {
  const d = decideImplies(e, { k: 'const', v: false }, constraintOf, budget);
  return d.status === 'undecided' ? null : d.status === 'fails';
}

import { and, atomsOf, compile, not, or, type BoolExpr } from './bool-expr.js';

/** The most atoms a decision enumerates (2^20 valuations); beyond it the answer is 'undecided', never a pass. */
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
    parts.push(or(not({ k: 'atom', id: a }), c));
    for (const b of atomsOf(c)) {
      if (seen.has(b)) continue;
      seen.add(b);
      work.push(b);
    }
  }
  return { atoms: [...seen].sort(), constraint: and(...parts) };
}

/**
 * Decides `premise ⇒ conclusion` under the atoms' constraints by evaluating every valuation of the atoms
 * involved. Exact for the abstraction (atoms free apart from their constraints), so 'holds' is a proof about
 * the program as far as the abstraction is sound, and 'fails' comes with the valuation that falsifies it.
 */
export function decideImplies(premise: BoolExpr, conclusion: BoolExpr, constraintOf: ConstraintOf, maxAtoms = MAX_ATOMS): Decision {
  const { atoms, constraint } = constraintsFor([premise, conclusion], constraintOf);
  if (atoms.length > maxAtoms) {
    return { status: 'undecided', atoms, reason: `${atoms.length} atoms are involved, more than the ${maxAtoms} the exhaustive check enumerates` };
  }
  const index = new Map(atoms.map((a, i) => [a, i]));
  const pre = compile(and(premise, constraint), index);
  const con = compile(conclusion, index);
  const v = new Uint8Array(atoms.length);
  const total = 2 ** atoms.length;
  for (let n = 0; n < total; n++) {
    for (let i = 0; i < atoms.length; i++) v[i] = (n >>> i) & 1;
    if (pre(v) && !con(v)) {
      return { status: 'fails', atoms, assignment: new Map(atoms.map((a, i) => [a, v[i] === 1])) };
    }
  }
  return { status: 'holds', atoms };
}

/** Whether some valuation satisfies the expression under the constraints (null when too many atoms). */
export function satisfiable(e: BoolExpr, constraintOf: ConstraintOf, maxAtoms = MAX_ATOMS): boolean | null {
  const d = decideImplies(e, { k: 'const', v: false }, constraintOf, maxAtoms);
  return d.status === 'undecided' ? null : d.status === 'fails';
}

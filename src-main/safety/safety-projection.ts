import type { SiteSafety } from '../../src-shared/model/site.js';
import { key } from '../plc/st/ast.js';
import { and, atom, atomsOf, exprKey, not, or, substitute, type BoolExpr } from './bool-expr.js';
import { constraintsFor, DECISION_LIMITS, solve } from './decide.js';
import type { VersionAnalysis } from './guard-analysis.js';
import { resetEdgeAtoms } from './restart-interlocks.js';

/**
 * A hazardous output's condition seen on the safety atoms only: the e-stop and guard devices, the reset
 * input and its edges, the PLCopen SF blocks' outputs (canonical: by block type, output and what their inputs
 * read on the safety atoms, not by instance name) and the restart-interlock abstraction ("reset since the
 * last demand of X"). Everything else (timers, steps, levels, internal variables) is a process atom, projected
 * away existentially: a process condition is not an interlock. Comparing two versions this way is invariant
 * under renaming internal variables and under changing process logic, and strengthening never weakens.
 */

export interface SafetyView {
  /** The condition with its atoms' constraints, interlocks abstracted and SF outputs canonical. */
  formula: BoolExpr;
  /** Readable text of the view's atoms. */
  text: Map<string, string>;
  /**
   * What the safety atoms guarantee whichever version mentions them (an SF output implies its inputs, a reset
   * edge implies the reset level): conjoined to both sides of a comparison, so a valuation one side's atoms
   * rule out cannot be a witness against the other.
   */
  axioms: BoolExpr[];
}

const SAFETY_PREFIXES = ['in:', 'sf:', 'reset-since-demand:', 'reset-edge:'];

export function isSafetyAtom(id: string, reset: string | null): boolean {
  return SAFETY_PREFIXES.some((p) => id.startsWith(p)) || (reset !== null && id === `v:${key(reset)}`);
}

/** The view of `cond` (an expression over the version's atoms), with `locks` the interlock abstraction. */
export function safetyView(v: VersionAnalysis, cfg: SiteSafety, cond: BoolExpr, locks: ReadonlyMap<string, BoolExpr>): SafetyView {
  const atoms = v.exec.atoms;
  const { constraint } = constraintsFor([cond], atoms.constraintOf);
  const text = new Map<string, string>();
  const axioms: BoolExpr[] = [];
  const edges = new Map<string, string>();
  if (cfg.reset) {
    for (const e of resetEdgeAtoms(v, cfg.reset)) {
      if (e.k !== 'atom') continue;
      const t = atoms.atoms.get(e.id)?.fb?.type.toUpperCase() === 'F_TRIG' ? 'F' : 'R';
      edges.set(e.id, `reset-edge:${t}`);
      const level = atom(`v:${key(cfg.reset)}`);
      axioms.push(or(not(atom(`reset-edge:${t}`)), t === 'R' ? level : not(level)));
      text.set(`reset-edge:${t}`, `${t === 'R' ? 'rising' : 'falling'} edge of ${cfg.reset}`);
    }
  }
  const memo = new Map<string, BoolExpr>();
  /** An atom in the view: itself (device, reset), its abstraction (interlock, SF output), or itself as a process atom. */
  const mapAtom = (id: string, depth: number): BoolExpr => {
    const hit = memo.get(id);
    if (hit) return hit;
    let out: BoolExpr = atom(id);
    const edge = edges.get(id);
    const info = atoms.atoms.get(id);
    if (edge) out = atom(edge);
    else if (locks.has(id) && depth < 6) out = canon(locks.get(id)!, depth + 1);
    else if (info?.fb && /^SF_/i.test(info.fb.type) && depth < 6) {
      const args = [...info.fb.values].filter(([, x]) => x !== null).sort(([a], [b]) => a.localeCompare(b));
      const sig = args.map(([p, x]) => `${p}=${exprKey(project(canon(x!, depth + 1)))}`).join(';');
      const cid = `sf:${key(info.fb.type)}.${key(info.fb.output)}{${sig}}`;
      text.set(cid, `${info.text} (${info.fb.type})`);
      const c = info.constraint ? canon(info.constraint, depth + 1) : null;
      if (c) axioms.push(or(not(atom(cid)), c));
      out = and(atom(cid), c ?? { k: 'const', v: true });
    } else if (info) text.set(id, info.text);
    memo.set(id, out);
    return out;
  };
  const canon = (e: BoolExpr, depth: number): BoolExpr => substitute(e, new Map([...atomsOf(e)].map((id) => [id, mapAtom(id, depth)])));
  /** Process atoms as one placeholder, so a signature only says what an SF input reads on the safety atoms. */
  const project = (e: BoolExpr): BoolExpr => substitute(e, new Map([...atomsOf(e)].filter((id) => !isSafetyAtom(id, cfg.reset)).map((id) => [id, atom('?')])));
  return { formula: canon(and(cond, constraint), 0), text, axioms };
}

export type Weakening =
  | { status: 'holds' }
  /** Safety-atom values where the after condition can be TRUE and the before condition cannot. */
  | { status: 'fails'; witness: Map<string, boolean> }
  | { status: 'undecided'; reason: string };

/** Most safety atoms a comparison enumerates. */
const MAX_SAFETY_ATOMS = 18;

/**
 * Whether, on the safety atoms, `after` allows a situation `before` does not: some valuation s of the safety
 * atoms with (∃ process atoms: after) and not (∃ process atoms: before). Process atoms of the two versions are
 * quantified separately, so a renamed or rewritten process variable is the same unknown on both sides.
 */
export function weakerOnSafety(afterCond: BoolExpr, beforeCond: BoolExpr, reset: string | null, axioms: readonly BoolExpr[] = []): Weakening {
  let after = and(afterCond, ...axioms);
  let before = and(beforeCond, ...axioms);
  let safety = [...new Set([...atomsOf(after), ...atomsOf(before)])].filter((id) => isSafetyAtom(id, reset)).sort();
  // A reset (an edge of the reset input) while a device is healthy is a reset since its last demand.
  const resets = safety.filter((id) => id.startsWith('reset-edge:')).map((id) => atom(id));
  const since = safety.filter((id) => id.startsWith('reset-since-demand:'));
  if (resets.length && since.length) {
    const ax = since.map((id) => or(not(and(or(...resets), atom(`in:${id.slice('reset-since-demand:'.length)}`))), atom(id)));
    after = and(after, ...ax);
    before = and(before, ...ax);
    safety = [...new Set([...safety, ...since.map((id) => `in:${id.slice('reset-since-demand:'.length)}`)])].sort();
  }
  if (safety.length > MAX_SAFETY_ATOMS) return { status: 'undecided', reason: `${safety.length} safety atoms are involved, more than the ${MAX_SAFETY_ATOMS} the comparison enumerates` };
  // Process atoms of the after version are renamed apart from the before version's.
  const a = substitute(after, new Map([...atomsOf(after)].filter((id) => !isSafetyAtom(id, reset)).map((id) => [id, atom(`after|${id}`)])));
  let budget = DECISION_LIMITS.steps * 4;
  let undecided = false;
  const sat = (e: BoolExpr): boolean | null => {
    if (budget <= 0) return null;
    const r = solve(e, Math.min(budget, DECISION_LIMITS.steps));
    budget -= r.status === 'unknown' ? r.steps : 1 + (r.status === 'sat' ? r.model.size : 0);
    return r.status === 'unknown' ? null : r.status === 'sat';
  };
  const assign = new Map<string, BoolExpr>();
  const go = (i: number, fa: BoolExpr, fb: BoolExpr): Map<string, boolean> | null => {
    const sa = sat(fa);
    if (sa === null) {
      undecided = true;
      return null;
    }
    if (!sa) return null;
    if (i === safety.length) {
      const sb = sat(fb);
      if (sb === null) undecided = true;
      return sb === false ? new Map([...assign].map(([id, e]) => [id, e.k === 'const' && e.v])) : null;
    }
    for (const val of [false, true]) {
      const c: BoolExpr = { k: 'const', v: val };
      assign.set(safety[i]!, c);
      const m = new Map([[safety[i]!, c]]);
      const w = go(i + 1, substitute(fa, m), substitute(fb, m));
      if (w) return w;
    }
    assign.delete(safety[i]!);
    return null;
  };
  const w = go(0, a, before);
  if (w) return { status: 'fails', witness: w };
  return undecided ? { status: 'undecided', reason: 'the comparison on the safety atoms stopped at its search budget' } : { status: 'holds' };
}

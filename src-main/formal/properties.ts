import type { Unrolling } from './encode.js';
import { asBool } from './values.js';
import type { Z, ZBool } from './z3-context.js';

export type PropertyId = 'estop' | 'reset' | 'guard';

export interface SafetySignals {
  estops: readonly string[];
  guards: readonly string[];
  hazardousOutputs: readonly string[];
  reactionMs: number | null;
  reset: string | null;
  cycleMs: number;
}

/** One safety property over the unrolling: it is violated iff one of `violations` is satisfiable. */
export interface PropertyFormula {
  id: PropertyId;
  rule: 'BMC-ESTOP' | 'BMC-RESET' | 'BMC-GUARD';
  /** The property in words, exactly as encoded. */
  statement: string;
  /** `cond` holds iff the property is violated at scan `at` (the scan to mark in the trace). */
  violations: { at: number; cond: ZBool }[];
  /** Why the property cannot be checked at all (no reset input configured), or null. */
  notApplicable: string | null;
  /** The property holds trivially (no e-stop, guard or hazardous output configured). */
  vacuous: string | null;
}

/** Scans allowed between a demand and the safe state: the demand scan plus ceil(reaction / cycle) - 1 more. */
export function reactionScans(s: SafetySignals): number {
  if (s.reactionMs === null || s.reactionMs <= s.cycleMs) return 0;
  return Math.ceil(s.reactionMs / s.cycleMs) - 1;
}

/** P1 e-stop demand, P2 reset after a demand, P3 open guard, as formulas over k scans. */
export function safetyProperties(z: Z, u: Unrolling, s: SafetySignals): PropertyFormula[] {
  const k = u.k;
  const inAt = (n: string, t: number): ZBool => asBool(z, u.pre.get(n)![t]!);
  const anyHaz = (t: number): ZBool => z.Or(...s.hazardousOutputs.map((h) => asBool(z, u.post.get(h)![t]!)));
  const chainOk = (t: number): ZBool => z.And(...s.estops.map((e) => inAt(e, t)));
  const d = reactionScans(s);
  const within = d === 0 ? 'in the same scan' : `by scan t+${d} (reaction ${s.reactionMs} ms at ${s.cycleMs} ms per scan)`;
  const noHaz = s.hazardousOutputs.length === 0 ? 'no hazardous output is configured' : null;

  const p1: PropertyFormula = {
    id: 'estop',
    rule: 'BMC-ESTOP',
    statement: `if any e-stop input (${s.estops.join(', ')}) is FALSE at scan t, every hazardous output (${s.hazardousOutputs.join(', ')}) is FALSE ${within}`,
    violations: [],
    notApplicable: null,
    vacuous: noHaz ?? (s.estops.length === 0 ? 'no e-stop input is configured' : null),
  };
  if (!p1.vacuous) for (let t = 0; t + d < k; t++) p1.violations.push({ at: t + d, cond: z.And(z.Not(chainOk(t)), anyHaz(t + d)) });

  const p3: PropertyFormula = {
    id: 'guard',
    rule: 'BMC-GUARD',
    statement: `if any guard input (${s.guards.join(', ')}) is FALSE (open) at scan t, every hazardous output is FALSE ${within}`,
    violations: [],
    notApplicable: null,
    vacuous: noHaz ?? (s.guards.length === 0 ? 'no guard input is configured' : null),
  };
  if (!p3.vacuous) {
    for (let t = 0; t + d < k; t++) p3.violations.push({ at: t + d, cond: z.And(z.Or(...s.guards.map((g) => z.Not(inAt(g, t)))), anyHaz(t + d)) });
  }

  const p2: PropertyFormula = {
    id: 'reset',
    rule: 'BMC-RESET',
    statement: `after an e-stop demand at scan s, no hazardous output is TRUE at any scan t > s unless the reset input ${s.reset ?? '(none)'} had a rising edge (FALSE at u-1, TRUE at u) at some scan u with s < u <= t`,
    violations: [],
    notApplicable: s.reset ? null : 'no reset input is configured in site.yaml',
    vacuous: noHaz ?? (s.estops.length === 0 ? 'no e-stop input is configured' : null),
  };
  if (s.reset && !p2.vacuous) {
    const r = s.reset;
    // pending(t): some scan s <= t had a demand and no rising reset edge came in (s, t].
    let pending: ZBool = z.Not(chainOk(0));
    for (let t = 1; t < k; t++) {
      const rise = z.And(inAt(r, t), z.Not(inAt(r, t - 1)));
      p2.violations.push({ at: t, cond: z.And(pending, z.Not(rise), anyHaz(t)) });
      pending = z.Or(z.Not(chainOk(t)), z.And(pending, z.Not(rise)));
    }
  }
  return [p1, p2, p3];
}

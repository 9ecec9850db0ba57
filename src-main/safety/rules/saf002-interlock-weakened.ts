import type { SiteSafety } from '../../../src-shared/model/site.js';
import type { Finding } from '../../evidence/report.js';
import { atom, toSt, type BoolExpr } from '../bool-expr.js';
import { AtomTable } from '../atoms.js';
import { decideImplies } from '../decide.js';
import type { SiteExec } from '../exec-site.js';
import { explainGuard, outputCondition, type VersionAnalysis } from '../guard-analysis.js';
import { interlockAbstraction, resetSinceDemandId, restartInterlocks } from '../restart-interlocks.js';
import { analyzePair, at, finding, fmtAssignment, type SafetyRule } from '../rule-kit.js';
import { effectiveSafety } from '../safety-model.js';
import { safetyView, weakerOnSafety } from '../safety-projection.js';

/**
 * The inputs a condition implies on its own terms: only the SF_* blocks' guarantees are assumed, not those of
 * standard latches or timers, so an interlock term dropped from the output's own expression (ORed with a
 * bypass, replaced by an always-TRUE or latched copy) is found even where a latch still covers it.
 */
function directInputs(cond: BoolExpr, exec: SiteExec, inputs: string[]): { holds: Set<string>; undecided: string[] } {
  const sfOnly = (id: string): BoolExpr | null => {
    const a = exec.atoms.atoms.get(id);
    return a?.fb && /^SF_/i.test(a.fb.type) ? a.constraint : null;
  };
  const holds = new Set<string>();
  const undecided: string[] = [];
  for (const i of inputs) {
    const d = decideImplies(cond, atom(AtomTable.inputId(i)), sfOnly);
    if (d.status === 'holds') holds.add(i);
    else if (d.status === 'undecided') undecided.push(i);
  }
  return { holds, undecided };
}

/** The output's condition with statement latches left opaque (as an RS latch's output is): its own terms. */
function ownCondition(v: VersionAnalysis, cfg: SiteSafety, varKey: string, output: string): BoolExpr {
  const keys = restartInterlocks(v, cfg).filter((l) => l.kind === 'latch' && l.atomId.startsWith('v:')).map((l) => l.atomId.slice(2));
  return keys.length ? outputCondition(v.exec, varKey, output, v.exec.scansWithOpaque(keys)).cond : (v.guards.find((g) => g.varKey === varKey)?.condition ?? outputCondition(v.exec, varKey, output).cond);
}

/** SAF002: an interlock on a hazardous output removed or weakened. */
export const saf002: SafetyRule = {
  info: {
    id: 'SAF002',
    title: 'Interlock on a hazardous output removed or weakened',
    rationale:
      'After the change the output may be switched on in a situation of the safety devices (e-stops, guards, reset, safety blocks and their restart interlocks) where it could not before: an interlock term was dropped, ORed away, replaced by an always-TRUE or latched copy. Process conditions (timers, steps, levels) are not interlocks and are left out of the comparison.',
    reference: 'ISO 13849-1:2023 clause 5.2.1 and 6.2 (category requirements); ISO 14119:2013 clause 7 (defeating of interlocks); IEC 60204-1:2016 clause 9.3',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    const cfg = effectiveSafety(safety);
    const sinceDemand = new Map([...cfg.estops, ...cfg.guards].map((x) => [resetSinceDemandId(x), `reset since the last ${x} demand`]));
    // A latch swapped for a PLCopen block (or the other way) compares as the restart interlock both are.
    const lockB = interlockAbstraction(p.b, cfg);
    const lockA = interlockAbstraction(p.a, cfg);
    p.a.guards.forEach((ga, i) => {
      const gb = p.b.guards[i]!;
      const reasons: string[] = [];
      let undecided: string | null = null;
      const facts = [...explainGuard(gb, 'before'), ...explainGuard(ga, 'after')];
      const vb = safetyView(p.b, cfg, gb.condition, lockB);
      const va = safetyView(p.a, cfg, ga.condition, lockA);
      const name = (id: string): string => sinceDemand.get(id) ?? va.text.get(id) ?? vb.text.get(id) ?? id.replace(/^in:/, '');
      const d = weakerOnSafety(va.formula, vb.formula, cfg.reset, [...va.axioms, ...vb.axioms]);
      if (d.status === 'fails') {
        reasons.push('on the safety devices, the condition after allows a situation the condition before did not');
        facts.push(`TRUE after but not before when: ${fmtAssignment([...d.witness].map(([a, value]) => ({ atom: name(a), value })))}`);
      } else if (d.status === 'undecided') undecided = d.reason;
      const inputs = [...safety.estops, ...safety.guards];
      const now = directInputs(ownCondition(p.a, cfg, ga.varKey, ga.output), p.a.exec, inputs);
      const was = directInputs(ownCondition(p.b, cfg, gb.varKey, gb.output), p.b.exec, inputs);
      const lost = [...was.holds].filter((x) => !now.holds.has(x) && !now.undecided.includes(x));
      if (lost.length) reasons.push(`its own condition no longer requires ${lost.join(', ')} (only a latch or nothing still covers it)`);
      const openInputs = [...was.holds].filter((x) => now.undecided.includes(x));
      if (!undecided && openInputs.length) undecided = `whether it still requires ${openInputs.join(', ')} could not be decided`;
      facts.push(`before: ${toSt(gb.condition, (id) => p.b.exec.atoms.text(id))}`, `after: ${toSt(ga.condition, (id) => p.a.exec.atoms.text(id))}`);
      const locs = [...ga.writes.map((w) => at(p.a.exec, w.file, w.start)), ...gb.writes.map((w) => at(p.b.exec, w.file, w.start))];
      if (reasons.length) {
        out.push(finding('SAF002', 'error', `interlock on ${ga.output} removed or weakened: ${reasons.join('; ')}`, locs, facts));
      } else if (undecided) {
        out.push({ ...finding('SAF002', 'error', `whether the interlock on ${ga.output} is weakened could not be decided: ${undecided}`, locs, facts), undecided: true });
      }
    });
    return out;
  },
};

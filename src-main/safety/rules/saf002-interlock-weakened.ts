import type { Finding } from '../../evidence/report.js';
import { atom, substitute, toSt, type BoolExpr } from '../bool-expr.js';
import { AtomTable } from '../atoms.js';
import { decideImplies } from '../decide.js';
import type { SiteExec } from '../exec-site.js';
import { explainGuard } from '../guard-analysis.js';
import { interlockAbstraction, resetSinceDemandId } from '../restart-interlocks.js';
import { analyzePair, at, finding, fmtAssignment, jointConstraints, jointText, type SafetyRule } from '../rule-kit.js';
import { effectiveSafety } from '../safety-model.js';

/**
 * The inputs a condition implies on its own terms: only the SF_* blocks' guarantees are assumed, not those of
 * standard latches or timers, so an interlock term dropped from the output's own expression (ORed with a
 * bypass, replaced by an always-TRUE or latched copy) is found even where a latch still covers it.
 */
function directInputs(cond: BoolExpr, exec: SiteExec, inputs: string[]): Set<string> {
  const sfOnly = (id: string): BoolExpr | null => {
    const a = exec.atoms.atoms.get(id);
    return a?.fb && /^SF_/i.test(a.fb.type) ? a.constraint : null;
  };
  const out = new Set<string>();
  for (const i of inputs) if (decideImplies(cond, atom(AtomTable.inputId(i)), sfOnly).status === 'holds') out.add(i);
  return out;
}

/** SAF002: an interlock on a hazardous output removed or weakened. */
export const saf002: SafetyRule = {
  info: {
    id: 'SAF002',
    title: 'Interlock on a hazardous output removed or weakened',
    rationale:
      'After the change the output may be switched on in situations where it could not before: an interlock term was dropped, ORed away, replaced by an always-TRUE or latched copy, or the condition is no longer provably as strong.',
    reference: 'ISO 13849-1:2023 clause 5.2.1 and 6.2 (category requirements); ISO 14119:2013 clause 7 (defeating of interlocks); IEC 60204-1:2016 clause 9.3',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    const text = jointText(p);
    const cfg = effectiveSafety(safety);
    const sinceDemand = new Map([...cfg.estops, ...cfg.guards].map((x) => [resetSinceDemandId(x), `reset since the last ${x} demand`]));
    const name = (id: string): string => sinceDemand.get(id) ?? text(id);
    // A latch swapped for a PLCopen block (or the other way) compares as the restart interlock both are.
    const lockB = interlockAbstraction(p.b, cfg);
    const lockA = interlockAbstraction(p.a, cfg);
    p.a.guards.forEach((ga, i) => {
      const gb = p.b.guards[i]!;
      const reasons: string[] = [];
      const facts = [...explainGuard(gb, 'before'), ...explainGuard(ga, 'after')];
      const d = decideImplies(substitute(ga.condition, lockA), substitute(gb.condition, lockB), jointConstraints(p));
      if (d.status === 'fails') {
        reasons.push('the condition after does not imply the condition before');
        facts.push(`TRUE after but not before when: ${fmtAssignment([...d.assignment].map(([a, value]) => ({ atom: name(a), value })))}`);
      } else if (d.status === 'undecided') {
        reasons.push('whether the condition after implies the one before is undecided (treated as a failure)');
        facts.push(d.reason);
      }
      const inputs = [...safety.estops, ...safety.guards];
      const now = directInputs(ga.condition, p.a.exec, inputs);
      const lost = [...directInputs(gb.condition, p.b.exec, inputs)].filter((x) => !now.has(x));
      if (lost.length) reasons.push(`its own condition no longer requires ${lost.join(', ')} (only a latch or nothing still covers it)`);
      if (!reasons.length) return;
      facts.push(`before: ${toSt(gb.condition, name)}`, `after: ${toSt(ga.condition, name)}`);
      const locs = [...ga.writes.map((w) => at(p.a.exec, w.file, w.start)), ...gb.writes.map((w) => at(p.b.exec, w.file, w.start))];
      out.push(finding('SAF002', 'error', `interlock on ${ga.output} removed or weakened: ${reasons.join('; ')}`, locs, facts));
    });
    return out;
  },
};

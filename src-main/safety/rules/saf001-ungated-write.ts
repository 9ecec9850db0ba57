import type { Finding } from '../../evidence/report.js';
import { and } from '../bool-expr.js';
import { decideImplies } from '../decide.js';
import { explainGuard } from '../guard-analysis.js';
import { analyzePair, at, finding, requiredInputs, type SafetyRule } from '../rule-kit.js';

/** SAF001: a hazardous output gains a write path that its e-stop and guard chain does not gate. */
export const saf001: SafetyRule = {
  info: {
    id: 'SAF001',
    title: 'Hazardous output written on a path not gated by its e-stop and guard chain',
    rationale:
      'Every way the program can switch a hazardous output on must require every e-stop and guard input to be healthy in the same scan; a new or changed write that does not is a path around the safety function.',
    reference: 'ISO 13849-1:2023 clause 5.2.1 (safety functions) and 6.1.3; IEC 60204-1:2016 clause 9.2.3.4.2 (emergency stop); IEC 62061:2021 clause 5',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    const need = and(...requiredInputs(safety));
    p.a.guards.forEach((ga, i) => {
      const gb = p.b.guards[i]!;
      const known = new Set(gb.writes.map((w) => `${w.body}|${w.stmtKey}`));
      const fresh = ga.writes.filter((w) => !known.has(`${w.body}|${w.stmtKey}`));
      const ungated = fresh
        .map((w) => ({ w, d: decideImplies(w.trueCond, need, p.a.exec.atoms.constraintOf) }))
        .filter((x) => x.d.status !== 'holds');
      const regressed = ga.status !== 'proved' && gb.status === 'proved';
      const facts = [...explainGuard(gb, 'before'), ...explainGuard(ga, 'after')];
      for (const { w, d } of ungated) {
        facts.push(`new write at ${w.body}: ${w.target} ${w.op} ${w.valueText || '(value not tracked)'} — ${d.status === 'undecided' ? `undecided: ${d.reason}` : 'runs without every e-stop and guard input TRUE'}`);
      }
      if (regressed || ungated.length) {
        const locs = [...(ungated.length ? ungated.map((x) => x.w) : ga.writes)].map((w) => at(p.a.exec, w.file, w.start));
        for (const w of gb.writes.slice(0, 1)) locs.push(at(p.b.exec, w.file, w.start));
        const failed = ga.checks.filter((c) => c.status !== 'holds').map((c) => c.input);
        const why = ga.status === 'undecided' ? 'the analysis could not decide it (treated as a failure)' : failed.length ? `it can be TRUE while ${failed.join(', ')} ${failed.length > 1 ? 'are' : 'is'} FALSE` : 'a new write path is not gated';
        out.push(finding('SAF001', 'error', `${ga.output} gains a write path not gated by its e-stop/guard chain: ${why}`, locs, facts));
      } else if (ga.status !== 'proved') {
        const sev = ga.status === 'undecided' ? 'error' : 'warning';
        out.push(finding('SAF001', sev, `${ga.output} is not proven gated by its e-stop/guard chain (${ga.status}; unchanged by this edit)`, ga.writes.map((w) => at(p.a.exec, w.file, w.start)), facts));
      }
    });
    return out;
  },
};

import type { Finding } from '../../evidence/report.js';
import { and, not } from '../bool-expr.js';
import { explainGuard } from '../guard-analysis.js';
import { interlockAbstraction } from '../restart-interlocks.js';
import { analyzePair, at, finding, requiredInputs, type SafetyRule } from '../rule-kit.js';
import { effectiveSafety } from '../safety-model.js';
import { safetyView, weakerOnSafety } from '../safety-projection.js';

/** SAF001: a hazardous output can be switched on without every e-stop and guard healthy. */
export const saf001: SafetyRule = {
  info: {
    id: 'SAF001',
    title: 'Hazardous output written on a path not gated by its e-stop and guard chain',
    rationale:
      'Every way the program can switch a hazardous output on must require every e-stop and guard input to be healthy in the same scan; a change after which the output can be TRUE with an e-stop or guard demanded opens a path around the safety function. A condition that still implies every device healthy passes however it was rewritten.',
    reference: 'ISO 13849-1:2023 clause 5.2.1 (safety functions) and 6.1.3; IEC 60204-1:2016 clause 9.2.3.4.2 (emergency stop); IEC 62061:2021 clause 5',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    const cfg = effectiveSafety(safety);
    const healthy = and(...requiredInputs(safety));
    p.a.guards.forEach((ga, i) => {
      if (ga.status === 'proved') return;
      const gb = p.b.guards[i]!;
      const facts = [...explainGuard(gb, 'before'), ...explainGuard(ga, 'after')];
      const locs = ga.writes.map((w) => at(p.a.exec, w.file, w.start));
      for (const w of gb.writes.slice(0, 1)) locs.push(at(p.b.exec, w.file, w.start));
      if (ga.status === 'undecided') {
        const why = ga.checks.find((c) => c.status === 'undecided')?.reason ?? 'undecided';
        out.push({ ...finding('SAF001', 'error', `whether ${ga.output} is gated by its e-stop/guard chain could not be decided: ${why}`, locs, facts), undecided: true });
        return;
      }
      const failed = ga.checks.filter((c) => c.status === 'fails').map((c) => c.input);
      const can = `it can be TRUE while ${failed.join(', ')} ${failed.length > 1 ? 'are' : 'is'} FALSE`;
      if (gb.status === 'proved') {
        out.push(finding('SAF001', 'error', `${ga.output} gains a write path not gated by its e-stop/guard chain: ${can}`, locs, facts));
        return;
      }
      // Not gated before either: only a new ungated situation on the safety devices is this change's doing.
      const va = safetyView(p.a, cfg, and(ga.condition, not(healthy)), interlockAbstraction(p.a, cfg));
      const vb = safetyView(p.b, cfg, gb.condition, interlockAbstraction(p.b, cfg));
      const d = weakerOnSafety(va.formula, vb.formula, cfg.reset, [...va.axioms, ...vb.axioms]);
      if (d.status === 'fails') {
        out.push(finding('SAF001', 'error', `${ga.output} gains a write path not gated by its e-stop/guard chain: ${can} in a situation it could not before`, locs, facts));
      } else if (d.status === 'undecided') {
        out.push({ ...finding('SAF001', 'error', `whether ${ga.output} gains an ungated write path could not be decided: ${d.reason}`, locs, facts), undecided: true });
      } else {
        out.push(finding('SAF001', 'warning', `${ga.output} is not proven gated by its e-stop/guard chain (${ga.status}; unchanged by this edit)`, locs, facts));
      }
    });
    return out;
  },
};

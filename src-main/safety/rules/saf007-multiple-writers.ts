import type { Finding } from '../../evidence/report.js';
import { analyzePair, at, finding, type SafetyRule } from '../rule-kit.js';

/** SAF007: a hazardous output written from more than one place. */
export const saf007: SafetyRule = {
  info: {
    id: 'SAF007',
    title: 'Hazardous output written from more than one place',
    rationale:
      'A hazardous output must have exactly one write, inside the safety logic, so its gating can be reviewed in one place; a second writer can switch it on after the safety logic has switched it off.',
    reference: 'ISO 13849-1:2023 clause 7.3 (SRESW/SRASW rules: modular, structured safety logic); IEC 61508-3:2010 Table B.9; IEC 62061:2021 clause 7.4',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    p.a.guards.forEach((ga, i) => {
      const gb = p.b.guards[i]!;
      const places = (ws: typeof ga.writes): string[] => [...new Set(ws.map((w) => `${w.body}@${w.start}`))];
      const na = places(ga.writes).length;
      const nb = places(gb.writes).length;
      if (na > 1 && na > nb) {
        out.push(
          finding('SAF007', 'error', `${ga.output} is written from ${na} places (before: ${nb})`, ga.writes.map((w) => at(p.a.exec, w.file, w.start)), ga.writes.map((w) => `${w.body}: ${w.target} ${w.op} ${w.valueText || '(value not tracked)'}`)),
        );
      }
    });
    return out;
  },
};

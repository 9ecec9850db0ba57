import type { Finding } from '../evidence/report.js';
import type { EquivalenceResult } from './equivalence.js';
import type { FormalResult, PropertyResult } from './formal-result.js';

const WHAT: Record<PropertyResult['id'], string> = {
  estop: 'e-stop demand switches every hazardous output off',
  reset: 'no hazardous output restarts without a reset edge after an e-stop',
  guard: 'an open guard keeps every hazardous output off',
  equivalence: 'the translation is equivalent',
};

/**
 * The formal stage's findings: one per property. "proved" is info and says "up to k scans" with every
 * abstraction; a violation the soft-PLC replay confirmed is an error with the trace; a violation it did not
 * confirm, a timeout and an unsupported construct are open points (`undecided`: the verdict is inconclusive,
 * never pass). Unsupported constructs name their file and line.
 */
export function formalFindings(r: FormalResult): Finding[] {
  const facts = [`bound: ${r.bound} scans from a cold start (bounded model checking; nothing is claimed beyond scan ${r.bound})`, ...r.abstractions.map((a) => `abstraction: ${a}`)];
  return r.properties.map((p) => {
    const what = WHAT[p.id];
    const own = [`property: ${p.statement}`, ...(p.note ? [`note: ${p.note}`] : []), ...facts];
    const loc = p.unsupported.find((u) => u.location)?.location ?? null;
    const base = { rule: p.rule, file: loc?.file ?? null, line: loc?.line ?? null };
    switch (p.status) {
      case 'proved':
        return { ...base, severity: 'info', message: `${what}: proved for the first ${r.bound} scans${p.note?.startsWith('holds trivially') ? ` (${p.note})` : ''}`, evidence: { locations: [], trace: null, facts: own } };
      case 'violated': {
        if (p.confirmed === false) {
          return { ...base, severity: 'error', undecided: true, message: `${what}: not decided: the model checker found a counterexample within ${r.bound} scans that the soft-PLC replay did not reproduce (an over-approximation, not a proof either way)`, evidence: { locations: [], trace: p.trace, facts: own } };
        }
        const how = p.confirmed === true ? '; the counterexample was replayed on the soft-PLC and violates it there too' : '';
        return { ...base, severity: 'error', message: `${what}: VIOLATED within ${r.bound} scans${how}`, evidence: { locations: [], trace: p.trace, facts: own } };
      }
      case 'timeout':
        return { ...base, severity: 'error', undecided: true, message: `${what}: not decided (solver timeout); no proof`, evidence: { locations: [], trace: null, facts: own } };
      case 'unsupported':
        return {
          ...base,
          severity: 'error',
          undecided: true,
          message: `${what}: not checked, the program has constructs the formal encoding does not cover (${p.unsupported.length}); no proof`,
          evidence: { locations: p.unsupported.flatMap((u) => (u.location ? [u.location] : [])), trace: null, facts: [...p.unsupported.map((u) => `unsupported: ${u.construct}${u.location ? ` (${u.location.file}:${u.location.line})` : ''}`), ...own] },
        };
    }
  });
}

/** A BMC-EQUIV finding for an LD/FBD -> ST equivalence check. */
export function equivalenceFinding(r: EquivalenceResult, subject: string): Finding {
  const facts = ['one scan, for every value of every variable and every FB instance state before it; every variable and instance state compared after it', ...r.problems];
  const base = { rule: 'BMC-EQUIV', file: null, line: null };
  if (r.status === 'proved') return { ...base, severity: 'info', message: `${subject}: translation proved equivalent`, evidence: { locations: [], trace: null, facts } };
  if (r.status === 'violated' && r.counterexample) {
    const ce = r.counterexample;
    const f2 = [...facts, `counterexample state before the scan: ${Object.entries(ce.before).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`, ...ce.differs.map((d) => `after the scan ${d.name} is ${String(d.a)} in the original and ${String(d.b)} in the translation`)];
    return { ...base, severity: 'error', message: `${subject}: translation NOT equivalent (${ce.differs.map((d) => d.name).join(', ')} differ)`, evidence: { locations: [], trace: null, facts: f2 } };
  }
  return { ...base, severity: 'error', message: `${subject}: equivalence not decided (${r.status}); no proof`, evidence: { locations: [], trace: null, facts } };
}

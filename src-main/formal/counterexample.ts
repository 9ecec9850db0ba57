import type { EvidenceTrace } from '../evidence/report.js';
import type { Unrolling } from './encode.js';
import type { SafetySignals } from './properties.js';
import { decode, type Val } from './values.js';
import type { ZModel } from './z3-context.js';

function value(m: ZModel, v: Val): boolean | number {
  const r = m.eval(v.v, true) as unknown as { value?: () => unknown };
  if (v.t === 'bool') return String(r) === 'true';
  return decode(v, typeof r.value === 'function' ? r.value() : 0n);
}

/**
 * The counterexample as a timing diagram: the safety signals, the hazardous outputs, then every other input
 * the program read (all of them, so the trace can be replayed on the soft-PLC scan by scan).
 */
export function traceOf(m: ZModel, u: Unrolling, s: SafetySignals, title: string, markAt: number): EvidenceTrace {
  const times = u.times.map((t) => Number((m.eval(t, true) as unknown as { value(): bigint }).value()));
  const signals: EvidenceTrace['signals'] = [];
  const shown = new Set<string>();
  const type = (n: string): string => u.en.globalCell(n)?.type ?? 'BOOL';
  for (const n of [...s.estops, ...s.guards, ...(s.reset ? [s.reset] : [])]) {
    if (shown.has(n.toUpperCase())) continue;
    shown.add(n.toUpperCase());
    signals.push({ name: n, type: type(n), values: u.pre.get(n)!.map((v) => value(m, v)) });
  }
  for (const n of s.hazardousOutputs) {
    signals.push({ name: n, type: type(n), values: u.post.get(n)!.map((v) => value(m, v)) });
  }
  const others = new Map<string, { type: string; values: (boolean | number)[] }>();
  u.en.inputs.forEach((scan, t) => {
    for (const [name, { info, v }] of scan) {
      if (shown.has(name.toUpperCase())) continue;
      let row = others.get(name);
      if (!row) others.set(name, (row = { type: info.type, values: Array.from({ length: u.k }, () => (info.shape.t === 'bool' ? false : 0)) }));
      row.values[t] = value(m, v);
    }
  });
  for (const [name, row] of [...others].sort((a, b) => a[0].localeCompare(b[0]))) signals.push({ name, ...row });
  return { title, cycleMs: s.cycleMs, times, signals, markAt };
}

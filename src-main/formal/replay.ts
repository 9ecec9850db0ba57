import type { SimProgram, SimValue } from '../sim/sim-types.js';
import type { EvidenceTrace } from '../evidence/report.js';
import { reactionScans, type PropertyId, type SafetySignals } from './properties.js';

/**
 * Runs a counterexample on the soft-PLC: cold start, then per scan set every trace signal that is not one of
 * `outputs` and scan; returns what the outputs (and the inputs, as read back) really were. This is what makes
 * a counterexample trustworthy: the encoding and the simulator are independent implementations.
 */
export function replayTrace(p: SimProgram, trace: EvidenceTrace, outputs: readonly string[]): Map<string, SimValue[]> {
  const outKeys = new Set(outputs.map((o) => o.toUpperCase()));
  const inputs = trace.signals.filter((s) => !outKeys.has(s.name.toUpperCase()));
  const seen = new Map<string, SimValue[]>();
  for (const s of trace.signals) seen.set(s.name, []);
  p.restart('cold');
  for (let t = 0; t < trace.times.length; t++) {
    for (const s of inputs) p.set(s.name, s.values[t] as SimValue);
    for (const s of inputs) seen.get(s.name)!.push(p.get(s.name));
    p.scan();
    if (p.fault) break;
    for (const o of outputs) seen.get(o)?.push(p.get(o));
  }
  return seen;
}

/** The first scan at which the values violate the property (the same definition as properties.ts), or null. */
export function firstViolation(id: PropertyId, s: SafetySignals, values: ReadonlyMap<string, readonly SimValue[]>, k: number): number | null {
  const at = (n: string, t: number): boolean => values.get(n)?.[t] === true;
  const anyHaz = (t: number): boolean => s.hazardousOutputs.some((h) => at(h, t));
  const chainOk = (t: number): boolean => s.estops.every((e) => at(e, t));
  const d = reactionScans(s);
  if (id === 'estop') {
    for (let t = 0; t + d < k; t++) if (!chainOk(t) && anyHaz(t + d)) return t + d;
    return null;
  }
  if (id === 'guard') {
    for (let t = 0; t + d < k; t++) if (s.guards.some((g) => !at(g, t)) && anyHaz(t + d)) return t + d;
    return null;
  }
  if (!s.reset) return null;
  let pending = !chainOk(0);
  for (let t = 1; t < k; t++) {
    const rise = at(s.reset, t) && !at(s.reset, t - 1);
    if (pending && !rise && anyHaz(t)) return t;
    pending = !chainOk(t) || (pending && !rise);
  }
  return null;
}

import type { Finding } from '../../evidence/report.js';
import type { CallSite } from '../exec-body.js';
import type { VersionAnalysis } from '../guard-analysis.js';
import type { SafetyModel } from '../safety-model.js';
import { analyzePair, at, callId, calleeName, finding, isSafetyCall, type SafetyRule } from '../rule-kit.js';

function safetyCalls(v: VersionAnalysis, safety: SafetyModel): Map<string, CallSite[]> {
  const m = new Map<string, CallSite[]>();
  for (const r of v.exec.runs) for (const c of r.calls) if (isSafetyCall(c, safety)) m.set(callId(c), [...(m.get(callId(c)) ?? []), c]);
  return m;
}

function deactivated(c: CallSite): boolean {
  const a = c.args.get('ACTIVATE');
  return c.callee.kind === 'fb' && /^SF_/i.test(c.callee.type.name) && a?.value?.k === 'const' && !a.value.v;
}

/** SAF005: a safety FB deactivated, or no longer called every scan. */
export const saf005: SafetyRule = {
  info: {
    id: 'SAF005',
    title: 'Safety function block deactivated or not called every scan',
    rationale:
      'A PLCopen safety FB with Activate FALSE holds its outputs in a state the logic no longer monitors, and an FB or safety POU that is not executed every scan does not react to its inputs: the safety function is off.',
    reference: 'PLCopen TC5 Safety Part 1 v2.01 clause 2.3 (Activate); ISO 13849-1:2023 clause 5.2.1 and 7.2 (safety-related software); IEC 62061:2021 clause 7.4',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    const b = safetyCalls(p.b, safety);
    const a = safetyCalls(p.a, safety);
    for (const [id, cs] of a) {
      const off = cs.filter(deactivated);
      if (off.length && !(b.get(id) ?? []).some(deactivated)) {
        out.push(finding('SAF005', 'error', `${calleeName(off[0]!)} is deactivated (Activate := ${off[0]!.args.get('ACTIVATE')!.text})`, off.map((c) => at(p.a.exec, c.file, c.start)), [`after: Activate := ${off[0]!.args.get('ACTIVATE')!.text}`]));
      }
    }
    // An instance renamed (same body, same FB type, gone before and new after) is the same safety call.
    const typeOf = (c: CallSite): string => `${c.body}|${c.callee.kind === 'fb' ? c.callee.type.name.toUpperCase() : calleeName(c)}`;
    const renamed = new Map<string, CallSite[]>();
    const fresh = [...a].filter(([id]) => !b.has(id));
    for (const [id, cs] of b) {
      if (a.has(id)) continue;
      const k = fresh.findIndex(([, xs]) => typeOf(xs[0]!) === typeOf(cs[0]!));
      if (k >= 0) renamed.set(id, fresh.splice(k, 1)[0]![1]);
    }
    for (const [id, cs] of b) {
      if (!cs.some((c) => c.everyScan)) continue;
      const now = a.get(id) ?? renamed.get(id) ?? [];
      const locB = at(p.b.exec, cs[0]!.file, cs[0]!.start);
      if (!now.length) {
        out.push(finding('SAF005', 'error', `${calleeName(cs[0]!)} is no longer called in ${cs[0]!.body}`, [locB], [`before: called every scan in ${cs[0]!.body}`, 'after: not called there']));
      } else if (!now.some((c) => c.everyScan)) {
        const why = now.some((c) => c.path.k !== 'const') ? 'under a condition' : 'after a RETURN, jump or label';
        out.push(finding('SAF005', 'error', `${calleeName(now[0]!)} is no longer called every scan (${why})`, [...now.map((c) => at(p.a.exec, c.file, c.start)), locB], [`before: called every scan in ${cs[0]!.body}`, `after: called only ${why}`]));
      }
    }
    return out;
  },
};

import { key } from '../../plc/st/ast.js';
import type { EvidenceLocation, Finding } from '../../evidence/report.js';
import { hazardClosure, timeValueMs } from '../dependencies.js';
import { SF_TIME_INPUTS } from '../../safety-blocks/index.js';
import { TIMER_TYPES } from '../fb-semantics.js';
import type { VersionAnalysis } from '../guard-analysis.js';
import type { SafetyModel } from '../safety-model.js';
import { analyzePair, at, finding, inSafetyPou, type SafetyRule } from '../rule-kit.js';

interface Delay {
  id: string;
  /** The same delay by meaning (POU, block type, parameter), to pair an instance renamed in the after version. */
  group: string;
  label: string;
  ms: number | null;
  text: string;
  loc: EvidenceLocation;
}

function delays(v: VersionAnalysis, safety: SafetyModel): Map<string, Delay> {
  const exec = v.exec;
  const closure = hazardClosure(v, safety.hazardousOutputs);
  const pous = new Set(safety.safetyPous.map(key));
  const m = new Map<string, Delay>();
  for (const r of exec.runs) {
    for (const c of r.calls) {
      if (c.callee.kind !== 'fb') continue;
      const t = key(c.callee.type.name);
      let params: string[] = [];
      if (TIMER_TYPES.has(t) && (closure.has(c.callee.instKey) || inSafetyPou(r.body.name, safety))) params = ['PT'];
      else if (t.startsWith('SF_')) params = SF_TIME_INPUTS.map(key);
      else if (pous.has(t) || (!c.callee.type.builtin && closure.has(c.callee.instKey))) params = [...c.args.keys()];
      for (const p of params) {
        const a = c.args.get(p);
        if (!a?.expr) continue;
        const ms = timeValueMs(a.expr, exec, r.body);
        const isTime = ms !== null || /^PT$|TIME$/i.test(p);
        if (!isTime) continue;
        const id = `${r.body.name}|${c.callee.instKey}|${p}`;
        m.set(id, { id, group: `${r.body.name}|${t}|${p}`, label: `${c.callee.instText}.${a.param} (${c.callee.type.name}) in ${r.body.name}`, ms, text: a.text, loc: at(exec, c.file, c.start) });
      }
    }
  }
  return m;
}

/**
 * Pairs each delay after the change with its delay before: by instance where it kept its name, else (a renamed
 * timer or block instance) with the unpaired delay of the same POU, block type and parameter in scan order.
 */
function pairDelays(after: Map<string, Delay>, before: Map<string, Delay>): [Delay, Delay][] {
  const pairs: [Delay, Delay][] = [];
  const leftA: Delay[] = [];
  const used = new Set<string>();
  for (const [id, d] of after) {
    const o = before.get(id);
    if (o) {
      pairs.push([d, o]);
      used.add(id);
    } else leftA.push(d);
  }
  const leftB = new Map<string, Delay[]>();
  for (const o of before.values()) if (!used.has(o.id)) leftB.set(o.group, [...(leftB.get(o.group) ?? []), o]);
  for (const d of leftA) {
    const o = leftB.get(d.group)?.shift();
    if (o) pairs.push([d, o]);
  }
  return pairs;
}

/** SAF006: a safety timer preset or reaction-relevant delay lengthened. */
export const saf006: SafetyRule = {
  info: {
    id: 'SAF006',
    title: 'Safety-relevant delay lengthened',
    rationale:
      'A longer timer preset on a path to a hazardous output, or a longer discrepancy or monitoring time of a safety FB, lengthens the response time the safety distances and the validated reaction time were computed for.',
    reference: 'ISO 13855:2010 clause 5 (approach speed and overall system stopping performance); ISO 13849-1:2023 clause 5.2.1 (response time); IEC 62061:2021 clause 5.2; IEC 60204-1:2016 clause 9.2.3',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const b = delays(p.b, safety);
    const a = delays(p.a, safety);
    const out: Finding[] = [];
    for (const [d, o] of pairDelays(a, b)) {
      if (o.ms !== null && d.ms !== null && d.ms > o.ms) {
        out.push(finding('SAF006', 'error', `${d.label} lengthened from ${o.text} to ${d.text}`, [d.loc, o.loc], [`before: ${o.text} (${o.ms} ms)`, `after: ${d.text} (${d.ms} ms)`, ...(safety.reactionMs !== null ? [`declared reaction time: ${safety.reactionMs} ms`] : [])]));
      } else if (o.ms !== null && d.ms === null) {
        const x = finding('SAF006', 'error', `${d.label} is no longer a constant (${o.text} → ${d.text}): whether it is longer could not be decided`, [d.loc, o.loc], [`before: ${o.text}`, `after: ${d.text} (not a constant: an open point for review)`]);
        out.push({ ...x, undecided: true });
      }
    }
    return out;
  },
};

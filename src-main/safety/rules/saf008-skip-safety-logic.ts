import { key, type AnyNode } from '../../plc/st/ast.js';
import { walk } from '../../plc/st/walk.js';
import type { EvidenceLocation, Finding } from '../../evidence/report.js';
import type { VersionAnalysis } from '../guard-analysis.js';
import type { SafetyModel } from '../safety-model.js';
import { analyzePair, at, counts, finding, inSafetyPou, isSafetyCall, type SafetyRule } from '../rule-kit.js';

interface Skip {
  id: string;
  text: string;
  skipped: string;
  loc: EvidenceLocation;
}

function skips(v: VersionAnalysis, safety: SafetyModel): Skip[] {
  const exec = v.exec;
  const hazardous = new Set(safety.hazardousOutputs.map(key));
  const out: Skip[] = [];
  for (const r of exec.runs) {
    // `kind` names the target by meaning (block type, hazardous output), not by an instance or internal name.
    const targets: { start: number; what: string; kind: string }[] = [];
    for (const c of r.calls) {
      if (isSafetyCall(c, safety)) targets.push({ start: c.start, what: `the call of ${exec.idx.show(c.call.callee, r.body.file)}`, kind: `call:${c.callee.kind === 'fb' ? key(c.callee.type.name) : 'safety'}` });
    }
    for (const w of r.writes) {
      if (hazardous.has(w.varKey)) targets.push({ start: w.start, what: `the write of ${w.target}`, kind: `write:${w.varKey}` });
      else if (inSafetyPou(r.body.name, safety)) targets.push({ start: w.start, what: `the write of ${w.target}`, kind: 'write:safety-pou' });
    }
    if (!targets.length || !r.skips.length) continue;
    const loops: { start: number; end: number }[] = [];
    for (const s of r.body.statements) {
      walk(s, (n: AnyNode) => {
        if (n.kind === 'For' || n.kind === 'While' || n.kind === 'Repeat') loops.push({ start: n.start, end: n.end });
      });
    }
    for (const s of r.skips) {
      let limit = Infinity;
      if (s.kind === 'EXIT' || s.kind === 'CONTINUE') {
        const inner = loops.filter((l) => l.start <= s.start && s.start < l.end).sort((a, b) => a.start - b.start).pop();
        if (!inner) continue;
        limit = inner.end;
      }
      const hit = targets.find((t) => t.start > s.start && t.start < limit) ?? (s.kind === 'JMP' ? targets[0] : undefined);
      if (!hit) continue;
      // Matched across versions by POU, kind and what it skips (counted), not by the statement's text.
      out.push({ id: `${r.body.name}|${s.kind}|${s.conditional}|${hit.kind}`, text: `${s.kind}${s.conditional ? ' (conditional)' : ''} in ${r.body.name}`, skipped: hit.what, loc: at(exec, s.file, s.start) });
    }
  }
  return out;
}

/** SAF008: a new JMP/RETURN/EXIT that can skip safety logic. */
export const saf008: SafetyRule = {
  info: {
    id: 'SAF008',
    title: 'New jump, RETURN or EXIT that can skip safety logic',
    rationale:
      'Safety logic must run every scan; a jump or early return before a safety FB call or a hazardous-output write lets a scan end with the output left as it was, unmonitored.',
    reference: 'IEC 61508-3:2010 Table B.1 (no unconditional jumps, structured programming); ISO 13849-1:2023 clause 7.3; IEC 62061:2021 clause 7.4',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const old = counts(skips(p.b, safety).map((s) => s.id));
    const out: Finding[] = [];
    for (const s of skips(p.a, safety)) {
      const n = old.get(s.id) ?? 0;
      if (n > 0) {
        old.set(s.id, n - 1);
        continue;
      }
      out.push(finding('SAF008', 'error', `new ${s.text} can skip ${s.skipped}`, [s.loc], [`after: ${s.text} comes before ${s.skipped}`]));
    }
    return out;
  },
};

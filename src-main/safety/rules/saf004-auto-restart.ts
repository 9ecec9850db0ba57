import { key } from '../../plc/st/ast.js';
import type { EvidenceLocation, Finding } from '../../verify/report.js';
import { atom, FALSE, or, positiveAtoms, substitute, toSt, type BoolExpr } from '../bool-expr.js';
import { decideImplies } from '../decide.js';
import type { VersionAnalysis } from '../guard-analysis.js';
import type { SafetyModel } from '../safety-model.js';
import { analyzePair, at, finding, inSafetyPou, type SafetyRule } from '../rule-kit.js';

interface Latch {
  id: string;
  what: string;
  needsEdge: boolean;
  set: string;
  loc: EvidenceLocation;
}

/** Atoms that are a rising (or falling) edge of the reset input. */
function edgeAtoms(v: VersionAnalysis, reset: string): BoolExpr[] {
  const out: BoolExpr[] = [];
  for (const a of v.exec.atoms.atoms.values()) {
    const clk = a.fb?.args.get('CLK');
    if (a.fb && /^[RF]_TRIG$/i.test(a.fb.type) && clk && key(clk) === key(reset)) out.push(atom(a.id));
  }
  return out;
}

function latches(v: VersionAnalysis, reset: string): Latch[] {
  const exec = v.exec;
  const edge = or(...edgeAtoms(v, reset));
  const needs = (set: BoolExpr): boolean => edge.k !== 'const' && decideImplies(set, edge, exec.atoms.constraintOf).status === 'holds';
  const name = (id: string): string => exec.atoms.text(id);
  const out: Latch[] = [];
  for (const r of exec.runs) {
    for (const c of r.calls) {
      if (c.callee.kind !== 'fb' || !/^(RS|SR)$/i.test(c.callee.type.name)) continue;
      const s = [...c.args.values()].find((a) => /^(S|SET|S1|SET1)$/i.test(a.param));
      if (!s?.value) continue;
      out.push({ id: `${c.body}|${c.callee.instKey}`, what: `latch ${c.callee.instText} (${c.callee.type.name})`, needsEdge: needs(s.value), set: toSt(s.value, name), loc: at(exec, c.file, c.start) });
    }
    for (const w of r.writes) {
      const self = `v:${w.varKey}`;
      if (!w.value || !positiveAtoms(w.value).has(self)) continue;
      const set = substitute(w.value, new Map([[self, FALSE]]));
      out.push({ id: `${w.body}|${w.varKey}`, what: `self-holding latch ${w.target}`, needsEdge: needs(set), set: toSt(set, name), loc: at(exec, w.file, w.start) });
    }
  }
  return out;
}

function resetReads(v: VersionAnalysis, safety: SafetyModel, reset: string): number {
  let n = 0;
  for (const r of v.exec.runs) {
    if (!inSafetyPou(r.body.name, safety)) continue;
    for (const c of r.calls) for (const a of c.args.values()) if (a.expr && v.exec.readsOf(a.expr, r.body).includes(key(reset))) n++;
    for (const w of r.writes) if (w.valueText && new RegExp(`\\b${reset}\\b`, 'i').test(w.valueText)) n++;
  }
  return n;
}

/** Outputs whose condition implies a latch that needs the reset edge to set. */
function resetGated(v: VersionAnalysis, reset: string): Set<string> {
  const gated = new Set<string>();
  const ls = latches(v, reset).filter((l) => l.needsEdge);
  const latchAtoms = [...v.exec.atoms.atoms.values()].filter((a) => a.fb && ls.some((l) => l.id.endsWith(`|${a.fb!.instKey}`)) && /^Q1$/i.test(a.fb.output)).map((a) => atom(a.id));
  for (const g of v.guards) {
    if (!latchAtoms.length) continue;
    if (decideImplies(g.condition, or(...latchAtoms), v.exec.atoms.constraintOf).status === 'holds') gated.add(g.output);
  }
  return gated;
}

/** SAF004: automatic restart after an e-stop (manual reset with a rising edge no longer required). */
export const saf004: SafetyRule = {
  info: {
    id: 'SAF004',
    title: 'Automatic restart after an emergency stop or guard opening',
    rationale:
      'Resetting an e-stop or a guard must not restart the machine by itself: a separate, deliberate manual reset (a rising edge of the reset input) is required before hazardous outputs may switch on again.',
    reference: 'IEC 60204-1:2016 clause 9.2.5.4 (emergency stop reset) and 9.2.6; ISO 13849-1:2023 clause 5.2.2 (manual reset); ISO 13850:2015 clause 4.1.4',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    // S_AutoReset / S_StartReset switched to TRUE on an SF block.
    const autoArgs = (v: VersionAnalysis): Map<string, { loc: EvidenceLocation; text: string }> => {
      const m = new Map<string, { loc: EvidenceLocation; text: string }>();
      for (const r of v.exec.runs) for (const c of r.calls) {
        if (c.callee.kind !== 'fb' || !/^SF_/i.test(c.callee.type.name)) continue;
        for (const a of c.args.values()) {
          if (/^S_(AutoReset|StartReset)$/i.test(a.param) && a.value?.k === 'const' && a.value.v) m.set(`${c.body}|${c.callee.instKey}|${key(a.param)}`, { loc: at(v.exec, c.file, c.start), text: `${c.callee.instText}.${a.param} := ${a.text}` });
        }
      }
      return m;
    };
    const oldAuto = autoArgs(p.b);
    for (const [id, x] of autoArgs(p.a)) {
      if (!oldAuto.has(id)) out.push(finding('SAF004', 'error', `automatic restart enabled: ${x.text}`, [x.loc], [`after: ${x.text}`, 'before: not TRUE']));
    }
    const reset = safety.reset;
    if (!reset) return out;
    const nb = resetReads(p.b, safety, reset);
    const na = resetReads(p.a, safety, reset);
    if (nb > 0 && na === 0) out.push(finding('SAF004', 'error', `the reset input ${reset} is no longer read by the safety logic`, [], [`before: ${nb} read(s) of ${reset} in the safety POUs`, 'after: none']));
    const la = new Map(latches(p.a, reset).map((l) => [l.id, l]));
    for (const lb of latches(p.b, reset)) {
      const l = la.get(lb.id);
      if (lb.needsEdge && l && !l.needsEdge) {
        out.push(finding('SAF004', 'error', `${l.what} can now be set without a rising edge of ${reset}`, [l.loc, lb.loc], [`before: set when ${lb.set}`, `after: set when ${l.set}`]));
      }
    }
    const gb = resetGated(p.b, reset);
    const ga = resetGated(p.a, reset);
    for (const o of gb) {
      if (ga.has(o)) continue;
      const g = p.a.guards.find((x) => x.output === o)!;
      out.push(finding('SAF004', 'error', `${o} no longer requires the reset latch (a rising edge of ${reset}) to switch on`, g.writes.map((w) => at(p.a.exec, w.file, w.start)), [`after: ${o} can be TRUE when ${g.conditionText}`]));
    }
    return out;
  },
};

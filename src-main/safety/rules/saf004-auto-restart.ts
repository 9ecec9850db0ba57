import { key } from '../../plc/st/ast.js';
import type { EvidenceLocation, Finding } from '../../evidence/report.js';
import { FALSE, or, positiveAtoms, substitute, toSt, type BoolExpr } from '../bool-expr.js';
import { decideImplies } from '../decide.js';
import type { VersionAnalysis } from '../guard-analysis.js';
import { analyzePair, at, finding, inSafetyPou, type SafetyRule } from '../rule-kit.js';
import { resetEdgeAtoms, restartInterlocks } from '../restart-interlocks.js';
import { effectiveSafety, type SafetyModel } from '../safety-model.js';
import { sfPinRole } from '../../safety-blocks/index.js';
import type { SiteSafety } from '../../../src-shared/model/site.js';

interface Latch {
  id: string;
  what: string;
  needsEdge: boolean | null;
  set: string;
  loc: EvidenceLocation;
}

function latches(v: VersionAnalysis, reset: string): Latch[] {
  const exec = v.exec;
  const edge = or(...resetEdgeAtoms(v, reset));
  const needs = (set: BoolExpr): boolean | null => {
    if (edge.k === 'const') return false;
    const d = decideImplies(set, edge, exec.atoms.constraintOf);
    return d.status === 'undecided' ? null : d.status === 'holds';
  };
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
  // Latches written as IF/ELSIF or set/reset statements, seen whole in the scan (instances included).
  for (const sc of exec.scans) {
    for (const [k, val] of sc.final.store) {
      const self = `v:${k}`;
      if (!positiveAtoms(val).has(self)) continue;
      const set = substitute(val, new Map([[self, FALSE]]));
      if (set.k === 'const') continue;
      const w = sc.writes.find((x) => x.varKey === k);
      if (!w) continue;
      out.push({ id: `scan|${k}`, what: `latch ${w.target} (as the scan leaves it)`, needsEdge: needs(set), set: toSt(set, name), loc: at(exec, w.file, w.start) });
    }
  }
  return out;
}

/** The places the safety POUs read the reset input (call arguments and written values). */
function resetReads(v: VersionAnalysis, safety: SafetyModel, reset: string): EvidenceLocation[] {
  const out: EvidenceLocation[] = [];
  for (const r of v.exec.runs) {
    if (!inSafetyPou(r.body.name, safety)) continue;
    for (const c of r.calls) for (const a of c.args.values()) if (a.expr && v.exec.readsOf(a.expr, r.body).includes(key(reset))) out.push(at(v.exec, c.file, c.start));
    for (const w of r.writes) if (w.valueText && new RegExp(`\\b${reset}\\b`, 'i').test(w.valueText)) out.push(at(v.exec, w.file, w.start));
  }
  return out;
}

/** What a latch that no e-stop or guard demand resets stands for: a manual reset, but after no demand in particular. */
const ANY_DEMAND = '(any demand)';

/**
 * Per hazardous output, the e-stop and guard inputs after whose demand it needs a manual reset: its condition
 * implies a restart interlock that monitors the input (a latch set by a reset edge, or a PLCopen block wired for
 * manual reset). A latch that monitors no input still counts, under ANY_DEMAND, as it always has.
 */
function resetGated(v: VersionAnalysis, safety: SiteSafety): Map<string, { on: Set<string>; open: Set<string> }> {
  const locks = restartInterlocks(v, safety);
  const keys = new Map<string, BoolExpr[]>();
  for (const l of locks) {
    const ks = l.monitors.length ? l.monitors : l.kind === 'latch' ? [ANY_DEMAND] : [];
    for (const k of ks) keys.set(k, [...(keys.get(k) ?? []), l.value]);
  }
  const gated = new Map<string, { on: Set<string>; open: Set<string> }>();
  for (const g of v.guards) {
    const on = new Set<string>();
    const open = new Set<string>();
    for (const [k, ids] of keys) {
      const d = decideImplies(g.condition, or(...ids), v.exec.atoms.constraintOf);
      if (d.status === 'holds') on.add(k);
      else if (d.status === 'undecided') open.add(k);
    }
    gated.set(g.output, { on, open });
  }
  return gated;
}

/** SAF004: automatic restart after an e-stop or guard opening (a manual reset no longer required). */
export const saf004: SafetyRule = {
  info: {
    id: 'SAF004',
    title: 'Automatic restart after an emergency stop or guard opening',
    rationale:
      'Resetting an e-stop or a guard must not restart the machine by itself: a separate, deliberate manual reset is required before hazardous outputs may switch on again, either a latch set by an edge of the reset input or a PLCopen block (SF_EmergencyStop, SF_ESPE, SF_GuardMonitoring) with S_AutoReset and S_StartReset FALSE and Reset driven by the reset input.',
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
          if (sfPinRole(c.callee.type.name, a.param) === 'restart' && a.value?.k === 'const' && a.value.v) m.set(`${c.body}|${c.callee.instKey}|${key(a.param)}`, { loc: at(v.exec, c.file, c.start), text: `${c.callee.instText}.${a.param} := ${a.text}` });
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
    const rb = resetReads(p.b, safety, reset);
    const ra = resetReads(p.a, safety, reset);
    if (rb.length > 0 && ra.length === 0) out.push(finding('SAF004', 'error', `the reset input ${reset} is no longer read by the safety logic`, rb, [`before: ${rb.length} read(s) of ${reset} in the safety POUs`, 'after: none']));
    const la = new Map(latches(p.a, reset).map((l) => [l.id, l]));
    for (const lb of latches(p.b, reset)) {
      const l = la.get(lb.id);
      if (lb.needsEdge && l && l.needsEdge === null) {
        out.push({ ...finding('SAF004', 'error', `whether ${l.what} can now be set without a rising edge of ${reset} could not be decided`, [l.loc, lb.loc], [`before: set when ${lb.set}`, `after: set when ${l.set}`]), undecided: true });
      } else if (lb.needsEdge && l && l.needsEdge === false) {
        out.push(finding('SAF004', 'error', `${l.what} can now be set without a rising edge of ${reset}`, [l.loc, lb.loc], [`before: set when ${lb.set}`, `after: set when ${l.set}`]));
      }
    }
    const cfg = effectiveSafety(safety);
    const gb = resetGated(p.b, cfg);
    const ga = resetGated(p.a, cfg);
    for (const [o, { on: before }] of gb) {
      const now = ga.get(o);
      const g = p.a.guards.find((x) => x.output === o)!;
      const open = [...before].filter((k) => now?.open.has(k));
      if (open.length) {
        const x = finding('SAF004', 'error', `whether ${o} still requires a manual reset after a demand of ${open.join(', ')} could not be decided`, g.writes.map((w) => at(p.a.exec, w.file, w.start)), [`after: ${o} can be TRUE when ${g.conditionText}`]);
        out.push({ ...x, undecided: true });
      }
      const lost = [...before].filter((k) => !now?.on.has(k) && !now?.open.has(k));
      if (!lost.length) continue;
      const locks = restartInterlocks(p.a, cfg).map((l) => `after: ${l.what} ${l.monitors.length ? `is a restart interlock on ${l.monitors.join(', ')}` : 'needs a manual reset but no e-stop or guard demand switches it off'}`);
      const after = lost.filter((k) => k !== ANY_DEMAND);
      out.push(
        finding(
          'SAF004',
          'error',
          `${o} no longer requires a manual reset (a latch set by an edge of ${reset}, or a PLCopen block with manual reset) to switch on again${after.length ? ` after a demand of ${after.join(', ')}` : ''}`,
          g.writes.map((w) => at(p.a.exec, w.file, w.start)),
          [`after: ${o} can be TRUE when ${g.conditionText}`, `before: a manual reset was required after a demand of ${[...before].join(', ')}`, ...locks],
        ),
      );
    }
    return out;
  },
};

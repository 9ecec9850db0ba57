import { key } from '../../plc/st/ast.js';
import type { EvidenceLocation, Finding } from '../../evidence/report.js';
import type { SiteExec } from '../exec-site.js';
import type { SafetyModel } from '../safety-model.js';
import { analyzePair, at, finding, type SafetyRule } from '../rule-kit.js';

/** The token text of a safety POU (methods, actions and properties included), or null when absent. */
function pouTokens(exec: SiteExec, name: string): { tokens: string; loc: EvidenceLocation } | null {
  const p = exec.idx.pou(name);
  if (!p) return null;
  let tokens = exec.idx.tokenKey(p.node, p.file);
  for (const a of p.actions.values()) if (a.node.owner) tokens += ` | ${exec.idx.tokenKey(a.node, a.file)}`;
  return { tokens, loc: at(exec, p.file, p.node.start) };
}

/** A safety variable's declaration and every statement that writes it, as tokens. */
function varTokens(exec: SiteExec, name: string): { tokens: string; loc: EvidenceLocation | null } {
  const parts = name.split('.');
  let sym = parts.length === 1 ? (exec.v.model.globals.vars.get(key(name)) ?? null) : null;
  let k = key(name);
  if (parts.length > 1) {
    const p = exec.idx.pou(parts[0]!);
    sym = p?.vars.get(key(parts[parts.length - 1]!)) ?? null;
    k = `${key(parts.slice(0, -1).join('.'))}::${key(parts[parts.length - 1]!)}`;
  }
  const decl = sym?.decl ? exec.idx.tokenKey(sym.decl, sym.file) : '(not declared)';
  const writes = exec.runs.flatMap((r) => r.writes.filter((w) => w.varKey === k).map((w) => `${w.body}:${w.stmtKey}`)).sort();
  return { tokens: [decl, ...writes].join(' | '), loc: sym?.decl ? at(exec, sym.file, sym.decl.start) : null };
}

/** SAF009: any edit inside a safety POU or to a safety variable (not a failure; marks the change safety-critical). */
export const saf009: SafetyRule = {
  info: {
    id: 'SAF009',
    title: 'Edit to safety logic or a safety variable',
    rationale:
      'Any modification of safety-related software needs impact analysis, re-verification and the safety officer\u2019s sign-off, even when no rule finds a defect; comment-only and layout-only edits do not count.',
    reference: 'ISO 13849-1:2023 clause 7.5 and 10 (modification of SRP/CS); IEC 62061:2021 clause 10 (modification); IEC 61508-1:2010 clause 7.16',
  },
  check(before, after, safety: SafetyModel) {
    const p = analyzePair(before, after, safety);
    const out: Finding[] = [];
    for (const name of safety.safetyPous) {
      const b = pouTokens(p.b.exec, name);
      const a = pouTokens(p.a.exec, name);
      if (!a && !b) continue;
      if (a && b && a.tokens === b.tokens) continue;
      const what = !a ? 'removed' : !b ? 'added' : 'edited';
      out.push(finding('SAF009', 'warning', `safety POU ${name} ${what}`, [...(a ? [a.loc] : []), ...(b ? [b.loc] : [])], [`safety POU ${name} was ${what} (token-level comparison; comments and layout ignored)`]));
    }
    for (const name of safety.safetyVariables) {
      const b = varTokens(p.b.exec, name);
      const a = varTokens(p.a.exec, name);
      if (a.tokens === b.tokens) continue;
      out.push(finding('SAF009', 'warning', `safety variable ${name} changed (declaration or writes)`, [...(a.loc ? [a.loc] : []), ...(b.loc ? [b.loc] : [])], [`before: ${b.tokens}`, `after: ${a.tokens}`]));
    }
    return out;
  },
};

import { key, type AnyNode } from '../plc/st/ast.js';
import type { EvidenceLocation, Finding, FindingSeverity, RuleInfo } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';
import { atom, type BoolExpr } from './bool-expr.js';
import { AtomTable } from './atoms.js';
import type { CallSite } from './exec-body.js';
import type { SiteExec } from './exec-site.js';
import { analyzeVersion, type VersionAnalysis } from './guard-analysis.js';
import { effectiveSafety, type SafetyModel } from './safety-model.js';
import { isSafetyFbType } from '../safety-blocks/index.js';

/** A static safety rule: diff-aware, comparing the two versions of a change. */
export interface SafetyRule {
  info: RuleInfo;
  check(before: SiteVersion, after: SiteVersion, safety: SafetyModel): Finding[];
}

export interface Pair {
  b: VersionAnalysis;
  a: VersionAnalysis;
}

export function analyzePair(before: SiteVersion, after: SiteVersion, safety: SafetyModel): Pair {
  const cfg = effectiveSafety(safety);
  return { b: analyzeVersion(before, cfg), a: analyzeVersion(after, cfg) };
}

export function finding(rule: string, severity: FindingSeverity, message: string, locations: EvidenceLocation[], facts: string[]): Finding {
  const primary = locations.find((l) => l.version === 'after') ?? locations[0] ?? null;
  return { rule, severity, message, file: primary ? primary.file : null, line: primary ? primary.line : null, evidence: { locations, trace: null, facts } };
}

export function at(exec: SiteExec, file: string, offset: number): EvidenceLocation {
  return exec.v.locate(file, offset);
}

/** The conjunction the guard of a hazardous output must imply: every e-stop and guard input TRUE. */
export function requiredInputs(safety: SafetyModel): BoolExpr[] {
  return [...safety.estops, ...safety.guards].map((i) => atom(AtomTable.inputId(i)));
}

/** Constraints of atoms from either version (ids carry the call's inputs, so one id has one meaning). */
export function jointConstraints(p: Pair): (id: string) => BoolExpr | null {
  return (id) => p.a.exec.atoms.constraintOf(id) ?? p.b.exec.atoms.constraintOf(id);
}

export function jointText(p: Pair): (id: string) => string {
  return (id) => {
    const a = p.a.exec.atoms.atoms.get(id);
    const b = p.b.exec.atoms.atoms.get(id);
    if (a && b) return a.text;
    if (a) return a.kind === 'fb-output' ? `${a.text} [after]` : a.text;
    if (b) return b.kind === 'fb-output' ? `${b.text} [before]` : b.text;
    return id;
  };
}

/** Whether a call runs safety logic: an SF_* instance, a safety POU, or an instance of a safety FB type. */
export function isSafetyCall(c: CallSite, safety: SafetyModel): boolean {
  const pous = new Set(safety.safetyPous.map(key));
  if (c.callee.kind === 'fb') return isSafetyFbType(c.callee.type.name) || pous.has(key(c.callee.type.name));
  if (c.callee.kind === 'pou') return pous.has(key(c.callee.pou.name)) || (c.callee.pou.owner !== null && pous.has(key(c.callee.pou.owner.name)));
  return false;
}

/** An id of the call's target that is the same in both versions: body and instance (or POU). */
export function callId(c: CallSite): string {
  if (c.callee.kind === 'fb') return `${c.body}|${c.callee.instKey}`;
  if (c.callee.kind === 'pou') return `${c.body}|${key(c.callee.pou.owner ? `${c.callee.pou.owner.name}.${c.callee.pou.name}` : c.callee.pou.name)}`;
  return `${c.body}|?`;
}

export function calleeName(c: CallSite): string {
  if (c.callee.kind === 'fb') return `${c.callee.instText} (${c.callee.type.name})`;
  if (c.callee.kind === 'pou') return c.callee.pou.name;
  return 'call';
}

/** Whether a body belongs to a safety POU (the POU itself, its methods, actions and accessors). */
export function inSafetyPou(body: string, safety: SafetyModel): boolean {
  const top = key(body.split('.')[0]!);
  return safety.safetyPous.some((p) => key(p) === top);
}

/** How many times each string occurs. */
export function counts(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

export function nodeSpan(n: AnyNode): { start: number; end: number } {
  return { start: n.start, end: n.end };
}

export function fmtAssignment(list: { atom: string; value: boolean }[]): string {
  return list.map((x) => `${x.atom} = ${x.value ? 'TRUE' : 'FALSE'}`).join(', ');
}

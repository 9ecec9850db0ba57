import type { SiteSafety } from '../../src-shared/model/site.js';
import { key } from '../plc/st/ast.js';
import type { SiteVersion } from '../evidence/site-version.js';
import { and, atom, FALSE, or, toSt, type BoolExpr } from './bool-expr.js';
import { AtomTable } from './atoms.js';
import { constraintsFor, decideImplies, type Decision } from './decide.js';
import type { ScanRun, WriteSite } from './exec-body.js';
import { SiteExec } from './exec-site.js';
import { genOf } from './sym-state.js';

/**
 * For each hazardous output: when the program can make it TRUE (at the end of a scan, as an expression over
 * atoms), and whether that implies every declared e-stop and guard input TRUE. The result is data: the
 * condition as ST text, the atoms with what each stands for, and a falsifying assignment when it fails.
 */

export interface InputCheck {
  input: string;
  status: Decision['status'];
  /** Atom texts and values that make the output TRUE with this input FALSE. */
  assignment: { atom: string; value: boolean }[] | null;
  reason: string | null;
}

export interface GuardAnalysis {
  output: string;
  varKey: string;
  writes: WriteSite[];
  condition: BoolExpr;
  conditionText: string;
  atoms: { id: string; text: string; kind: string; constraint: string | null }[];
  /** proved: output TRUE ⇒ all e-stops and guards TRUE; refuted: a valuation contradicts it; undecided: too big. */
  status: 'proved' | 'refuted' | 'undecided';
  checks: InputCheck[];
  facts: string[];
}

export interface VersionAnalysis {
  exec: SiteExec;
  guards: GuardAnalysis[];
}

const cache = new WeakMap<SiteVersion, Map<string, VersionAnalysis>>();

/** Runs (once per version and configuration) the symbolic execution and the guard analysis. */
export function analyzeVersion(v: SiteVersion, safety: SiteSafety): VersionAnalysis {
  const ck = JSON.stringify(safety);
  let m = cache.get(v);
  if (!m) cache.set(v, (m = new Map()));
  const hit = m.get(ck);
  if (hit) return hit;
  const exec = new SiteExec(v, safety);
  const guards = safety.hazardousOutputs.map((o) => analyzeOutput(exec, safety, o));
  const r = { exec, guards };
  m.set(ck, r);
  return r;
}

/**
 * The condition under which the output is TRUE at the end of a scan, over atoms. From the scans in execution
 * order where the plan knows them (each scan that writes the output contributes its value at the end; a body
 * that writes it but no scan reaches contributes its own), else from every body on its own (OR of their
 * values at their end). `writes` are all the places in the code that write it.
 */
export function outputCondition(exec: SiteExec, varKey: string, name: string, scans: readonly ScanRun[] = exec.scans): { cond: BoolExpr; writes: WriteSite[] } {
  const writes: WriteSite[] = [];
  const parts: BoolExpr[] = [];
  const reached = new Set(scans.flatMap((s) => [...s.reached]));
  for (const r of exec.runs) {
    const ws = r.writes.filter((w) => w.varKey === varKey);
    if (!ws.length) continue;
    writes.push(...ws);
    if (!reached.has(r.body)) parts.push(r.final.store.get(varKey) ?? exec.read(varKey, r.final, name, null));
  }
  for (const s of scans) {
    if (!s.writes.some((w) => w.varKey === varKey) && genOf(s.final, varKey) === 0) continue;
    parts.push(s.final.store.get(varKey) ?? exec.read(varKey, s.final, name, null));
  }
  if (!parts.length) {
    const sym = exec.v.model.globals.vars.get(varKey) ?? null;
    const init = sym?.decl?.init;
    const initTrue = init?.kind === 'Literal' && init.value === true;
    return { cond: initTrue ? exec.atoms.entry(varKey, name, sym) : FALSE, writes };
  }
  return { cond: or(...parts), writes };
}

export function analyzeOutput(exec: SiteExec, safety: SiteSafety, output: string): GuardAnalysis {
  const varKey = key(output);
  const { cond, writes } = outputCondition(exec, varKey, output);
  const inputs = [...safety.estops, ...safety.guards];
  for (const i of inputs) exec.atoms.add({ id: AtomTable.inputId(i), text: i, kind: 'input', constraint: null, refs: [key(i)], fb: null });
  const checks: InputCheck[] = [];
  const all = decideImplies(cond, and(...inputs.map((i) => atom(AtomTable.inputId(i)))), exec.atoms.constraintOf);
  for (const i of inputs) {
    if (all.status === 'holds') {
      checks.push({ input: i, status: 'holds', assignment: null, reason: null });
      continue;
    }
    const d = decideImplies(cond, atom(AtomTable.inputId(i)), exec.atoms.constraintOf);
    checks.push({
      input: i,
      status: d.status,
      assignment: d.status === 'fails' ? [...d.assignment].map(([a, value]) => ({ atom: exec.atoms.text(a), value })) : null,
      reason: d.status === 'undecided' ? d.reason : d.status === 'fails' ? `${output} can be TRUE while ${i} is FALSE` : null,
    });
  }
  const status = checks.some((c) => c.status === 'fails') ? 'refuted' : checks.some((c) => c.status === 'undecided') ? 'undecided' : 'proved';
  const { atoms } = constraintsFor([cond], exec.atoms.constraintOf);
  const name = (id: string): string => exec.atoms.text(id);
  const facts: string[] = [];
  for (const f of exec.atoms.constants.values()) facts.push(`taken as constant: ${f.reason}`);
  return {
    output,
    varKey,
    writes,
    condition: cond,
    conditionText: toSt(cond, name),
    atoms: atoms.map((id) => {
      const a = exec.atoms.atoms.get(id);
      return { id, text: a?.text ?? id, kind: a?.kind ?? 'var', constraint: a?.constraint ? `${a.text} ⇒ ${toSt(a.constraint, name)}` : null };
    }),
    status,
    checks,
    facts,
  };
}

/** Readable lines for a report: the condition, the constraints used, and a counterexample per failed input. */
export function explainGuard(g: GuardAnalysis, label: 'before' | 'after'): string[] {
  const lines = [`${label}: ${g.output} can be TRUE when ${g.conditionText}`];
  for (const a of g.atoms) if (a.constraint) lines.push(`${label}: assumed ${a.constraint}`);
  for (const c of g.checks) {
    if (c.status === 'fails' && c.assignment) {
      lines.push(`${label}: counterexample for ${c.input}: ${c.assignment.map((x) => `${x.atom} = ${x.value ? 'TRUE' : 'FALSE'}`).join(', ')}`);
    } else if (c.status === 'undecided') lines.push(`${label}: undecided for ${c.input}: ${c.reason}`);
  }
  lines.push(...g.facts.map((f) => `${label}: ${f}`));
  return lines;
}

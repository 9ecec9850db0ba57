import { key, type Expression } from '../plc/st/ast.js';
import { atomsOf, type BoolExpr } from './bool-expr.js';
import type { VersionAnalysis } from './guard-analysis.js';

/**
 * Every variable and FB instance key that can influence a hazardous output: through the values written,
 * the IF/CASE conditions around the writes, FB inputs, and what user FBs compute inside.
 */
export function hazardClosure(v: VersionAnalysis, outputs: readonly string[]): Set<string> {
  const exec = v.exec;
  const seen = new Set<string>();
  const work = outputs.map(key);
  const push = (k: string): void => {
    if (!seen.has(k)) work.push(k);
  };
  const fromExpr = (e: BoolExpr | null): void => {
    if (!e) return;
    for (const id of atomsOf(e)) for (const r of exec.atoms.atoms.get(id)?.refs ?? []) push(r);
  };
  while (work.length) {
    const k = work.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const dot = k.lastIndexOf('.');
    if (dot > 0 && !k.slice(dot).includes('::')) push(k.slice(0, dot));
    for (const r of exec.runs) {
      for (const w of r.writes) {
        if (w.varKey !== k) continue;
        fromExpr(w.value);
        fromExpr(w.path);
        if (!w.value) fromExpr(w.trueCond);
      }
      for (const c of r.calls) {
        if (c.callee.kind !== 'fb' || c.callee.instKey !== k) continue;
        for (const a of c.args.values()) if (a.expr) for (const x of exec.readsOf(a.expr, r.body)) push(x);
        fromExpr(c.path);
        if (!c.callee.type.builtin) {
          const t = key(c.callee.type.name);
          for (const rr of exec.runs) {
            if (key(rr.body.owner.name) !== t) continue;
            for (const w of rr.writes) push(w.varKey);
            for (const cc of rr.calls) if (cc.callee.kind === 'fb') push(cc.callee.instKey);
          }
        }
      }
    }
  }
  return seen;
}

/** A TIME value in ms when the expression is a literal or a variable with a literal initial value. */
export function timeValueMs(e: Expression | null, exec: VersionAnalysis['exec'], body: Parameters<VersionAnalysis['exec']['readsOf']>[1]): number | null {
  if (!e) return null;
  if (e.kind === 'Paren') return timeValueMs(e.expr, exec, body);
  if (e.kind === 'Literal') return (e.litKind === 'time' || e.litKind === 'ltime') && typeof e.value === 'bigint' ? Number(e.value / 1000n) / 1000 : null;
  if (e.kind === 'Name') {
    const r = exec.idx.resolveName(body, e.id.name);
    const init = r.sym?.decl?.init;
    if (!r.sym || !init || init.kind !== 'Literal') return null;
    if (!r.sym.constant && exec.written.has(r.key) && r.sym.section !== 'VAR_INPUT') return null;
    return timeValueMs(init, exec, body);
  }
  return null;
}

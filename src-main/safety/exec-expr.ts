import type { Expression } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import { and, FALSE, iff, not, or, TRUE, xor, type BoolExpr } from './bool-expr.js';
import { frameScope, frameVarKey, type ExecCtx, type Frame } from './exec-frame.js';
import type { VarSym } from '../plc/check/symbols.js';
import type { SiteExec } from './exec-site.js';
import { genOf, type SymState } from './sym-state.js';

/**
 * Expressions of a frame as Boolean conditions over atoms. Variables read their current symbolic value (what
 * the scan wrote so far) or, where nothing wrote them yet, their value at scan start; anything else Boolean
 * (a comparison, a REAL test, a function result the analysis does not follow) is one atom per text, scope and
 * generation of what it reads, so a value changed earlier in the scan is a different atom.
 */

/** The Boolean value of an expression in a state. */
export function boolOf(cx: ExecCtx, fr: Frame, e: Expression, st: SymState): BoolExpr {
  const idx = cx.site.idx;
  switch (e.kind) {
    case 'Literal':
      if (e.litKind === 'bool' && typeof e.value === 'boolean') return e.value ? TRUE : FALSE;
      break;
    case 'Paren':
      return boolOf(cx, fr, e.expr, st);
    case 'Unary':
      if (e.op === 'NOT' && idx.isBool(e.operand)) return not(boolOf(cx, fr, e.operand, st));
      break;
    case 'Binary': {
      if (!idx.isBool(e.left) || !idx.isBool(e.right)) break;
      const l = boolOf(cx, fr, e.left, st);
      const r = boolOf(cx, fr, e.right, st);
      if (e.op === 'AND' || e.op === 'AND_THEN') return and(l, r);
      if (e.op === 'OR' || e.op === 'OR_ELSE') return or(l, r);
      if (e.op === 'XOR' || e.op === '<>') return xor(l, r);
      if (e.op === '=') return iff(l, r);
      break;
    }
    case 'Name':
    case 'Member': {
      const pv = cx.inline ? cx.propValue(fr, st, e) : null;
      if (pv) return pv;
      const k = frameVarKey(cx, fr, e);
      if (k && !k.weak && cx.opaque.has(k.key)) {
        return cx.site.atoms.add({ id: `opaque:${k.key}`, text: `${idx.show(e, fr.body.file)} (latch)`, kind: 'havoc', constraint: null, refs: [k.key], fb: null });
      }
      if (k && !k.weak) return readVar(cx.site, k.key, st, idx.show(e, fr.body.file), idx.varSym(e, fr.body), k.raw);
      break;
    }
    case 'Call': {
      const v = cx.inline ? cx.callValue(fr, st, e) : null;
      if (v) return v;
      break;
    }
    default:
      break;
  }
  return exprAtom(cx, fr, e, st);
}

/**
 * A BOOL variable's current value: what the scan wrote, else its value at scan start (a declared device, a
 * constant, or a free atom). `raw` is the key the rest of the site writes it under (for constants).
 */
export function readVar(site: SiteExec, k: string, st: SymState, text: string, sym: VarSym | null, raw = k): BoolExpr {
  if (!site.names.has(k) && !text.startsWith('.')) site.names.set(k, text);
  const v = st.store.get(k);
  if (v) return v;
  text = site.names.get(k) ?? text;
  const g = genOf(st, k);
  if (g > 0) return site.atoms.add({ id: `h:${k}#${g}`, text: `${text} (as changed earlier in the scan)`, kind: 'havoc', constraint: null, refs: [k], fb: null });
  return site.atoms.entry(k, text, sym, raw);
}

/** An expression the analysis does not decompose: one atom per text, scope and generation of what it reads. */
export function exprAtom(cx: ExecCtx, fr: Frame, e: Expression, st: SymState): BoolExpr {
  const idx = cx.site.idx;
  const refs = new Set<string>();
  let local = false;
  walk(e, (n) => {
    if (n.kind === 'Name' || n.kind === 'Member') {
      const k = frameVarKey(cx, fr, n);
      if (k) {
        refs.add(k.key);
        if (k.raw.includes('::')) local = true;
      }
      return n.kind !== 'Member';
    }
    return true;
  });
  const gens = [...refs].map((r) => [r, genOf(st, r)] as const).filter(([, g]) => g > 0);
  const suffix = gens.length ? `@${gens.map(([r, g]) => `${r}#${g}`).join(',')}` : '';
  const scope = local ? `${frameScope(fr)}|` : '';
  const text = idx.show(e, fr.body.file);
  return cx.site.atoms.add({ id: `x:${scope}${idx.tokenKey(e, fr.body.file)}${suffix}`, text: gens.length ? `${text} (as changed earlier in the scan)` : text, kind: 'expr', constraint: null, refs: [...refs], fb: null });
}

/** The atom of one CASE label test (`sel = label`), per scope and generation of what the selector reads. */
export function caseAtom(cx: ExecCtx, fr: Frame, selector: Expression, label: { start: number; end: number }, refs: string[], st: SymState): BoolExpr {
  const idx = cx.site.idx;
  const gens = refs.map((r) => genOf(st, r)).join(',');
  const lt = idx.show(label, fr.body.file);
  return cx.site.atoms.add({
    id: `case:${frameScope(fr)}|${idx.tokenKey(selector, fr.body.file)}=${lt.toUpperCase()}@${gens}`,
    text: `${idx.show(selector, fr.body.file)} = ${lt}`,
    kind: 'expr',
    constraint: null,
    refs,
    fb: null,
  });
}

import type { SiteSafety } from '../../src-shared/model/site.js';
import { key, type Call, type Expression } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import { and, FALSE, iff, not, or, xor, type BoolExpr } from './bool-expr.js';
import { AtomTable } from './atoms.js';
import { runBody, type BodyRun } from './exec-body.js';
import { SiteIndex, walkStatements, type BodyRef } from './site-index.js';
import { genOf, type SymState } from './sym-state.js';

/**
 * Symbolic execution of every body of a site version for one scan. Each body is run on its own from an
 * unknown entry state (values written elsewhere or in an earlier scan are atoms), so what it proves holds
 * whatever the other POUs do. Calls to user POUs havoc what they may write; the standard and safety FBs
 * contribute their implications (see fb-semantics.ts).
 */
export class SiteExec {
  readonly idx: SiteIndex;
  readonly atoms: AtomTable;
  readonly runs: BodyRun[] = [];
  /** Keys written anywhere in the site (assignments, `=>`, VAR_IN_OUT arguments). */
  readonly written = new Set<string>();
  /** Source spelling of each variable key seen, for readable atoms. */
  readonly names = new Map<string, string>();
  private readonly direct = new Map<BodyRef, Set<string>>();
  private readonly calleesOf = new Map<BodyRef, BodyRef[]>();
  private readonly effectsMemo = new Map<BodyRef, Set<string>>();

  constructor(
    readonly v: ConstructorParameters<typeof SiteIndex>[0],
    readonly safety: SiteSafety,
  ) {
    this.idx = new SiteIndex(v);
    for (const b of this.idx.bodies) this.prepass(b);
    this.atoms = new AtomTable(safety, this.written);
    for (const b of this.idx.bodies) this.runs.push(runBody(this, b));
  }

  private prepass(b: BodyRef): void {
    const keys = new Set<string>();
    const callees: BodyRef[] = [];
    walkStatements(b.statements, (n) => {
      if (n.kind === 'Assign') {
        const k = this.idx.varKey(n.target, b);
        if (k) keys.add(k.key);
      } else if (n.kind === 'Call') {
        const c = this.idx.callee(n, b);
        const target = c.kind === 'fb' ? c.type : c.kind === 'pou' ? c.pou : null;
        const params = target?.params ?? [];
        n.args.forEach((a, i) => {
          const p = a.name ? params.find((x) => key(x.name) === key(a.name!.name)) : params[i];
          if (a.value && (a.assign === '=>' || p?.section === 'VAR_IN_OUT')) {
            const k = this.idx.varKey(a.value, b);
            if (k) keys.add(k.key);
          }
        });
        if (target && !target.builtin) {
          const cb = this.idx.bodyOf(target);
          if (cb) callees.push(cb);
        }
      }
    });
    for (const k of keys) this.written.add(k);
    this.direct.set(b, keys);
    this.calleesOf.set(b, callees);
  }

  /** Global keys a body may write, directly or through the user POUs it calls. */
  globalEffects(b: BodyRef, seen = new Set<BodyRef>()): Set<string> {
    const memo = this.effectsMemo.get(b);
    if (memo) return memo;
    const out = new Set<string>();
    if (seen.has(b)) return out;
    seen.add(b);
    for (const k of this.direct.get(b) ?? []) if (!k.includes('::')) out.add(k);
    for (const c of this.calleesOf.get(b) ?? []) for (const k of this.globalEffects(c, seen)) out.add(k);
    this.effectsMemo.set(b, out);
    return out;
  }

  /** The Boolean value of an expression in a state, over atoms. */
  boolOf(e: Expression, st: SymState, b: BodyRef): BoolExpr {
    switch (e.kind) {
      case 'Literal':
        if (e.litKind === 'bool' && typeof e.value === 'boolean') return e.value ? { k: 'const', v: true } : FALSE;
        break;
      case 'Paren':
        return this.boolOf(e.expr, st, b);
      case 'Unary':
        if (e.op === 'NOT' && this.idx.isBool(e.operand)) return not(this.boolOf(e.operand, st, b));
        break;
      case 'Binary': {
        if (!this.idx.isBool(e.left) || !this.idx.isBool(e.right)) break;
        const l = this.boolOf(e.left, st, b);
        const r = this.boolOf(e.right, st, b);
        if (e.op === 'AND' || e.op === 'AND_THEN') return and(l, r);
        if (e.op === 'OR' || e.op === 'OR_ELSE') return or(l, r);
        if (e.op === 'XOR' || e.op === '<>') return xor(l, r);
        if (e.op === '=') return iff(l, r);
        break;
      }
      case 'Name':
      case 'Member': {
        const k = this.idx.varKey(e, b);
        if (k && !k.weak) return this.read(k.key, st, this.idx.show(e, b.file), this.idx.varSym(e, b));
        break;
      }
      default:
        break;
    }
    return this.exprAtom(e, st, b);
  }

  /** A BOOL variable's current value: what the body wrote, else its (havocked or entry) value. */
  read(k: string, st: SymState, text: string, sym: ReturnType<SiteIndex['varSym']>): BoolExpr {
    if (!this.names.has(k) && !text.startsWith('.')) this.names.set(k, text);
    const v = st.store.get(k);
    if (v) return v;
    text = this.names.get(k) ?? text;
    const g = genOf(st, k);
    if (g > 0) return this.atoms.add({ id: `h:${k}#${g}`, text: `${text} (as changed earlier in the scan)`, kind: 'havoc', constraint: null, refs: [k], fb: null });
    return this.atoms.entry(k, text, sym);
  }

  /** An expression the analysis does not decompose: one atom per text and per generation of what it reads. */
  exprAtom(e: Expression, st: SymState, b: BodyRef): BoolExpr {
    const refs = new Set<string>();
    walk(e, (n) => {
      if (n.kind === 'Name' || n.kind === 'Member') {
        const k = this.idx.varKey(n, b);
        if (k) refs.add(k.key);
        return n.kind !== 'Member';
      }
      return true;
    });
    const gens = [...refs].map((r) => [r, genOf(st, r)] as const).filter(([, g]) => g > 0);
    const suffix = gens.length ? `@${gens.map(([r, g]) => `${r}#${g}`).join(',')}` : '';
    const scope = [...refs].some((r) => r.includes('::')) ? `${key(b.owner.name)}|` : '';
    const text = this.idx.show(e, b.file);
    return this.atoms.add({ id: `x:${scope}${this.idx.tokenKey(e, b.file)}${suffix}`, text: gens.length ? `${text} (as changed earlier in the scan)` : text, kind: 'expr', constraint: null, refs: [...refs], fb: null });
  }

  /** Keys of variables read by an expression (for dependency closures). */
  readsOf(e: Expression, b: BodyRef): string[] {
    const refs: string[] = [];
    walk(e, (n) => {
      if (n.kind === 'Name' || n.kind === 'Member') {
        const k = this.idx.varKey(n, b);
        if (k) refs.push(k.key);
        return n.kind !== 'Member';
      }
      return true;
    });
    return refs;
  }

  calleeOf(call: Call, b: BodyRef): ReturnType<SiteIndex['callee']> {
    return this.idx.callee(call, b);
  }
}

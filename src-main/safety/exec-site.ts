import type { SiteSafety } from '../../src-shared/model/site.js';
import type { VarSym } from '../plc/check/symbols.js';
import { key, type Call, type Expression } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import type { BoolExpr } from './bool-expr.js';
import { AtomTable } from './atoms.js';
import { runBody, runScan, type BodyRun, type ScanRun } from './exec-body.js';
import { readVar } from './exec-expr.js';
import { scanPlan, type ScanPlan } from './scan-order.js';
import { SiteIndex, walkStatements, type BodyRef } from './site-index.js';
import type { SymState } from './sym-state.js';

/**
 * Symbolic execution of a site version for one scan, two ways. `runs`: every body on its own from an unknown
 * entry state, calls to user POUs havocking what they may write: what the rules compare per place (writes,
 * calls, skips). `scans`: the scan in execution order from the programs the tasks run (scan-order.ts), calls
 * followed into FBs per instance, programs, methods and functions, so a global enable written by a safety FB
 * is known to the outputs written after it. The standard and safety FBs contribute their implications
 * (fb-semantics.ts) either way.
 */
export class SiteExec {
  readonly idx: SiteIndex;
  readonly atoms: AtomTable;
  readonly runs: BodyRun[] = [];
  /** One run per scan of the plan (empty when the entry program is unknown: then only `runs` count). */
  readonly scans: ScanRun[] = [];
  readonly plan: ScanPlan;
  /** Upper-case names of the site's programs (a program's variables are `PRG::X` however they are read). */
  readonly programKeys: Set<string>;
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
    this.programKeys = new Set(v.model.pous.filter((p) => (p.pouKind === 'PROGRAM' || p.pouKind === 'ORGANIZATION_BLOCK') && !p.builtin).map((p) => key(p.name)));
    for (const b of this.idx.bodies) this.runs.push(runBody(this, b));
    this.plan = scanPlan(v);
    for (const programs of this.plan.scans) {
      const bodies = programs.map((p) => this.idx.bodyOf(p)).filter((b): b is BodyRef => b !== null);
      if (bodies.length) this.scans.push(runScan(this, bodies));
    }
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
        const act = this.actionBody(n);
        if (act) callees.push(act);
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

  private readonly opaqueMemo = new Map<string, ScanRun[]>();

  /** The scans again, reads of the given keys opaque (what a condition says without looking through them). */
  scansWithOpaque(keys: readonly string[]): ScanRun[] {
    if (!keys.length) return this.scans;
    const id = [...keys].sort().join('|');
    let hit = this.opaqueMemo.get(id);
    if (!hit) {
      const set = new Set(keys);
      hit = this.scans.map((s) => runScan(this, s.programs, set));
      this.opaqueMemo.set(id, hit);
    }
    return hit;
  }

  /** The body of an action a call runs (`Act()` inside its POU, `inst.Act()` outside), or null. */
  actionBody(call: Call): BodyRef | null {
    const r = this.v.model.resolution.calls.get(call);
    const sym = r?.kind === 'sym' ? (r.sym as { kind?: string; node?: { body: unknown } }) : null;
    if (sym?.kind !== 'action' || !sym.node) return null;
    return this.idx.bodies.find((x) => x.statements === sym.node!.body) ?? null;
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

  /** A BOOL variable's value in a state (what was written, else its value at scan start). */
  read(k: string, st: SymState, text: string, sym: VarSym | null): BoolExpr {
    return readVar(this, k, st, text, sym);
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

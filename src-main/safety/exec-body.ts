import { key, type AnyNode, type Expression, type Property, type Statement } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import { and, FALSE, not, or, TRUE, type BoolExpr } from './bool-expr.js';
import { callWrites, execCall, type CallHooks, type CallSite } from './exec-call.js';
import { boolOf, caseAtom, readVar } from './exec-expr.js';
import { frameReads, frameVarKey, mapKey, MAX_INLINE_DEPTH, type ExecCtx, type Frame } from './exec-frame.js';
import type { SiteExec } from './exec-site.js';
import type { BodyRef } from './site-index.js';
import { cloneState, initialState, mergeStates, underPrefix, type SymState } from './sym-state.js';

export type { CallArgInfo, CallSite } from './exec-call.js';

export type WriteOp = ':=' | 'S=' | 'R=' | '=>' | 'in-out' | 'other';

/** One place that writes a variable, with the value written and the condition under which it runs. */
export interface WriteSite {
  body: string;
  file: string;
  start: number;
  op: WriteOp;
  varKey: string;
  target: string;
  /** The Boolean value written (null for other types and for writes the analysis cannot see into). */
  value: BoolExpr | null;
  valueText: string;
  path: BoolExpr;
  /** When this write makes the variable TRUE. */
  trueCond: BoolExpr;
  everyScan: boolean;
  /** The statement's tokens, to match the same write across versions. */
  stmtKey: string;
}

export interface SkipSite {
  body: string;
  file: string;
  start: number;
  kind: 'RETURN' | 'JMP' | 'EXIT' | 'CONTINUE';
  stmtKey: string;
  /** The statement is under a condition (it can skip what follows only sometimes). */
  conditional: boolean;
}

export interface BodyRun {
  body: BodyRef;
  /** The state when the body ends (fall-through and every RETURN joined). */
  final: SymState;
  writes: WriteSite[];
  calls: CallSite[];
  skips: SkipSite[];
}

/** One scan in execution order: the programs of a task run one after another, calls followed into bodies. */
export interface ScanRun extends BodyRun {
  /** The programs run, in order. */
  programs: BodyRef[];
  /** Every body the scan entered (the programs and every user POU they call). */
  reached: Set<BodyRef>;
}

function newCtx(site: SiteExec, run: BodyRun, inline: boolean, opaque: ReadonlySet<string> = new Set()): ExecCtx {
  const counters = new Map<string, number>();
  const cx: ExecCtx = {
    site,
    run,
    inline,
    opaque,
    callCount: new Map(),
    stack: [],
    reached: new Set(),
    nextGen: (k) => {
      const n = (counters.get(k) ?? 0) + 1;
      counters.set(k, n);
      return n;
    },
    callValue: (fr, st, call) => {
      const c = site.calleeOf(call, fr.body);
      if (c.kind !== 'pou' || c.pou.builtin || c.pou.pouKind === 'PROGRAM' || !c.pou.retVar) return null;
      const t = c.pou.retVar.type as { kind: string; cls?: string } | null;
      const cb = site.idx.bodyOf(c.pou);
      if (t?.kind !== 'elem' || t.cls !== 'bool' || !cb) return null;
      const after = execCall(cx, fr, st, call, call, hooksFor(cx));
      Object.assign(st, { store: after.store, gen: after.gen });
      return st.store.get(`${key(cb.self !== cb.owner ? cb.name : c.pou.name)}::${key(c.pou.name)}`) ?? null;
    },
    propValue: (fr, st, e) => propertyValue(cx, fr, st, e),
  };
  return cx;
}

/** A BOOL property read in inline mode: its getter run in the instance's frame, the result read back. */
function propertyValue(cx: ExecCtx, fr: Frame, st: SymState, e: Expression): BoolExpr | null {
  const site = cx.site;
  const id = e.kind === 'Member' ? e.member : e.kind === 'Name' ? e.id : null;
  const r = id ? (site.v.model.resolution.ids.get(id) as { kind?: string; name?: string; node?: Property } | undefined) : undefined;
  const getter = r?.kind === 'prop' ? r.node?.getter : null;
  if (!getter || !r?.name) return null;
  const cb = site.idx.bodies.find((b) => b.statements === getter.body);
  if (!cb || cx.stack.includes(cb) || cx.stack.length >= MAX_INLINE_DEPTH) return null;
  let inst = fr.inst;
  if (e.kind === 'Member' && e.object.kind !== 'This' && !(e.object.kind === 'Deref' && e.object.object.kind === 'This')) {
    const k = frameVarKey(cx, fr, e.object);
    inst = k && !k.weak ? k.key : null;
  }
  if (inst === null) return null;
  const gfr: Frame = { body: cb, inst, exits: [] };
  const rk = mapKey(cx, gfr, site.idx.resolveName(cb, r.name).key);
  const had = st.store.get(rk);
  const saved = { path: st.path, inBranch: st.inBranch, afterSkip: st.afterSkip };
  cx.stack.push(cb);
  cx.reached.add(cb);
  const end = runFrame(cx, gfr, { ...st, store: new Map(st.store), gen: new Map(st.gen), dead: false });
  cx.stack.pop();
  const value = end.store.get(rk) ?? null;
  if (had) end.store.set(rk, had);
  else end.store.delete(rk);
  Object.assign(st, { store: end.store, gen: end.gen, ...saved });
  return value;
}

function hooksFor(cx: ExecCtx): CallHooks {
  return {
    write: (f, st, node, target, op, value, stmt) => new Executor(cx, f).write(st, node, target, op, value, stmt),
    havoc: (st, k) => havoc(cx, st, k),
    runFrame: (f, st) => runFrame(cx, f, st),
  };
}

function havoc(cx: ExecCtx, st: SymState, k: string): void {
  st.gen.set(k, cx.nextGen(k));
  for (const sk of [...st.store.keys()]) if (underPrefix(sk, k)) st.store.delete(sk);
}

/** Runs one body on its own from an unknown entry state; calls to user POUs havoc what they may write. */
export function runBody(site: SiteExec, body: BodyRef): BodyRun {
  const run: BodyRun = { body, final: initialState(), writes: [], calls: [], skips: [] };
  const cx = newCtx(site, run, false);
  run.final = runFrame(cx, { body, inst: null, exits: [] }, initialState());
  return run;
}

/**
 * Runs the programs of one scan in order from an unknown state at scan start, following calls into user
 * FBs (per instance), programs, methods and functions: a global written earlier in the scan is known to its
 * later readers. Reads of `opaque` keys are opaque atoms instead of their values.
 */
export function runScan(site: SiteExec, programs: BodyRef[], opaque: ReadonlySet<string> = new Set()): ScanRun {
  const run: ScanRun = { body: programs[0]!, final: initialState(), writes: [], calls: [], skips: [], programs, reached: new Set() };
  const cx = newCtx(site, run, true, opaque);
  cx.reached = run.reached;
  let st = initialState();
  for (const p of programs) {
    cx.reached.add(p);
    cx.stack.push(p);
    st = runFrame(cx, { body: p, inst: null, exits: [] }, st);
    cx.stack.pop();
    st = { ...st, dead: false, afterSkip: false, inBranch: false, path: TRUE };
  }
  run.final = st;
  return run;
}

/** Runs a body in a frame from a state; the state at its end (fall-through and RETURNs joined). */
export function runFrame(cx: ExecCtx, fr: Frame, start: SymState): SymState {
  const x = new Executor(cx, fr);
  const fall = x.list(start, fr.body.statements, false);
  if (fr.exits.length === 0) return fall;
  const all = [...fr.exits, fall];
  return mergeStates(fall.dead ? fr.exits[0]! : fall, all.map((s) => s.path), all, cx.nextGen, x.readIn);
}

/** The statements of one frame. */
class Executor {
  private readonly hooks: CallHooks;

  constructor(
    private readonly cx: ExecCtx,
    private readonly fr: Frame,
  ) {
    this.hooks = hooksFor(cx);
  }

  private show(n: { start: number; end: number }): string {
    return this.cx.site.idx.show(n, this.fr.body.file);
  }

  readonly readIn = (k: string, s: SymState): BoolExpr | null => readVar(this.cx.site, k, s, this.cx.site.names.get(k) ?? k.replace(/^.*::/, ''), null);

  havoc(st: SymState, k: string): void {
    havoc(this.cx, st, k);
  }

  private havocAll(st: SymState): void {
    for (const k of this.cx.site.written) {
      this.havoc(st, k);
      const m = mapKey(this.cx, this.fr, k);
      if (m !== k) this.havoc(st, m);
    }
  }

  write(st: SymState, node: AnyNode, target: Expression, op: WriteOp, value: BoolExpr | null, stmt: AnyNode): void {
    const { cx, fr } = this;
    const idx = cx.site.idx;
    const k = frameVarKey(cx, fr, target);
    if (!k) return;
    if (!cx.site.names.has(k.key)) cx.site.names.set(k.key, this.show(target));
    const bool = idx.isBool(target) && !k.weak;
    let next: BoolExpr | null = null;
    if (bool && value) {
      const cur = (): BoolExpr => readVar(cx.site, k.key, st, this.show(target), idx.varSym(target, fr.body), k.raw);
      next = op === 'S=' ? or(cur(), value) : op === 'R=' ? and(cur(), not(value)) : value;
    }
    const trueCond = op === 'R=' ? FALSE : and(st.path, value ?? TRUE);
    cx.run.writes.push({
      body: fr.body.name, file: fr.body.file, start: node.start, op, varKey: k.key, target: this.show(target), value, valueText: value ? this.show(node) : '',
      path: st.path, trueCond, everyScan: !st.inBranch && !st.afterSkip, stmtKey: idx.tokenKey(stmt, fr.body.file),
    });
    if (next) st.store.set(k.key, next);
    else this.havoc(st, k.key);
  }

  private skip(st: SymState, s: Statement, kind: SkipSite['kind']): void {
    const b = this.fr.body;
    this.cx.run.skips.push({ body: b.name, file: b.file, start: s.start, kind, stmtKey: this.cx.site.idx.tokenKey(s, b.file), conditional: st.inBranch });
  }

  private branch(st: SymState, cond: BoolExpr): SymState {
    const s = cloneState(st);
    s.path = and(st.path, cond);
    s.inBranch = true;
    return s;
  }

  /** A loop: what it writes is havocked before and after; its body runs once for the record. */
  private loop(st: SymState, stmts: Statement[], cond: (s: SymState) => BoolExpr | null, s: Statement): SymState {
    const keys = this.collectKeys(stmts);
    for (const k of keys) this.havoc(st, k);
    const c = cond(st) ?? this.cx.site.atoms.add({ id: `loop:${this.fr.inst ?? ''}|${this.fr.body.name}@${s.start}`, text: 'loop body runs', kind: 'havoc', constraint: null, refs: [], fb: null });
    const inner = this.branch(st, c);
    const after = this.list(inner, stmts, true);
    const out = cloneState(st);
    for (const k of keys) this.havoc(out, k);
    out.afterSkip = st.afterSkip || after.afterSkip;
    return out;
  }

  private collectKeys(stmts: Statement[]): Set<string> {
    const { cx, fr } = this;
    const keys = new Set<string>();
    for (const r of stmts) {
      walk(r, (n) => {
        if (n.kind === 'Assign') {
          const k = frameVarKey(cx, fr, n.target);
          if (k) keys.add(k.key);
        } else if (n.kind === 'Call') {
          for (const k of callWrites(cx, fr, n)) keys.add(k);
        }
        return true;
      });
    }
    return keys;
  }

  /**
   * IF and CASE alike: branch i runs when its condition holds and no earlier one did, the else body when none
   * did; the branch states merge back. Conditions are taken in order, each just before its branch runs.
   */
  private firstMatching(st: SymState, branches: { cond: () => BoolExpr; body: Statement[] }[], elseBody: Statement[] | null | undefined, inLoop: boolean): SymState {
    const conds: BoolExpr[] = [];
    const states: SymState[] = [];
    let none: BoolExpr = TRUE;
    for (const br of branches) {
      const c = br.cond();
      const ci = and(none, c);
      conds.push(ci);
      states.push(this.list(this.branch(st, ci), br.body, inLoop));
      none = and(none, not(c));
    }
    conds.push(none);
    states.push(elseBody ? this.list(this.branch(st, none), elseBody, inLoop) : cloneState(st));
    return mergeStates(st, conds, states, this.cx.nextGen, this.readIn);
  }

  list(st: SymState, list: Statement[], inLoop: boolean): SymState {
    let cur = st;
    for (const s of list) {
      if (cur.dead && s.kind !== 'Label') continue;
      cur = this.stmt(cur, s, inLoop);
    }
    return cur;
  }

  private stmt(st: SymState, s: Statement, inLoop: boolean): SymState {
    const { cx, fr } = this;
    const idx = cx.site.idx;
    switch (s.kind) {
      case 'Assign': {
        const bool = idx.isBool(s.target) && (s.op === ':=' || s.op === 'S=' || s.op === 'R=');
        const v = bool ? boolOf(cx, fr, s.value, st) : null;
        this.write(st, s, s.target, s.op === ':=' || s.op === 'S=' || s.op === 'R=' ? s.op : 'other', v, s);
        return st;
      }
      case 'CallStmt':
        return execCall(cx, fr, st, s.call, s, this.hooks);
      case 'If':
        return this.firstMatching(st, s.branches.map((br) => ({ cond: () => boolOf(cx, fr, br.cond, st), body: br.body })), s.elseBody, inLoop);
      case 'Case': {
        const refs = frameReads(cx, fr, s.selector);
        const branches = s.branches.map((br) => ({ cond: () => or(...br.labels.map((l) => caseAtom(cx, fr, s.selector, l, refs, st))), body: br.body }));
        return this.firstMatching(st, branches, s.elseBody, inLoop);
      }
      case 'For':
        return this.loop(st, s.body, () => null, s);
      case 'While':
        return this.loop(st, s.body, (x) => boolOf(cx, fr, s.cond, x), s);
      case 'Repeat':
        return this.loop(st, s.body, () => null, s);
      case 'Return': {
        this.skip(st, s, 'RETURN');
        fr.exits.push(cloneState(st));
        return { ...cloneState(st), dead: true, afterSkip: true };
      }
      case 'Exit':
      case 'Continue':
        this.skip(st, s, s.kind === 'Exit' ? 'EXIT' : 'CONTINUE');
        if (!inLoop) return st;
        return { ...cloneState(st), dead: true };
      case 'Jmp':
        this.skip(st, s, 'JMP');
        return { ...cloneState(st), dead: true, afterSkip: true };
      case 'Label': {
        const out = cloneState(st);
        out.dead = false;
        out.afterSkip = true;
        this.havocAll(out);
        return out;
      }
      case 'Region':
        return this.list(st, s.body, inLoop);
      case 'RawC':
        this.havocAll(st);
        return st;
      default:
        return st;
    }
  }
}

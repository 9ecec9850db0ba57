import { key, type AnyNode, type Call, type Expression, type Statement } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import { and, exprKey, FALSE, not, or, TRUE, type BoolExpr } from './bool-expr.js';
import type { SiteExec } from './exec-site.js';
import { fbImplications, isSafetyFbType } from './fb-semantics.js';
import type { BodyRef, Callee } from './site-index.js';
import { cloneState, genOf, initialState, mergeStates, underPrefix, type SymState } from './sym-state.js';

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

export interface CallArgInfo {
  param: string;
  text: string;
  value: BoolExpr | null;
  expr: Expression | null;
}

export interface CallSite {
  body: string;
  file: string;
  start: number;
  call: Call;
  callee: Callee;
  path: BoolExpr;
  /** The call runs every scan that the body runs: not under a condition, not after a RETURN or jump. */
  everyScan: boolean;
  args: Map<string, CallArgInfo>;
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

export function runBody(site: SiteExec, body: BodyRef): BodyRun {
  const run: BodyRun = { body, final: initialState(), writes: [], calls: [], skips: [] };
  const counters = new Map<string, number>();
  const nextGen = (k: string): number => {
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    return n;
  };
  const callCount = new Map<string, number>();
  const exits: SymState[] = [];
  const idx = site.idx;
  const show = (n: { start: number; end: number }): string => idx.show(n, body.file);
  const readIn = (k: string, s: SymState): BoolExpr | null => site.read(k, s, site.names.get(k) ?? k.replace(/^.*::/, ''), null);

  const havoc = (st: SymState, k: string): void => {
    st.gen.set(k, nextGen(k));
    for (const sk of [...st.store.keys()]) if (underPrefix(sk, k)) st.store.delete(sk);
  };
  const havocAll = (st: SymState): void => {
    for (const k of site.written) havoc(st, k);
  };

  const write = (st: SymState, node: AnyNode, target: Expression, op: WriteOp, value: BoolExpr | null, stmt: AnyNode): void => {
    const k = idx.varKey(target, body);
    if (!k) return;
    if (!site.names.has(k.key)) site.names.set(k.key, show(target));
    const bool = idx.isBool(target) && !k.weak;
    let next: BoolExpr | null = null;
    if (bool && value) {
      const cur = (): BoolExpr => site.read(k.key, st, show(target), idx.varSym(target, body));
      next = op === 'S=' ? or(cur(), value) : op === 'R=' ? and(cur(), not(value)) : value;
    }
    const trueCond = op === 'R=' ? FALSE : and(st.path, value ?? TRUE);
    run.writes.push({
      body: body.name, file: body.file, start: node.start, op, varKey: k.key, target: show(target), value, valueText: value ? show(node) : '',
      path: st.path, trueCond, everyScan: !st.inBranch && !st.afterSkip, stmtKey: idx.tokenKey(stmt, body.file),
    });
    if (next) st.store.set(k.key, next);
    else havoc(st, k.key);
  };

  const execCall = (st: SymState, call: Call, stmt: AnyNode): void => {
    const c = site.calleeOf(call, body);
    const target = c.kind === 'fb' ? c.type : c.kind === 'pou' ? c.pou : null;
    const params = target?.params ?? [];
    const args = new Map<string, CallArgInfo>();
    const outs: { param: string; value: Expression; negated: boolean; node: AnyNode }[] = [];
    call.args.forEach((a, i) => {
      const p = a.name ? params.find((x) => key(x.name) === key(a.name!.name)) : params[i];
      const param = p ? p.name : a.name ? a.name.name : `#${i + 1}`;
      if (!a.value) return;
      if (a.assign === '=>') {
        outs.push({ param, value: a.value, negated: a.negated, node: a });
        return;
      }
      if (p?.section === 'VAR_IN_OUT') {
        write(st, a, a.value, 'in-out', null, stmt);
        return;
      }
      args.set(key(param), { param, text: show(a.value), value: idx.isBool(a.value) ? site.boolOf(a.value, st, body) : null, expr: a.value });
    });
    run.calls.push({ body: body.name, file: body.file, start: call.start, call, callee: c, path: st.path, everyScan: !st.inBranch && !st.afterSkip, args });
    if (c.kind === 'fb' && c.type.builtin) {
      const n = (callCount.get(c.instKey) ?? 0) + 1;
      callCount.set(c.instKey, n);
      const argsKey = [...args.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([p, a]) => `${p}=${a.value ? exprKey(a.value) : idx.tokenKey(a.expr!, body.file)}`).join(';');
      const impl = fbImplications(c.type.name, (p) => args.get(key(p))?.value ?? null);
      const act = args.get('ACTIVATE')?.value ?? null;
      for (const o of c.type.params) {
        if (o.section !== 'VAR_OUTPUT') continue;
        const ok = `${c.instKey}.${key(o.name)}`;
        const isBool = o.type?.kind === 'elem' && o.type.cls === 'bool';
        if (!isBool) {
          havoc(st, ok);
          continue;
        }
        let constraint = impl.get(key(o.name)) ?? null;
        if (!constraint && isSafetyFbType(c.type.name) && act) constraint = act;
        const argText = new Map([...args.values()].map((a) => [a.param, a.text]));
        const a = site.atoms.add({
          id: `fb:${ok}#${n}{${argsKey}}`, text: `${c.instText}.${o.name}${n > 1 ? ` (call ${n})` : ''}`, kind: 'fb-output', constraint,
          refs: [c.instKey, ...[...args.values()].flatMap((x) => (x.expr ? site.readsOf(x.expr, body) : []))],
          fb: { instKey: c.instKey, type: c.type.name, output: o.name, args: argText, values: new Map([...args].map(([k, x]) => [k, x.value])) },
        });
        st.store.set(ok, a);
      }
    } else if (c.kind === 'fb' || (c.kind === 'pou' && target)) {
      const cb = target ? idx.bodyOf(target) : null;
      if (c.kind === 'fb') havoc(st, c.instKey);
      else if (target && target.pouKind === 'PROGRAM') havoc(st, key(target.name));
      else if (call.callee.kind === 'Member') {
        const ik = idx.varKey(call.callee.object, body);
        if (ik) havoc(st, ik.key);
      }
      if (cb) for (const g of site.globalEffects(cb)) havoc(st, g);
    }
    for (const o of outs) {
      const src = c.kind === 'fb' ? `${c.instKey}.${key(o.param)}` : null;
      const v = src && idx.isBool(o.value) ? site.read(src, st, `${c.kind === 'fb' ? c.instText : ''}.${o.param}`, null) : null;
      write(st, o.node, o.value, '=>', v && o.negated ? not(v) : v, stmt);
    }
  };

  const skip = (st: SymState, s: Statement, kind: SkipSite['kind']): void => {
    run.skips.push({ body: body.name, file: body.file, start: s.start, kind, stmtKey: idx.tokenKey(s, body.file), conditional: st.inBranch });
  };

  const branch = (st: SymState, cond: BoolExpr): SymState => {
    const s = cloneState(st);
    s.path = and(st.path, cond);
    s.inBranch = true;
    return s;
  };

  const loop = (st: SymState, stmts: Statement[], cond: BoolExpr | null, s: Statement): SymState => {
    const keys = new Set<string>();
    for (const w of collectKeys(stmts)) keys.add(w);
    for (const k of keys) havoc(st, k);
    const inner = branch(st, cond ?? site.atoms.add({ id: `loop:${body.name}@${s.start}`, text: 'loop body runs', kind: 'havoc', constraint: null, refs: [], fb: null }));
    const after = execList(inner, stmts, true);
    const out = cloneState(st);
    for (const k of keys) havoc(out, k);
    out.afterSkip = st.afterSkip || after.afterSkip;
    return out;
  };

  const collectKeys = (stmts: Statement[]): Set<string> => {
    const keys = new Set<string>();
    for (const r of stmts) {
      const sub: AnyNode[] = [];
      walk(r, (n) => void sub.push(n));
      for (const n of sub) {
        if (n.kind === 'Assign') {
          const k = idx.varKey(n.target, body);
          if (k) keys.add(k.key);
        } else if (n.kind === 'Call') {
          const c = site.calleeOf(n, body);
          if (c.kind === 'fb') keys.add(c.instKey);
          for (const a of n.args) if (a.value && a.assign === '=>') {
            const k = idx.varKey(a.value, body);
            if (k) keys.add(k.key);
          }
          const t = c.kind === 'fb' ? c.type : c.kind === 'pou' ? c.pou : null;
          const cb = t && !t.builtin ? idx.bodyOf(t) : null;
          if (cb) for (const g of site.globalEffects(cb)) keys.add(g);
        }
      }
    }
    return keys;
  };

  /**
   * IF and CASE alike: branch i runs when its condition holds and no earlier one did, the else body when none
   * did; the branch states merge back. Conditions are taken in order, each just before its branch runs.
   */
  const firstMatching = (st: SymState, branches: { cond: () => BoolExpr; body: Statement[] }[], elseBody: Statement[] | null | undefined, inLoop: boolean): SymState => {
    const conds: BoolExpr[] = [];
    const states: SymState[] = [];
    let none: BoolExpr = TRUE;
    for (const br of branches) {
      const c = br.cond();
      const ci = and(none, c);
      conds.push(ci);
      states.push(execList(branch(st, ci), br.body, inLoop));
      none = and(none, not(c));
    }
    conds.push(none);
    states.push(elseBody ? execList(branch(st, none), elseBody, inLoop) : cloneState(st));
    return mergeStates(st, conds, states, nextGen, readIn);
  };

  const execList = (st: SymState, list: Statement[], inLoop: boolean): SymState => {
    let cur = st;
    for (const s of list) {
      if (cur.dead && s.kind !== 'Label') continue;
      cur = execStmt(cur, s, inLoop);
    }
    return cur;
  };

  const execStmt = (st: SymState, s: Statement, inLoop: boolean): SymState => {
    switch (s.kind) {
      case 'Assign': {
        const bool = idx.isBool(s.target) && (s.op === ':=' || s.op === 'S=' || s.op === 'R=');
        const v = bool ? site.boolOf(s.value, st, body) : null;
        write(st, s, s.target, s.op === ':=' || s.op === 'S=' || s.op === 'R=' ? s.op : 'other', v, s);
        return st;
      }
      case 'CallStmt':
        execCall(st, s.call, s);
        return st;
      case 'If':
        return firstMatching(st, s.branches.map((br) => ({ cond: () => site.boolOf(br.cond, st, body), body: br.body })), s.elseBody, inLoop);
      case 'Case': {
        const selText = show(s.selector);
        const refs = site.readsOf(s.selector, body);
        const gens = refs.map((r) => genOf(st, r)).join(',');
        const branches = s.branches.map((br) => ({
          cond: () =>
            or(
              ...br.labels.map((l) => {
                const lt = show(l);
                return site.atoms.add({ id: `case:${key(body.owner.name)}|${idx.tokenKey(s.selector, body.file)}=${lt.toUpperCase()}@${gens}`, text: `${selText} = ${lt}`, kind: 'expr', constraint: null, refs, fb: null });
              }),
            ),
          body: br.body,
        }));
        return firstMatching(st, branches, s.elseBody, inLoop);
      }
      case 'For':
        return loop(st, s.body, null, s);
      case 'While':
        return loop(st, s.body, site.boolOf(s.cond, st, body), s);
      case 'Repeat':
        return loop(st, s.body, null, s);
      case 'Return': {
        skip(st, s, 'RETURN');
        exits.push(cloneState(st));
        const out = cloneState(st);
        out.dead = true;
        out.afterSkip = true;
        return out;
      }
      case 'Exit':
      case 'Continue':
        skip(st, s, s.kind === 'Exit' ? 'EXIT' : 'CONTINUE');
        if (!inLoop) return st;
        return { ...cloneState(st), dead: true };
      case 'Jmp': {
        skip(st, s, 'JMP');
        const out = cloneState(st);
        out.dead = true;
        out.afterSkip = true;
        return out;
      }
      case 'Label': {
        const out = cloneState(st);
        out.dead = false;
        out.afterSkip = true;
        havocAll(out);
        return out;
      }
      case 'Region':
        return execList(st, s.body, inLoop);
      case 'RawC': {
        havocAll(st);
        return st;
      }
      default:
        return st;
    }
  };

  const fall = execList(initialState(), body.statements, false);
  if (exits.length === 0) run.final = fall;
  else {
    const all = [...exits, fall];
    run.final = mergeStates(fall.dead ? exits[0]! : fall, all.map((s) => s.path), all, nextGen, readIn);
  }
  return run;
}

import { ite, TRUE, type BoolExpr } from './bool-expr.js';

/**
 * The symbolic state of one body during a scan: the Boolean value of every variable written so far (an
 * expression over atoms), a generation per variable for values the analysis does not track (integers,
 * havocked variables), the path condition, and whether execution still reaches this point.
 */
export interface SymState {
  store: Map<string, BoolExpr>;
  /** Generation per variable key or key prefix (an FB instance, a program): 0 = unchanged since scan start. */
  gen: Map<string, number>;
  path: BoolExpr;
  dead: boolean;
  /** Under an IF, CASE or loop. */
  inBranch: boolean;
  /** A RETURN, JMP or label came before in the body: what follows may be skipped. */
  afterSkip: boolean;
}

export function initialState(): SymState {
  return { store: new Map(), gen: new Map(), path: TRUE, dead: false, inBranch: false, afterSkip: false };
}

export function cloneState(s: SymState): SymState {
  return { store: new Map(s.store), gen: new Map(s.gen), path: s.path, dead: s.dead, inBranch: s.inBranch, afterSkip: s.afterSkip };
}

/** The generation a key currently has, taking havocked prefixes (`INST` covers `INST.Q`) into account. */
export function genOf(s: SymState, k: string): number {
  let g = s.gen.get(k) ?? 0;
  for (let i = k.lastIndexOf('.'); i > 0; i = k.lastIndexOf('.', i - 1)) g = Math.max(g, s.gen.get(k.slice(0, i)) ?? 0);
  const c = k.indexOf('::');
  if (c > 0) g = Math.max(g, s.gen.get(k.slice(0, c)) ?? 0);
  return g;
}

/** Whether store key `k` lies under prefix `p` (the key itself, a member, or a POU's variable). */
export function underPrefix(k: string, p: string): boolean {
  return k === p || k.startsWith(`${p}.`) || k.startsWith(`${p}::`);
}

/**
 * Joins the states at the end of an IF or CASE: branch i was taken under `conds[i]` (each already excluding
 * the earlier ones); the last state is the fall-through (ELSE or no branch taken). Dead branches drop out.
 */
export function mergeStates(
  base: SymState,
  conds: BoolExpr[],
  states: SymState[],
  nextGen: (k: string) => number,
  readIn: (k: string, s: SymState) => BoolExpr | null,
): SymState {
  const live = states.map((s, i) => ({ s, c: conds[i] ?? TRUE })).filter((x) => !x.s.dead);
  const out = cloneState(base);
  if (live.length === 0) {
    out.dead = true;
    return out;
  }
  out.afterSkip = states.some((s) => s.afterSkip) || base.afterSkip;
  const keys = new Set<string>();
  for (const { s } of live) for (const k of s.store.keys()) keys.add(k);
  const gkeys = new Set<string>();
  for (const { s } of live) for (const [k, g] of s.gen) if (g !== (base.gen.get(k) ?? 0)) gkeys.add(k);
  for (const k of gkeys) {
    const gs = new Set(live.map(({ s }) => s.gen.get(k) ?? 0));
    out.gen.set(k, gs.size === 1 ? [...gs][0]! : nextGen(k));
  }
  for (const k of keys) {
    // A branch that left the variable alone contributes the value it had there (possibly havocked).
    const vals = live.map(({ s }) => s.store.get(k) ?? readIn(k, s));
    if (vals.some((v) => v === null)) {
      out.store.delete(k);
      out.gen.set(k, nextGen(k));
      continue;
    }
    let v = vals[vals.length - 1]!;
    for (let i = live.length - 2; i >= 0; i--) v = ite(live[i]!.c, vals[i]!, v);
    out.store.set(k, v);
  }
  for (const sk of [...out.store.keys()]) if (!keys.has(sk)) out.store.delete(sk);
  return out;
}

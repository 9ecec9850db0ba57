import type { SiteSafety } from '../../src-shared/model/site.js';
import { key } from '../plc/st/ast.js';
import { and, atom, FALSE, or, positiveAtoms, substitute, TRUE, type BoolExpr } from './bool-expr.js';
import { AtomTable, type AtomInfo } from './atoms.js';
import { decideImplies } from './decide.js';
import type { VersionAnalysis } from './guard-analysis.js';
import { RESTART_INTERLOCK_BLOCKS, sfPinRole } from '../safety-blocks/index.js';

/**
 * Restart interlocks: FB outputs that, once a demand has switched them off, come back only after a manual reset.
 * Two forms count: an RS/SR latch whose set needs an edge of the site's reset input (the hand-written form), and
 * a PLCopen block with a restart interlock (SF_EmergencyStop, SF_ESPE, SF_GuardMonitoring) wired for manual
 * reset: S_AutoReset and S_StartReset FALSE or open, and Reset driven by the reset input or an edge of it. The
 * rules compare versions over these, so replacing the latch by such a block is not a lost interlock.
 */
export interface RestartInterlock {
  atomId: string;
  kind: 'latch' | 'sf-block';
  /** `rsSafetyOK.Q1 (RS)`, `fbEStop.S_EStopOut (SF_EmergencyStop)`. */
  what: string;
  /** E-stop and guard inputs whose demand switches the output off (implied by it in the same scan). */
  monitors: string[];
  /** What the output guarantees in the scan it is TRUE (its atom's constraint). */
  constraint: BoolExpr;
  /** The interlock's value at the end of the scan: its output atom, or a latch variable's symbolic value. */
  value: BoolExpr;
}

/** Atoms that are a rising or falling edge of the reset input (R_TRIG / F_TRIG on it). */
export function resetEdgeAtoms(v: VersionAnalysis, reset: string): BoolExpr[] {
  const out: BoolExpr[] = [];
  for (const a of v.exec.atoms.atoms.values()) {
    if (!a.fb || !/^[RF]_TRIG$/i.test(a.fb.type)) continue;
    const clk = a.fb.args.get('CLK');
    const value = a.fb.values.get('CLK');
    // By text, or by value: a trigger inside a user FB whose CLK parameter the caller wires to the reset.
    if ((clk && key(clk) === key(reset)) || (value?.k === 'atom' && value.id === `v:${key(reset)}`)) out.push(atom(a.id));
  }
  return out;
}

const LATCH_SET = ['S', 'SET', 'S1', 'SET1'];

/**
 * How the output is reset, if by hand: a latch needs an edge of the reset input to set (its level would set it
 * on a held or stuck button); an SF block does its own edge and static-Reset detection, so the level will do.
 */
function manualReset(v: VersionAnalysis, a: AtomInfo, reset: string): 'latch' | 'sf-block' | null {
  const fb = a.fb!;
  const edges = resetEdgeAtoms(v, reset);
  const implies = (x: BoolExpr, signal: BoolExpr): boolean => signal.k !== 'const' && decideImplies(x, signal, v.exec.atoms.constraintOf).status === 'holds';
  if (/^(RS|SR)$/i.test(fb.type) && /^Q1$/i.test(fb.output)) {
    const set = LATCH_SET.map((p) => fb.values.get(p)).find((x) => x) ?? null;
    return set && implies(set, or(...edges)) ? 'latch' : null;
  }
  const enabling = RESTART_INTERLOCK_BLOCKS[key(fb.type)];
  if (!enabling || key(enabling) !== key(fb.output)) return null;
  for (const [pin, value] of fb.values) {
    if (sfPinRole(fb.type, pin) === 'restart' && !(value?.k === 'const' && !value.v)) return null;
  }
  const level = `v:${key(reset)}`;
  const r = fb.values.get('RESET');
  return r && r.k !== 'const' && implies(r, or(...(v.exec.atoms.atoms.has(level) ? [atom(level)] : []), ...edges)) ? 'sf-block' : null;
}

/** Every restart interlock of a version, for the site's reset input (none without one). */
export function restartInterlocks(v: VersionAnalysis, safety: SiteSafety): RestartInterlock[] {
  const reset = safety.reset;
  if (!reset) return [];
  const inputs = [...safety.estops, ...safety.guards];
  const out: RestartInterlock[] = [];
  for (const a of v.exec.atoms.atoms.values()) {
    if (!a.fb) continue;
    const kind = manualReset(v, a, reset);
    if (!kind) continue;
    const constraint = a.constraint ?? { k: 'const', v: true };
    const monitors = inputs.filter((i) => decideImplies(constraint, atom(AtomTable.inputId(i)), v.exec.atoms.constraintOf).status === 'holds');
    out.push({ atomId: a.id, kind, what: `${a.text} (${a.fb.type})`, monitors, constraint, value: atom(a.id) });
  }
  out.push(...selfLatches(v, reset, inputs));
  return out;
}

/**
 * Latches written as statements (IF NOT healthy THEN x := FALSE ELSIF reset edge THEN x := TRUE): a variable
 * whose value at the end of the scan holds its previous value and is set only by an edge of the reset input.
 * Its previous value (the atom `v:X`) stands for "reset since the last demand" of every input that clears it.
 */
function selfLatches(v: VersionAnalysis, reset: string, inputs: string[]): RestartInterlock[] {
  const out: RestartInterlock[] = [];
  const edges = resetEdgeAtoms(v, reset);
  if (!edges.length) return out;
  const c = v.exec.atoms.constraintOf;
  for (const sc of v.exec.scans) {
    for (const [k, val] of sc.final.store) {
      const self = `v:${k}`;
      if (!positiveAtoms(val).has(self) || out.some((l) => l.atomId === self)) continue;
      const set = substitute(val, new Map([[self, FALSE]]));
      if (set.k === 'const' || decideImplies(set, or(...edges), c).status !== 'holds') continue;
      const monitors = inputs.filter((i) => decideImplies(val, atom(AtomTable.inputId(i)), c).status === 'holds');
      out.push({ atomId: self, kind: 'latch', what: `latch ${v.exec.names.get(k) ?? k} (statements)`, monitors, constraint: TRUE, value: val });
    }
  }
  return out;
}

/** The abstract fact "manually reset since the last demand of this input", shared by both versions. */
export function resetSinceDemandId(input: string): string {
  return `reset-since-demand:${key(input)}`;
}

/**
 * The version's interlock outputs replaced by what they stand for: reset since the last demand of each input
 * they monitor, plus what they guarantee in the scan. An interlock that monitors nothing is left as it is.
 */
export function interlockAbstraction(v: VersionAnalysis, safety: SiteSafety): Map<string, BoolExpr> {
  const m = new Map<string, BoolExpr>();
  for (const i of restartInterlocks(v, safety)) {
    if (!i.monitors.length) continue;
    m.set(i.atomId, i.constraint.k === 'const' && !i.constraint.v ? FALSE : and(...i.monitors.map((x) => atom(resetSinceDemandId(x))), i.constraint));
  }
  return m;
}

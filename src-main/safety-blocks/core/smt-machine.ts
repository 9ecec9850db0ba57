/**
 * The SMT counterpart of state-machine.ts: the rules every modelled PLCopen block shares, over the abstract
 * algebra of smt-algebra.ts. The state is the DiagCode, one transition per call, outputs from the state reached
 * in that call, Activate FALSE forces Idle, Reset acts on a rising edge and a consumed edge that is still held is
 * no static Reset. It is written independently of the soft-PLC core on purpose; the differential test in
 * tests/unit/formal/safety-fb-models.test.ts drives both with the same inputs and compares every output.
 */
import type { SmtAlgebra, SmtPin, SmtVal } from './smt-algebra.js';

export const SMT_BOOL: SmtPin = { shape: { t: 'bool' }, type: 'BOOL' };
export const SMT_WORD: SmtPin = { shape: { t: 'bv', bits: 16, signed: false }, type: 'WORD' };
export const SMT_TIME: SmtPin = { shape: { t: 'bv', bits: 32, signed: true }, type: 'TIME' };
/** A state timer: the clock value when the state was entered. */
export const SMT_CLOCK: SmtPin = { shape: { t: 'clock' }, type: 'TIME' };

/** Private state beside the pins; the leading `_` keeps them apart from anything ST can name. */
export const SMT_PRIVATE: Readonly<Record<string, SmtPin>> = { _STATE: SMT_WORD, _PREV_RESET: SMT_BOOL, _RESET_USED: SMT_BOOL };
/** The private state of a block without a Reset input (the soft-PLC's Reset edge flags stay FALSE there). */
export const SMT_PRIVATE_NO_RESET: Readonly<Record<string, SmtPin>> = { _STATE: SMT_WORD };

/** The next state and whether this call consumed a rising Reset edge (only where the transition used it). */
export interface Transition<B, V> {
  to: V;
  consumed: B;
}

/** What a transition function sees in one call: the inputs, the state at its start and the timer of that state. */
export interface SmtCall<B, V> {
  a: SmtAlgebra<B, V>;
  b(pin: string): B;
  bv(pin: string): V;
  state: V;
  at(code: number): B;
  code(n: number): V;
  /** Rising edge of Reset since the previous call. */
  rise: B;
  /** Rising edge of another input the block lists in `edges`. */
  riseOf(pin: string): B;
  /** Reset TRUE and not the held tail of a consumed edge. */
  resetHeld: B;
  /** Clock time since the current state was entered (0 for a block without a state timer). */
  elapsed: V;
}

/** The SMT model of one block: its pins (upper-case) and private state, enabling output and transitions. */
export interface SmtModel {
  pins: Readonly<Record<string, SmtPin>>;
  /** The enabling output, TRUE only in 16#8000. */
  output: string;
  /** Further (non-error) outputs and the states in which each is TRUE (SF_SafetyRequest's S_SafetyRequest). */
  also?: Readonly<Record<string, readonly number[]>>;
  init: number;
  /** Inputs besides Reset whose rising edges the block uses; each needs a `_PREV_<pin>` Boolean in `pins`. */
  edges?: readonly string[];
  next<B, V>(c: SmtCall<B, V>): Transition<B, V>;
}

/** A chain of `state = code -> next` arms (first match wins) with a default for every other state. */
export function byState<B, V>(c: SmtCall<B, V>, arms: readonly [number, Transition<B, V>][], dflt: Transition<B, V>): Transition<B, V> {
  const { a } = c;
  const matched = a.or(...arms.map(([s]) => c.at(s)));
  let to = dflt.to;
  let consumed = a.and(a.not(matched), dflt.consumed);
  for (let i = arms.length - 1; i >= 0; i--) {
    const [s, t] = arms[i]!;
    to = a.ite(c.at(s), t.to, to);
    consumed = a.or(a.and(c.at(s), t.consumed), consumed);
  }
  return { to, consumed };
}

/**
 * One call of a modelled block: reads its pins and private state through `read` (this call's inputs already
 * written) and returns the new value of every output and state field.
 */
export function stepSmtModel<B, V>(a: SmtAlgebra<B, V>, m: SmtModel, read: (pin: string) => SmtVal<B, V>, now: V): Map<string, SmtVal<B, V>> {
  const b = (pin: string): B => (read(pin) as Extract<SmtVal<B, V>, { t: 'bool' }>).v;
  const bv = (pin: string): V => (read(pin) as Extract<SmtVal<B, V>, { t: 'bv' }>).v;
  const code = (n: number): V => a.bv(n, 16);
  const bool = (v: B): SmtVal<B, V> => ({ t: 'bool', v });
  const word = (v: V): SmtVal<B, V> => ({ t: 'bv', v, bits: 16, signed: false });
  const state = bv('_STATE');
  const act = b('ACTIVATE');
  // A block without Reset (the two-hand controls, SF_Equivalent, SF_Antivalent): no edge, never a static Reset.
  const hasReset = 'RESET' in m.pins;
  const reset = hasReset ? b('RESET') : a.bool(false);
  const used = hasReset ? b('_RESET_USED') : a.bool(false);
  const hasTimer = '_T0' in m.pins;
  const t0 = hasTimer ? bv('_T0') : null;
  const c: SmtCall<B, V> = {
    a,
    b,
    bv,
    state,
    at: (n) => a.eq(state, code(n)),
    code,
    rise: hasReset ? a.and(reset, a.not(b('_PREV_RESET'))) : a.bool(false),
    riseOf: (pin) => a.and(b(pin), a.not(b(`_PREV_${pin}`))),
    resetHeld: a.and(reset, a.not(used)),
    elapsed: t0 ? a.sub(now, t0) : a.bv(0, a.clockBits),
  };
  const idle = c.at(0);
  const t = m.next(c);
  const to = a.ite(idle, code(m.init), t.to);
  const next = a.ite(act, to, code(0));
  const isError = a.eq(a.bvAnd(to, code(0xc000)), code(0xc000));
  const out = new Map<string, SmtVal<B, V>>();
  out.set('_STATE', word(next));
  out.set('DIAGCODE', word(next));
  out.set('READY', bool(act));
  out.set('ERROR', bool(a.and(act, isError)));
  out.set(m.output, bool(a.and(act, a.eq(to, code(0x8000)))));
  for (const [pin, states] of Object.entries(m.also ?? {})) out.set(pin, bool(a.and(act, a.or(...states.map((s) => a.eq(to, code(s)))))));
  for (const pin of m.edges ?? []) out.set(`_PREV_${pin}`, bool(b(pin)));
  if (hasReset) {
    out.set('_PREV_RESET', bool(reset));
    out.set('_RESET_USED', bool(a.and(reset, a.or(used, a.and(act, a.not(idle), t.consumed)))));
  }
  if (t0) {
    const entered = a.or(idle, a.not(a.eq(to, state)));
    out.set('_T0', { t: 'bv', v: a.ite(act, a.ite(entered, now, t0), a.bv(0, a.clockBits)), bits: a.clockBits, signed: false });
  }
  return out;
}

import { CLOCK_BITS } from './encoder.js';
import { boolVal, bvVal, type Shape, type Val } from './values.js';
import type { Z, ZBool, ZBv } from './z3-context.js';

/**
 * Formal models of the PLCopen Safety blocks SF_EmergencyStop, SF_ESPE and SF_GuardMonitoring (TC5 Safety Part 1
 * v2.01), written after the soft-PLC's `sim/safety` state machines: the state is the DiagCode, one transition per
 * call, outputs from the state reached in that call, Activate FALSE forces Idle, Reset acts on a rising edge and a
 * consumed edge that is still held is no static Reset. Both implementations are kept independent on purpose; the
 * differential test in tests/unit/formal drives them with the same inputs and compares every output. Any other SF
 * block has no model here, so a program using it stays unsupported and is never proved.
 */

const B: Shape = { t: 'bool' };
const WORD: Shape = { t: 'bv', bits: 16, signed: false };
const TIME: Shape = { t: 'bv', bits: 32, signed: true };
const CLOCK: Shape = { t: 'bv', bits: CLOCK_BITS, signed: false };

export interface SafetyPin {
  shape: Shape;
  /** IEC type, as traces show it. */
  type: string;
}

const bool: SafetyPin = { shape: B, type: 'BOOL' };
const word: SafetyPin = { shape: WORD, type: 'WORD' };

/** Private state beside the pins; the leading `_` keeps them apart from anything ST can name. */
const PRIVATE: Readonly<Record<string, SafetyPin>> = { _STATE: word, _PREV_RESET: bool, _RESET_USED: bool };

const restartPins = (input: string, output: string): Record<string, SafetyPin> => ({
  ACTIVATE: bool, [input]: bool, S_STARTRESET: bool, S_AUTORESET: bool, RESET: bool,
  READY: bool, [output]: bool, ERROR: bool, DIAGCODE: word, ...PRIVATE,
});

interface SafetyModel {
  pins: Readonly<Record<string, SafetyPin>>;
  /** The enabling output, TRUE only in 16#8000. */
  output: string;
  init: number;
  next(c: Call): Transition;
}

/** The next state and whether this call consumed a rising Reset edge (only where the transition used it). */
interface Transition {
  to: ZBv;
  consumed: ZBool;
}

/** What a transition function sees in one call: the inputs, the state at its start and the timer of that state. */
interface Call {
  z: Z;
  b(pin: string): ZBool;
  bv(pin: string): ZBv;
  state: ZBv;
  at(code: number): ZBool;
  code(n: number): ZBv;
  /** Rising edge of Reset since the previous call. */
  rise: ZBool;
  /** Reset TRUE and not the held tail of a consumed edge. */
  resetHeld: ZBool;
  elapsed: ZBv;
}

/** A chain of `state = code -> next` arms (first match wins) with a default for every other state. */
function byState(c: Call, arms: readonly [number, Transition][], dflt: Transition): Transition {
  const z = c.z;
  const matched = z.Or(...arms.map(([s]) => c.at(s)));
  let to = dflt.to;
  let consumed = z.And(z.Not(matched), dflt.consumed);
  for (let i = arms.length - 1; i >= 0; i--) {
    const [s, t] = arms[i]!;
    to = z.If(c.at(s), t.to, to);
    consumed = z.Or(z.And(c.at(s), t.consumed), consumed);
  }
  return { to, consumed };
}

function restartInterlock(input: string, output: string): SafetyModel {
  return {
    pins: restartPins(input, output),
    output,
    init: 0x8001,
    next(c) {
      const { z } = c;
      const inOk = c.b(input);
      const no = z.Bool.val(false);
      const go = (to: ZBv, consumed: ZBool = no): Transition => ({ to, consumed });
      const pick = (cond: ZBool, a: number, b: number): ZBv => z.If(cond, c.code(a), c.code(b));
      const autoOrEdge = z.Or(c.b('S_AUTORESET'), c.rise);
      return byState(
        c,
        [
          [0x8001, go(pick(z.And(c.b('S_STARTRESET'), inOk), 0x8000, 0x8802))],
          [0x8802, go(z.If(c.resetHeld, c.code(0xc001), pick(inOk, 0x8402, 0x8802)))],
          [0x8402, go(z.If(z.Not(inOk), c.code(0x8802), pick(c.rise, 0x8000, 0x8402)), z.And(inOk, c.rise))],
          [0x8000, go(pick(inOk, 0x8000, 0x8804))],
          [0x8804, go(z.If(c.resetHeld, c.code(0xc011), pick(inOk, 0x8404, 0x8804)))],
          [0x8404, go(z.If(z.Not(inOk), c.code(0x8804), pick(autoOrEdge, 0x8000, 0x8404)), z.And(inOk, z.Not(c.b('S_AUTORESET')), c.rise))],
          [0xc001, go(pick(c.b('RESET'), 0xc001, 0x8802))],
          [0xc011, go(pick(c.b('RESET'), 0xc011, 0x8804))],
        ],
        go(c.code(0x8001)),
      );
    },
  };
}

const GUARD: SafetyModel = {
  pins: {
    ACTIVATE: bool, S_GUARDSWITCH1: bool, S_GUARDSWITCH2: bool, DISCREPANCYTIME: { shape: TIME, type: 'TIME' },
    S_STARTRESET: bool, S_AUTORESET: bool, RESET: bool, READY: bool, S_GUARDMONITORING: bool, ERROR: bool, DIAGCODE: word,
    ...PRIVATE, _T0: { shape: CLOCK, type: 'TIME' },
  },
  output: 'S_GUARDMONITORING',
  init: 0x8001,
  next(c) {
    const { z, code } = c;
    const s1 = c.b('S_GUARDSWITCH1');
    const s2 = c.b('S_GUARDSWITCH2');
    const open = z.And(z.Not(s1), z.Not(s2));
    const closed = z.And(s1, s2);
    const disc = c.bv('DISCREPANCYTIME').signExt(CLOCK_BITS - 32);
    const timedOut = c.elapsed.sge(disc);
    const no = z.Bool.val(false);
    const go = (to: ZBv, consumed: ZBool = no): Transition => ({ to, consumed });
    const leave = z.If(open, code(0x8804), code(0x8802));
    const waiting = (self: number, other: number, mine: ZBool, theirs: ZBool, err: number): ZBv =>
      z.If(z.Not(mine), z.If(theirs, code(other), code(0x8804)), z.If(theirs, code(0x8002), z.If(timedOut, code(err), code(self))));
    return byState(
      c,
      [
        [0x8001, go(z.If(z.And(closed, c.b('S_STARTRESET')), code(0x8000), code(0x8802)))],
        [0x8802, go(z.If(open, code(0x8804), code(0x8802)))],
        [0x8804, go(z.If(closed, code(0x8002), z.If(s1, code(0x8806), z.If(s2, code(0x8808), code(0x8804)))))],
        [0x8806, go(waiting(0x8806, 0x8808, s1, s2, 0xc010))],
        [0x8808, go(waiting(0x8808, 0x8806, s2, s1, 0xc020))],
        [0x8002, go(z.If(z.Not(closed), leave, z.If(c.b('S_AUTORESET'), code(0x8000), code(0x8402))))],
        [0x8402, go(z.If(z.Not(closed), leave, z.If(c.rise, code(0x8000), z.If(z.And(c.resetHeld, z.Not(c.rise)), code(0xc001), code(0x8402)))), z.And(closed, c.rise))],
        [0x8000, go(z.If(closed, code(0x8000), leave))],
        [0xc001, go(z.If(c.b('RESET'), code(0xc001), code(0x8402)))],
      ],
      // C010 / C020: left by a rising Reset once the guard is completely open again.
      { to: z.If(z.And(open, c.rise), code(0x8804), c.state), consumed: z.And(open, c.rise) },
    );
  },
};

const MODELS: Readonly<Record<string, SafetyModel>> = {
  SF_EMERGENCYSTOP: restartInterlock('S_ESTOPIN', 'S_ESTOPOUT'),
  SF_ESPE: restartInterlock('S_ESPE_IN', 'S_ESPE_OUT'),
  SF_GUARDMONITORING: GUARD,
};

export function hasSafetyModel(typeKey: string): boolean {
  return typeKey in MODELS;
}

/** The shape and type of a pin or private state field of a modelled SF block, or null. */
export function safetyPin(typeKey: string, pin: string): SafetyPin | null {
  return MODELS[typeKey]?.pins[pin] ?? null;
}

export const SAFETY_ABSTRACTION =
  'SF_EmergencyStop, SF_ESPE and SF_GuardMonitoring: the PLCopen v2.01 state machines exactly as the soft-PLC runs them (DiagCode as state, reset on a rising Reset edge, static-Reset errors); the discrepancy timer uses the free scan time like TON';

/**
 * One call of a modelled SF block: reads its pins and private state through `read` (this call's inputs already
 * written) and returns the new value of every output and state field.
 */
export function stepSafetyFb(z: Z, typeKey: string, read: (pin: string) => Val, now: ZBv): Map<string, Val> {
  const m = MODELS[typeKey];
  if (!m) throw new Error(`formal: no model of ${typeKey}`);
  const b = (pin: string): ZBool => (read(pin) as Extract<Val, { t: 'bool' }>).v;
  const bv = (pin: string): ZBv => (read(pin) as Extract<Val, { t: 'bv' }>).v;
  const code = (n: number): ZBv => z.BitVec.val(n, 16);
  const state = bv('_STATE');
  const act = b('ACTIVATE');
  const reset = b('RESET');
  const used = b('_RESET_USED');
  const hasTimer = '_T0' in m.pins;
  const t0 = hasTimer ? bv('_T0') : null;
  const c: Call = {
    z,
    b,
    bv,
    state,
    at: (n) => state.eq(code(n)),
    code,
    rise: z.And(reset, z.Not(b('_PREV_RESET'))),
    resetHeld: z.And(reset, z.Not(used)),
    elapsed: t0 ? now.sub(t0) : z.BitVec.val(0, CLOCK_BITS),
  };
  const idle = c.at(0);
  const t = m.next(c);
  const to = z.If(idle, code(m.init), t.to);
  const next = z.If(act, to, code(0));
  const isError = to.and(code(0xc000)).eq(code(0xc000));
  const out = new Map<string, Val>();
  out.set('_STATE', bvVal(next, 16, false));
  out.set('DIAGCODE', bvVal(next, 16, false));
  out.set('READY', boolVal(act));
  out.set('ERROR', boolVal(z.And(act, isError)));
  out.set(m.output, boolVal(z.And(act, to.eq(code(0x8000)))));
  out.set('_PREV_RESET', boolVal(reset));
  out.set('_RESET_USED', boolVal(z.And(reset, z.Or(used, z.And(act, z.Not(idle), t.consumed)))));
  if (t0) {
    const entered = z.Or(idle, z.Not(to.eq(state)));
    out.set('_T0', bvVal(z.If(act, z.If(entered, now, t0), z.BitVec.val(0, CLOCK_BITS)), CLOCK_BITS, false));
  }
  return out;
}

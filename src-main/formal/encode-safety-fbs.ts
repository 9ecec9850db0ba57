import { SMT_MODELS, stepSmtModel, type SmtAlgebra, type SmtPin, type SmtVal } from '../safety-blocks/index.js';
import { CLOCK_BITS } from './encoder.js';
import type { Shape, Val } from './values.js';
import type { Z, ZBool, ZBv } from './z3-context.js';

/**
 * formal/'s adapter to the SMT models of the PLCopen Safety blocks (safety-blocks/<block>/smt-model.ts; today
 * SF_EmergencyStop, SF_ESPE, SF_GuardMonitoring, SF_SafetyRequest, SF_TwoHandControlTypeII,
 * SF_TwoHandControlTypeIII, SF_Equivalent, SF_Antivalent, SF_EDM and SF_OutControl): the models are written against an abstract Boolean and
 * bit-vector algebra, implemented here with z3, and their pins get formal's shapes (the clock is CLOCK_BITS wide).
 * The models are kept independent of the soft-PLC's on purpose; the differential test in tests/unit/formal drives
 * both with the same inputs and compares every output. Any other SF block has no model: the encoder leaves its
 * outputs free each call (a stated havoc), which is sound but proves less.
 */

export interface SafetyPin {
  shape: Shape;
  /** IEC type, as traces show it. */
  type: string;
}

const CLOCK: Shape = { t: 'bv', bits: CLOCK_BITS, signed: false };

const toSafetyPin = (p: SmtPin): SafetyPin => ({ shape: p.shape.t === 'clock' ? CLOCK : p.shape, type: p.type });

const PINS: ReadonlyMap<string, Readonly<Record<string, SafetyPin>>> = new Map(
  [...SMT_MODELS].map(([k, m]) => [k, Object.fromEntries(Object.entries(m.pins).map(([p, s]) => [p, toSafetyPin(s)]))]),
);

/** The abstract algebra of the models, in z3 terms. */
function z3Algebra(z: Z): SmtAlgebra<ZBool, ZBv> {
  return {
    clockBits: CLOCK_BITS,
    bool: (v) => z.Bool.val(v),
    and: (...xs) => z.And(...xs),
    or: (...xs) => z.Or(...xs),
    not: (x) => z.Not(x),
    ite: (c, a, b) => z.If(c, a, b),
    bv: (v, bits) => z.BitVec.val(v, bits),
    eq: (a, b) => a.eq(b),
    bvAnd: (a, b) => a.and(b),
    sub: (a, b) => a.sub(b),
    sge: (a, b) => a.sge(b),
    signExt: (a, n) => a.signExt(n),
  };
}

export function hasSafetyModel(typeKey: string): boolean {
  return SMT_MODELS.has(typeKey);
}

/** The shape and type of a pin or private state field of a modelled SF block, or null. */
export function safetyPin(typeKey: string, pin: string): SafetyPin | null {
  return PINS.get(typeKey)?.[pin] ?? null;
}

export const SAFETY_ABSTRACTION =
  'SF_EmergencyStop, SF_ESPE, SF_GuardMonitoring, SF_SafetyRequest, SF_TwoHandControlTypeII, SF_TwoHandControlTypeIII, SF_Equivalent, SF_Antivalent, SF_EDM and SF_OutControl: ' +
  'the PLCopen v2.01 state machines exactly as the soft-PLC runs them (DiagCode as state, reset on a rising Reset edge, static-Reset errors, rising edges of S_OutControl / ProcessControl); ' +
  'the discrepancy, feedback/acknowledge-monitoring and two-hand synchronisation timers use the free scan time like TON';

/**
 * One call of a modelled SF block: reads its pins and private state through `read` (this call's inputs already
 * written) and returns the new value of every output and state field.
 */
export function stepSafetyFb(z: Z, typeKey: string, read: (pin: string) => Val, now: ZBv): Map<string, Val> {
  const m = SMT_MODELS.get(typeKey);
  if (!m) throw new Error(`formal: no model of ${typeKey}`);
  return stepSmtModel(z3Algebra(z), m, (pin) => read(pin) as SmtVal<ZBool, ZBv>, now);
}

import { CLOCK_BITS, type CellInfo, type Encoder } from './encoder.js';
import { hasSafetyModel, SAFETY_ABSTRACTION, safetyPin, stepSafetyFb } from './encode-safety-fbs.js';
import { boolVal, bvVal, constOf, type Shape, type Val } from './values.js';
import type { ZBool, ZBv } from './z3-context.js';

/**
 * Formal models of the IEC standard function blocks, written after the soft-PLC's `std-fbs.ts` line by line.
 * R_TRIG, F_TRIG, SR, RS, CTU, CTD and CTUD are exact. TON, TOF and TP use the soft-PLC's formulas over the
 * symbolic time `now`, which advances by a free non-negative duration each scan: a timer output can only
 * change when its input history allows it (TON.Q only after IN has been TRUE continuously since START, and
 * FALSE whenever IN is FALSE), but the elapsed time is any value, so every scan-time jitter is covered.
 */

const B: Shape = { t: 'bool' };
const TIME: Shape = { t: 'bv', bits: 32, signed: true };
const INT: Shape = { t: 'bv', bits: 16, signed: true };
const T64: Shape = { t: 'bv', bits: CLOCK_BITS, signed: false };

const TIMER = { IN: B, PT: TIME, Q: B, ET: TIME, M: B, START: T64 } as const;
const PINS: Readonly<Record<string, Readonly<Record<string, Shape>>>> = {
  TON: TIMER,
  TOF: TIMER,
  TP: { ...TIMER, RUN: B },
  R_TRIG: { CLK: B, Q: B, M: B },
  F_TRIG: { CLK: B, Q: B, M: B },
  SR: { S1: B, R: B, Q1: B },
  RS: { S: B, R1: B, Q1: B },
  CTU: { CU: B, R: B, PV: INT, Q: B, CV: INT, MU: B },
  CTD: { CD: B, LD: B, PV: INT, Q: B, CV: INT, MD: B },
  CTUD: { CU: B, CD: B, R: B, LD: B, PV: INT, QU: B, QD: B, CV: INT, MU: B, MD: B },
};

export function hasNativeModel(typeKey: string): boolean {
  return typeKey in PINS || hasSafetyModel(typeKey);
}

function pinOf(typeKey: string, pin: string): { shape: Shape; type: string } | null {
  const shape = PINS[typeKey]?.[pin];
  if (shape) return { shape, type: shape.t === 'bool' ? 'BOOL' : pin === 'PV' || pin === 'CV' ? 'INT' : 'TIME' };
  return safetyPin(typeKey, pin);
}

/** The cell of one pin or private state field of a standard FB instance; null for a block with no model. */
export function nativePinCell(en: Encoder, inst: string, display: string, typeKey: string, pin: string): CellInfo | null {
  const p = pinOf(typeKey, pin);
  if (!p) return null;
  const initial = typeKey === 'F_TRIG' && pin === 'M';
  return en.register({ path: `${inst}.${pin}`, display: `${display}.${pin}`, shape: p.shape, type: p.type, init: constOf(en.z, p.shape, initial), input: false });
}

type Bv = Extract<Val, { t: 'bv' }>;

/** One call of a standard FB instance under `guard` (its pins already hold this call's inputs). */
export function stepNative(en: Encoder, inst: string, display: string, typeKey: string, guard: ZBool): void {
  const z = en.z;
  const cell = (pin: string): string => nativePinCell(en, inst, display, typeKey, pin)!.path;
  const b = (pin: string): ZBool => (en.read(cell(pin)) as Extract<Val, { t: 'bool' }>).v;
  const n = (pin: string): Bv => en.read(cell(pin)) as Bv;
  if (hasSafetyModel(typeKey)) {
    for (const [pin, v] of stepSafetyFb(z, typeKey, (pin) => en.read(cell(pin)), en.now)) en.write(cell(pin), v, guard);
    en.abstractions.add(SAFETY_ABSTRACTION);
    return;
  }
  const out = new Map<string, Val>();
  const setB = (pin: string, v: ZBool): void => void out.set(pin, boolVal(v));
  switch (typeKey) {
    case 'R_TRIG':
      setB('Q', z.And(b('CLK'), z.Not(b('M'))));
      setB('M', b('CLK'));
      break;
    case 'F_TRIG':
      setB('Q', z.And(z.Not(b('CLK')), z.Not(b('M'))));
      setB('M', z.Not(b('CLK')));
      break;
    case 'SR':
      setB('Q1', z.Or(b('S1'), z.And(z.Not(b('R')), b('Q1'))));
      break;
    case 'RS':
      setB('Q1', z.And(z.Not(b('R1')), z.Or(b('S'), b('Q1'))));
      break;
    case 'CTU':
    case 'CTD':
    case 'CTUD':
      counter(en, typeKey, b, n, out);
      break;
    case 'TON':
    case 'TOF':
    case 'TP':
      timer(en, typeKey, b, n, out);
      en.abstractions.add('TON/TOF/TP: elapsed time is free (each scan takes any non-negative time); outputs follow the input history exactly as the soft-PLC computes them from that time');
      break;
  }
  for (const [pin, v] of out) en.write(cell(pin), v, guard);
}

function counter(en: Encoder, k: string, b: (p: string) => ZBool, n: (p: string) => Bv, out: Map<string, Val>): void {
  const z = en.z;
  const cv = n('CV').v;
  const pv = n('PV').v;
  const max = z.BitVec.val(32767, 16);
  const min = z.BitVec.val(-32768, 16);
  const one = z.BitVec.val(1, 16);
  const zero = z.BitVec.val(0, 16);
  let next: ZBv = cv;
  if (k === 'CTU') {
    const up = z.And(b('CU'), z.Not(b('MU')), cv.slt(max));
    next = z.If(b('R'), zero, z.If(up, cv.add(one), cv));
    out.set('MU', boolVal(b('CU')));
  } else if (k === 'CTD') {
    const down = z.And(b('CD'), z.Not(b('MD')), cv.sgt(min));
    next = z.If(b('LD'), pv, z.If(down, cv.sub(one), cv));
    out.set('MD', boolVal(b('CD')));
  } else {
    const up = z.And(b('CU'), z.Not(b('MU')));
    const down = z.And(b('CD'), z.Not(b('MD')));
    next = z.If(b('R'), zero, z.If(b('LD'), pv, z.If(z.And(up, z.Not(down), cv.slt(max)), cv.add(one), z.If(z.And(down, z.Not(up), cv.sgt(min)), cv.sub(one), cv))));
    out.set('MU', boolVal(b('CU')));
    out.set('MD', boolVal(b('CD')));
  }
  out.set('CV', bvVal(next, 16, true));
  if (k === 'CTUD') {
    out.set('QU', boolVal(next.sge(pv)));
    out.set('QD', boolVal(next.sle(zero)));
  } else out.set('Q', boolVal(k === 'CTU' ? next.sge(pv) : next.sle(zero)));
}

function timer(en: Encoder, k: string, b: (p: string) => ZBool, n: (p: string) => Bv, out: Map<string, Val>): void {
  const z = en.z;
  const now = en.now;
  const IN = b('IN');
  const M = b('M');
  const Q = b('Q');
  const pt32 = n('PT').v;
  const pt = pt32.signExt(CLOCK_BITS - 32);
  const et = n('ET').v;
  const start = n('START').v;
  const zero32 = z.BitVec.val(0, 32);
  const trunc = (x: ZBv): ZBv => z.Extract(31, 0, x);
  const b1 = (v: ZBool): Val => boolVal(v);
  const t32 = (v: ZBv): Val => bvVal(v, 32, true);
  if (k === 'TON') {
    const st = z.If(M, start, now);
    const el = now.sub(st);
    const q = z.And(IN, el.sge(pt));
    out.set('START', bvVal(z.If(IN, st, start), CLOCK_BITS, false));
    out.set('Q', b1(q));
    out.set('ET', t32(z.If(IN, z.If(q, pt32, trunc(el)), zero32)));
  } else if (k === 'TOF') {
    const st = z.If(z.And(z.Not(IN), M), now, start);
    const el = now.sub(st);
    const running = z.And(z.Not(IN), z.Or(Q, M));
    const q = z.If(IN, z.Bool.val(true), z.If(running, el.slt(pt), Q));
    out.set('START', bvVal(st, CLOCK_BITS, false));
    out.set('Q', b1(q));
    out.set('ET', t32(z.If(IN, zero32, z.If(running, z.If(el.slt(pt), trunc(el), pt32), et))));
  } else {
    const run0 = b('RUN');
    const begin = z.And(z.Not(run0), IN, z.Not(M), z.Not(Q));
    const run1 = z.Or(run0, begin);
    const st = z.If(begin, now, start);
    const el = now.sub(st);
    const done = el.sge(pt);
    const run2 = z.And(run1, z.Not(done));
    const q = z.If(run1, z.Not(done), Q);
    const et1 = z.If(run1, z.If(done, pt32, trunc(el)), et);
    out.set('RUN', b1(run2));
    out.set('START', bvVal(st, CLOCK_BITS, false));
    out.set('Q', b1(q));
    out.set('ET', t32(z.If(z.And(z.Not(run2), z.Not(IN)), zero32, et1)));
  }
  out.set('M', b1(IN));
}

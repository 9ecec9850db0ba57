import { describe, expect, it } from 'vitest';
import { STANDARD_FBS } from '../../../src-main/sim/std-fbs.js';
import { simulate } from '../../helpers/sim.js';

type Row = [number, Record<string, boolean | number>, Record<string, boolean | number>];

/** Calls the block once per row at the row's time (ms) with the row's inputs, then checks the listed outputs. */
function drive(name: string, rows: Row[]): void {
  const fb = STANDARD_FBS.find((f) => f.name === name)!;
  const self = fb.create();
  for (const [t, ins, outs] of rows) {
    Object.assign(self, Object.fromEntries(Object.entries(ins).map(([k, v]) => [k.toUpperCase(), v])));
    fb.step(self, t);
    for (const [k, v] of Object.entries(outs)) expect(self[k.toUpperCase()], `${name} at ${t} ms: ${k}`).toBe(v);
  }
}

describe('standard function blocks (IEC 61131-3 timing)', () => {
  it('TON: ET is 0 on the rising scan, Q when start + PT <= now, reset when IN falls', () => {
    drive('TON', [
      [0, { IN: false, PT: 30 }, { Q: false, ET: 0 }],
      [10, { IN: true }, { Q: false, ET: 0 }],
      [20, {}, { Q: false, ET: 10 }],
      [30, {}, { Q: false, ET: 20 }],
      [40, {}, { Q: true, ET: 30 }],
      [50, {}, { Q: true, ET: 30 }],
      [60, { IN: false }, { Q: false, ET: 0 }],
      [70, { IN: true }, { Q: false, ET: 0 }],
    ]);
  });

  it('TOF: Q up at once, stays for PT after IN falls, restarts if IN returns', () => {
    drive('TOF', [
      [0, { IN: true, PT: 20 }, { Q: true, ET: 0 }],
      [10, { IN: false }, { Q: true, ET: 0 }],
      [20, {}, { Q: true, ET: 10 }],
      [30, {}, { Q: false, ET: 20 }],
      [40, { IN: true }, { Q: true, ET: 0 }],
      [50, { IN: false }, { Q: true }],
      [60, { IN: true }, { Q: true, ET: 0 }],
    ]);
  });

  it('TP: a fixed pulse, not retriggerable', () => {
    drive('TP', [
      [0, { IN: true, PT: 30 }, { Q: true, ET: 0 }],
      [10, { IN: false }, { Q: true, ET: 10 }],
      [20, { IN: true }, { Q: true, ET: 20 }],
      [30, {}, { Q: false, ET: 30 }],
      [40, {}, { Q: false, ET: 30 }],
      [50, { IN: false }, { Q: false, ET: 0 }],
      [60, { IN: true }, { Q: true, ET: 0 }],
    ]);
  });

  it('CTU, CTD, CTUD count edges, not levels', () => {
    drive('CTU', [
      [0, { CU: true, PV: 2 }, { CV: 1, Q: false }],
      [1, {}, { CV: 1 }],
      [2, { CU: false }, { CV: 1 }],
      [3, { CU: true }, { CV: 2, Q: true }],
      [4, { R: true }, { CV: 0, Q: false }],
    ]);
    drive('CTD', [
      [0, { LD: true, PV: 2 }, { CV: 2, Q: false }],
      [1, { LD: false, CD: true }, { CV: 1 }],
      [2, { CD: false }, {}],
      [3, { CD: true }, { CV: 0, Q: true }],
    ]);
    drive('CTUD', [
      [0, { CU: true, PV: 1 }, { CV: 1, QU: true, QD: false }],
      [1, { CU: false, CD: true }, { CV: 0, QU: false, QD: true }],
      [2, { CU: true, CD: false }, { CV: 1 }],
      [3, { CU: false }, { CV: 1 }],
      [4, { CU: true, CD: true }, { CV: 1 }],
    ]);
  });

  it('R_TRIG and F_TRIG give one-scan pulses', () => {
    drive('R_TRIG', [
      [0, { CLK: true }, { Q: true }],
      [1, {}, { Q: false }],
      [2, { CLK: false }, { Q: false }],
      [3, { CLK: true }, { Q: true }],
    ]);
    drive('F_TRIG', [
      [0, { CLK: false }, { Q: false }],
      [1, { CLK: true }, { Q: false }],
      [2, { CLK: false }, { Q: true }],
      [3, {}, { Q: false }],
    ]);
  });

  it('SR is set-dominant and RS reset-dominant', () => {
    drive('SR', [
      [0, { S1: true, R: true }, { Q1: true }],
      [1, { S1: false }, { Q1: false }],
    ]);
    drive('RS', [
      [0, { S: true, R1: true }, { Q1: false }],
      [1, { R1: false }, { Q1: true }],
      [2, { S: false }, { Q1: true }],
    ]);
  });

  it('accepts the CODESYS pin names in compiled code', () => {
    const p = simulate('PROGRAM Main\nVAR\n sr : SR; rs : RS; ctu : CTU; a, b : BOOL; n : WORD;\nEND_VAR\nsr(SET1 := TRUE, RESET := TRUE, Q1 => a);\nrs(SET := TRUE, RESET1 := FALSE, Q1 => b);\nctu(CU := TRUE, RESET := FALSE, PV := 3, CV => n);\nEND_PROGRAM\n');
    p.scan();
    expect([p.get('Main.a'), p.get('Main.b'), p.get('Main.n')]).toEqual([true, true, 1]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAFETY_FBS, isErrorCode, type SafetyFbType } from '../../../../src-main/safety-blocks/index.js';
import type { SimValue } from '../../../../src-main/sim/sim-types.js';

/** Random value for one input: BOOLs flip, TIMEs from short and long presets, INTs including invalid ones. */
function inputArb(type: string, name: string): fc.Arbitrary<SimValue> {
  if (name === 'Activate') return fc.constantFrom(true, true, true, true, false); // mostly active: reach deep states
  if (type === 'TIME') return fc.constantFrom(0, 10, 30, 100, 500);
  if (type === 'INT') return fc.constantFrom(-1, 0, 1, 100);
  return fc.boolean();
}

function stepsArb(fb: SafetyFbType): fc.Arbitrary<Array<{ dt: number; in: Record<string, SimValue> }>> {
  const rec: Record<string, fc.Arbitrary<SimValue>> = {};
  for (const p of fb.inputs) rec[p.name.toUpperCase()] = inputArb(p.type, p.name);
  return fc.array(fc.record({ dt: fc.constantFrom(0, 1, 5, 10, 10, 10, 50, 200, 600), in: fc.record(rec) }), { maxLength: 60 });
}

/** Runs a sequence on a fresh instance and returns every call's outputs. */
function trace(fb: SafetyFbType, steps: Array<{ dt: number; in: Record<string, SimValue> }>): Array<Record<string, SimValue>> {
  const self = fb.create();
  let t = 0;
  const out: Array<Record<string, SimValue>> = [];
  for (const s of steps) {
    t += s.dt;
    Object.assign(self, s.in);
    fb.step(self, t);
    out.push(Object.fromEntries(fb.outputs.map((p) => [p.name, self[p.name.toUpperCase()] as SimValue])));
  }
  return out;
}

describe('PLCopen safety blocks: properties over random input/time sequences', () => {
  for (const fb of SAFETY_FBS.values()) {
    it(`${fb.name}: safe outputs when inactive or in error, documented DiagCodes only, deterministic`, () => {
      const codes = new Set(fb.diagCodes);
      const safety = fb.outputs.filter((p) => p.name.startsWith('S_')).map((p) => p.name);
      fc.assert(
        fc.property(stepsArb(fb), (steps) => {
          const a = trace(fb, steps);
          expect(trace(fb, steps)).toEqual(a);
          a.forEach((o, i) => {
            const active = steps[i]?.in['ACTIVATE'] === true;
            const code = o['DiagCode'] as number;
            expect(codes.has(code), `16#${code.toString(16)}`).toBe(true);
            expect(o['Ready']).toBe(active);
            expect(o['Error']).toBe(isErrorCode(code));
            if (!active) expect(code).toBe(0);
            if (!active || o['Error'] === true) for (const s of safety) expect(o[s], s).toBe(false);
          });
        }),
        { numRuns: 300 },
      );
    });
  }
});

import { expect } from 'vitest';
import type { SafetyFbType } from '../../../../src-main/safety-blocks/index.js';
import type { SimValue } from '../../../../src-main/sim/sim-types.js';

/** One call of a block: at virtual time `t`, inputs changed by `in` (sticky across rows), `out` checked. */
export interface Row {
  t: number;
  in?: Record<string, SimValue>;
  out?: Record<string, SimValue>;
}

/** Drives a fresh instance through the rows, calling step once per row, and checks each row's outputs. */
export function drive(fb: SafetyFbType, rows: readonly Row[]): Record<string, SimValue> {
  const self = fb.create();
  rows.forEach((row, i) => {
    for (const [k, v] of Object.entries(row.in ?? {})) {
      const key = k.toUpperCase();
      if (!(key in self)) throw new Error(`${fb.name}: no input ${k}`);
      self[key] = v;
    }
    fb.step(self, row.t);
    const got: Record<string, SimValue> = {};
    for (const k of Object.keys(row.out ?? {})) got[k] = self[k.toUpperCase()] as SimValue;
    expect(got, `${fb.name} row ${i} (t=${row.t})`).toEqual(row.out ?? {});
  });
  return self;
}

/** Expected outputs of an error state: Ready and Error TRUE, the code, and the given safety outputs FALSE. */
export const err = (code: number, ...safe: string[]): Record<string, SimValue> => ({
  Ready: true,
  Error: true,
  DiagCode: code,
  ...Object.fromEntries(safe.map((s) => [s, false])),
});

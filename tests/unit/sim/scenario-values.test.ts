import { describe, expect, it } from 'vitest';
import type { ExpectedValue, ScenarioValue } from '../../../src-main/sim/scenario.js';
import { checkExpected, toSimValue } from '../../../src-main/sim/scenario-values.js';
import type { SimValue } from '../../../src-main/sim/sim-types.js';

describe('toSimValue converts a scenario value by the variable it meets', () => {
  const table: [ScenarioValue, string, SimValue, SimValue | string][] = [
    [true, 'BOOL', false, true],
    [1, 'BOOL', false, true],
    ['FALSE', 'BOOL', true, false],
    [2, 'BOOL', false, '2 is not a BOOL value'],
    ['500ms', 'TIME', 0, 500],
    ['T#1m30s', 'TIME', 0, 90_000],
    [250, 'TIME', 0, 250],
    ['500ms', 'LTIME', 0n, 500_000_000n],
    ['16#FF', 'WORD', 0, 255],
    ['2#1010_0101', 'BYTE', 0, 165],
    ['INT#-5', 'INT', 0, -5],
    ['-16#10', 'DINT', 0, -16],
    ['9223372036854775807', 'LINT', 0n, 9223372036854775807n],
    ['16#FFFFFFFFFFFFFFFF', 'LWORD', 0n, 18446744073709551615n],
    [7, 'LINT', 0n, 7n],
    [1.5, 'LINT', 0n, '1.5 is not a LINT value'],
    ['fast', 'INT', 0, '"fast" is not a INT value'],
    [true, 'INT', 0, 'true is not a INT value'],
    ['hello', 'STRING', '', 'hello'],
    [5, 'STRING', '', '5 is not a STRING value'],
  ];
  it.each(table)('%s as %s', (raw, type, current, want) => {
    const got = toSimValue(raw, type, current);
    expect('value' in got ? got.value : got.problem).toEqual(want);
  });
});

describe('checkExpected', () => {
  const table: [ExpectedValue, string, SimValue, boolean][] = [
    [0.1, 'REAL', Math.fround(0.1), true],
    [0.1, 'LREAL', Math.fround(0.1), false],
    [{ value: 1.5, tolerance: 0.01 }, 'REAL', 1.509, true],
    [{ value: 1.5, tolerance: 0.01 }, 'REAL', 1.52, false],
    [{ value: '1s', tolerance: '10ms' }, 'TIME', 1005, true],
    [{ value: '1s', tolerance: '10ms' }, 'LTIME', 1_011_000_000n, false],
    ['500ms', 'TIME', 500, true],
    [true, 'BOOL', true, true],
    [false, 'BOOL', true, false],
    ['running', 'STRING', 'running', true],
    [3, 'ENUM_STATE', 3, true],
  ];
  it.each(table)('%o on %s %s', (expected, type, actual, ok) => {
    expect(checkExpected(expected, actual, type).ok).toBe(ok);
  });
});

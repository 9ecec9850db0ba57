import { describe, expect, it } from 'vitest';
import { formatFailure, formatFault, runScenario } from '../../../src-main/sim/run-scenario.js';
import { parseScenario, type Scenario } from '../../../src-main/sim/scenario.js';
import { changes } from '../../../src-main/sim/trace.js';
import { FakeProgram, latchProgram } from './fake-program.js';

function scenario(text: string): Scenario {
  const { scenario, problems } = parseScenario(text, 'tests/latch.yaml');
  expect(problems).toEqual([]);
  return scenario!;
}

const START_STOP = `name: start, lamp after 50 ms, stop
cycle: 10ms
steps:
  - at: 0ms
    set: { Stop_PB_NC: true, Start_PB: false }
  - at: 20ms
    set: { Start_PB: true }
    expect: { Motor: true, Lamp_Running: false }
  - at: 30ms
    set: { Start_PB: false }
  - at: 60ms
    expect: { Lamp_Running: false }
  - at: 70ms
    expect: { Motor: true, Lamp_Running: true, Main.since: 20ms }
  - at: 100ms
    set: { "%IX0.1": false, Speed_SP: 15 }
    expect: { "%QX0.0": false, Lamp_Running: false, Speed_Out: { value: 1.5, tolerance: 0.0001 } }
`;

describe('runScenario', () => {
  it('passes a correct scenario: sets before the scan at `at`, checks after it', () => {
    const r = runScenario(latchProgram(), scenario(START_STOP));
    expect(r.problems).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.fault).toBeNull();
    expect(r.passed).toBe(true);
    expect(r.scans).toBe(11);
    // Default trace: every input and output, plus the names the scenario uses (addresses fold into their variable).
    expect(r.trace.variables.map((v) => v.path)).toEqual(['Start_PB', 'Stop_PB_NC', 'Speed_SP', 'Motor', 'Lamp_Running', 'Speed_Out', 'Main.since']);
    expect(r.trace.times).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(changes(r.trace, 'Motor')).toEqual([
      { timeMs: 0, value: false },
      { timeMs: 20, value: true },
      { timeMs: 100, value: false },
    ]);
  });

  it('reports a failed expectation exactly', () => {
    const s = scenario(START_STOP.replace('expect: { Lamp_Running: false }', 'expect: { Lamp_Running: true, Motor: true }'));
    const r = runScenario(latchProgram(), s);
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([{ step: 4, atMs: 60, variable: 'Lamp_Running', expected: true, actual: false, timeMs: 60 }]);
    expect(formatFailure(r.failures[0]!)).toBe('step 4 at 60ms: Lamp_Running expected TRUE, got FALSE');
    // A failed check does not stop the run: later steps are still checked.
    expect(r.scans).toBe(11);
  });

  it('reports unknown variables by step and name before running anything', () => {
    const s = scenario(`steps:
  - at: 0
    set: { Stop_PB: true }
  - at: 10ms
    expect: { Motr: true, Motor: false }
`);
    const p = latchProgram();
    const r = runScenario(p, s);
    expect(r.passed).toBe(false);
    expect(r.scans).toBe(0);
    expect(p.scans).toBe(0);
    expect(r.problems).toEqual([
      { step: 1, atMs: 0, variable: 'Stop_PB', message: 'step 1 (at 0ms): set: unknown variable "Stop_PB": no variable or address "Stop_PB" in Main' },
      { step: 2, atMs: 10, variable: 'Motr', message: 'step 2 (at 10ms): expect: unknown variable "Motr": no variable or address "Motr" in Main' },
    ]);
  });

  it('reports values that do not fit the variable type', () => {
    const r = runScenario(latchProgram(), scenario('steps:\n  - at: 0\n    set: { Speed_SP: fast }\n    expect: { Motor: 2 }\n'));
    expect(r.problems.map((p) => p.message)).toEqual([
      'step 1 (at 0ms): set Speed_SP: "fast" is not a INT value',
      'step 1 (at 0ms): expect Motor: 2 is not a BOOL value',
    ]);
  });

  it('stops at a fault and reports its POU and line', () => {
    const s = scenario(`steps:
  - at: 0
    set: { Stop_PB_NC: true, Start_PB: true }
  - at: 30ms
    set: { Speed_SP: 2000 }
  - at: 50ms
    expect: { Motor: true }
`);
    const r = runScenario(latchProgram(), s);
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([]);
    expect(r.fault).toEqual({ kind: 'bounds', message: 'index 2000 outside 0..1000', pou: 'Main', file: 'Main.st', line: 12, timeMs: 30, scan: 3 });
    expect(formatFault(r.fault!)).toBe('bounds fault in Main (Main.st:12) at 30ms, scan 3: index 2000 outside 0..1000');
    expect(r.scans).toBe(4);
  });

  it('accepts durations for TIME, IEC literals for integers, tolerance for REAL', () => {
    const s = scenario(`steps:
  - at: 0
    set: { Stop_PB_NC: true, Start_PB: true, Speed_SP: "16#0A" }
    expect: { Main.since: T#0ms, Speed_Out: 1, Motor: 1 }
  - at: 10ms
    set: { Speed_SP: 3 }
    expect: { Speed_Out: 0.3, Main.since: { value: 1ms, tolerance: 1ms } }
`);
    expect(runScenario(latchProgram(), s).failures).toEqual([]);
  });

  it('refuses a scenario for another cycle, off-cycle times, or one that runs too long', () => {
    const p = latchProgram();
    expect(runScenario(p, scenario('cycle: 20ms\nsteps:\n  - at: 20ms\n    set: { Start_PB: true }\n')).problems.map((x) => x.message)).toEqual([
      'the scenario is written for a 20ms cycle but the program runs every 10ms',
    ]);
    expect(runScenario(p, scenario('steps:\n  - at: 15ms\n    set: { Start_PB: true }\n')).problems.map((x) => x.message)).toEqual([
      'step 1: 15ms is not a multiple of the cycle 10ms: scans happen only at multiples of the cycle',
    ]);
    expect(runScenario(p, scenario('steps:\n  - at: 25h\n    set: { Start_PB: true }\n')).problems.map((x) => x.message)).toEqual([
      'the last step is at 90000000ms, beyond the 86400000ms a scenario may run',
    ]);
    const fine = new FakeProgram([{ path: 'X', type: 'BOOL', kind: 'input', initial: false }], () => {}, 1);
    expect(runScenario(fine, scenario('steps:\n  - at: 3h\n    set: { X: true }\n')).problems.map((x) => x.message)).toEqual([
      'the scenario needs 10800001 scans at 1ms, more than the 10000000 a run may take',
    ]);
    expect(fine.scans).toBe(0);
  });

  it('traces the variables asked for, and reports unknown ones', () => {
    const s = scenario(START_STOP);
    const r = runScenario(latchProgram(), s, { traceVariables: ['Motor', '%QX0.1'] });
    expect(r.trace.variables).toEqual([
      { path: 'Motor', type: 'BOOL' },
      { path: 'Lamp_Running', type: 'BOOL' },
    ]);
    expect(runScenario(latchProgram(), s, { traceVariables: ['Nope'] }).problems.map((p) => p.message)).toEqual([
      'trace: unknown variable "Nope": no variable or address "Nope" in Main',
    ]);
  });

  it('starts from a cold restart unless told otherwise', () => {
    const p = latchProgram();
    p.set('Stop_PB_NC', true);
    p.set('Start_PB', true);
    p.scan();
    const s = scenario('steps:\n  - at: 0\n    expect: { Motor: false }\n');
    expect(runScenario(p, s).passed).toBe(true);
    p.set('Stop_PB_NC', true);
    p.set('Start_PB', true);
    p.scan();
    const warm = runScenario(p, s, { restart: 'none' });
    expect(warm.failures).toEqual([{ step: 1, atMs: 0, variable: 'Motor', expected: false, actual: true, timeMs: 20 }]);
  });
});

import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../src-main/sim/differential.js';
import { parseScenario } from '../../../src-main/sim/scenario.js';
import { differentialFindings } from '../../../src-main/verify/stage-simulation.js';
import { valveProgram } from '../sim/fake-program.js';

const hold = parseScenario('name: hold\nsteps:\n  - at: 0\n    set: { Start: true }\n  - at: 1s\n    set: { Start: false }\n', 'hold.yaml').scenario!;
const FAST = { randomSequences: 3, randomLength: 100, holdScans: 60, scenarios: [hold], hazardousOutputs: ['Valve'] };

function findings(after: ReturnType<typeof valveProgram>, o: { allowedDifferences?: string[]; lamps?: number } = {}) {
  const d = compareVersions(valveProgram({ lamps: o.lamps ?? 0 }), after, { ...FAST, allowedDifferences: o.allowedDifferences ?? [] });
  return differentialFindings(d, 10);
}

describe('old-against-new findings', () => {
  it('a hazardous output off where it was on is reported with its trace as the safe direction; an earlier lamp is a warning', () => {
    const f = findings(valveProgram({ lampInverted: true, openAfter: 40 }));
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ['warning', 'hazardous output Valve changed: TRUE before, FALSE after at 300 ms (scenario hold); off where it was on before: the safe direction'],
      ['warning', 'output Lamp changed: TRUE before, FALSE after at 0 ms (scenario hold)'],
    ]);
    const trace = f[0]!.evidence.trace!;
    expect(trace.markAt).toBe(30);
    expect(trace.signals.map((s) => s.name)).toEqual(['Start', 'Valve', 'Valve (before)', 'Lamp']);
    expect(trace.signals[1]!.values[30]).toBe(false);
    expect(trace.signals[2]!.values[30]).toBe(true);
    expect(f[0]!.evidence.facts).toEqual(['inputs at that scan: Start=TRUE', 'also differing at that scan: Lamp']);
    expect(f[1]!.evidence.trace!.markAt).toBe(0);
  });

  it('allowing the lamp removes its warning and leaves the hazardous finding as it was', () => {
    const f = findings(valveProgram({ lampInverted: true, openAfter: 40 }), { allowedDifferences: ['Lamp'] });
    expect(f.map((x) => [x.severity, x.message])).toEqual([['warning', 'hazardous output Valve changed: TRUE before, FALSE after at 300 ms (scenario hold); off where it was on before: the safe direction']]);
  });

  it('a hazardous output on where it was off: with no safety input declared there is no demand, so a process change', () => {
    const f = findings(valveProgram({ openAfter: 20 }));
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ['warning', 'hazardous output Valve changed: FALSE before, TRUE after at 200 ms (scenario hold); on where it was off before, with every e-stop and guard healthy and no reset pending: a change of process behaviour to review, not of the safety function'],
    ]);
  });

  it('a hazardous output the recipe declares is a warning that says so', () => {
    const f = findings(valveProgram({ openAfter: 40 }), { allowedDifferences: ['Valve'] });
    expect(f.map((x) => [x.severity, x.message])).toEqual([['warning', 'hazardous output Valve changed, as the recipe declares it may: TRUE before, FALSE after at 300 ms (scenario hold)']]);
    expect(f[0]!.evidence.trace!.markAt).toBe(30);
  });

  it('internal variables are one info line; a refactoring gets no warning', () => {
    const f = findings(valveProgram({ countDown: true }));
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ['info', '1 internal variable(s) hold other values than before (not outputs, so not a difference in behaviour): Main.count'],
    ]);
    expect(f[0]!.evidence.facts).toEqual(['Main.count: first 1 before, -1 after at 0 ms (scenario hold)']);
  });

  it('caps the output findings with one summary line', () => {
    const f = findings(valveProgram({ lampInverted: true, lamps: 11 }), { lamps: 11 });
    expect(f).toHaveLength(9);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
    expect(f.slice(0, 8).map((x) => x.message.split(' ')[1])).toEqual(['Lamp', 'Lamp_1', 'Lamp_2', 'Lamp_3', 'Lamp_4', 'Lamp_5', 'Lamp_6', 'Lamp_7']);
    expect(f[8]!.message).toBe('4 more output(s) changed behaviour: Lamp_8, Lamp_9, Lamp_10, Lamp_11');
    expect(f[8]!.evidence.facts).toHaveLength(4);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareVersions } from '../../../src-main/sim/differential.js';
import { boundarySequences, randomSequences, type InputSignal } from '../../../src-main/sim/input-sequences.js';
import { Prng } from '../../../src-main/sim/prng.js';
import { parseScenario } from '../../../src-main/sim/scenario.js';
import { FakeProgram, latchProgram, refactoredLatchProgram, valveProgram } from './fake-program.js';

const FAST = { randomSequences: 5, randomLength: 200, holdScans: 100 };

afterEach(() => vi.restoreAllMocks());

describe('compareVersions', () => {
  it('finds an output delayed by one scan, at the right scan with the right inputs', () => {
    const r = compareVersions(latchProgram(), latchProgram({ delay: true }), FAST);
    expect(r.equivalent).toBe(false);
    // Baseline has Stop_PB_NC FALSE (initial value), so the first toggle of Start_PB latches nothing; toggling
    // Stop_PB_NC alone does nothing either; all inputs held TRUE starts the motor on scan 0.
    expect(r.firstDivergence).toEqual({
      sequence: 'all boolean inputs held TRUE',
      scan: 0,
      timeMs: 0,
      variable: 'Motor',
      afterVariable: 'Motor',
      signal: 'output',
      declared: false,
      before: true,
      after: false,
      inputsApplied: { Start_PB: true, Stop_PB_NC: true, Speed_SP: 0 },
      inputState: { Start_PB: true, Stop_PB_NC: true, Speed_SP: 0 },
      alsoDiffering: [],
    });
    // Every sequence still runs: a later one could show another output diverging.
    expect(r.sequencesRun).toBe(2 + 2 + 1 + 1 + 5);
    expect(r.divergences.map((d) => d.variable)).toEqual(['Motor']);
    const t = r.traces.get('all boolean inputs held TRUE')!;
    expect(t.before.times).toEqual([0]);
    expect(t.after.variables.map((v) => v.path)).toContain('Motor');
    // The delayed version's extra internal variable is neither compared nor worth a note.
    expect(r.notes).toEqual([]);
  });

  it('with a scenario baseline, the toggle of the start button shows the delay on the scan it is pressed', () => {
    const { scenario } = parseScenario('steps:\n  - at: 0\n    set: { Stop_PB_NC: true }\n', 'power-up.yaml');
    const r = compareVersions(latchProgram(), latchProgram({ delay: true }), { ...FAST, scenarios: [scenario!] });
    expect(r.firstDivergence).toMatchObject({
      sequence: 'toggle Start_PB',
      scan: 20,
      timeMs: 200,
      variable: 'Motor',
      before: true,
      after: false,
      inputsApplied: { Start_PB: true },
      inputState: { Start_PB: true, Stop_PB_NC: true, Speed_SP: 0 },
    });
    // The scenario itself ran first and never pressed start.
    expect(r.divergences[0]!.sequence).toBe('toggle Start_PB');
    expect(r.traces.get('toggle Start_PB')!.before.times.length).toBe(21);
  });

  it('a pure refactoring with a renamed input is equivalent', () => {
    const r = compareVersions(latchProgram(), refactoredLatchProgram(), { ...FAST, rename: { Start_PB: 'Start_Button' } });
    expect(r.problems).toEqual([]);
    expect(r.firstDivergence).toBeNull();
    expect(r.equivalent).toBe(true);
    expect(r.compared).toEqual(['Motor', 'Lamp_Running', 'Speed_Out']);
    expect(r.internal).toEqual(['Main.msg']);
    // Main.since and Main.run_scans are internal, each in one version only: a refactoring's business, not noted.
    expect(r.notes).toEqual([]);
    // Two toggles, held TRUE and FALSE, flip together, Speed_SP at min/max/0, five random.
    expect(r.sequencesRun).toBe(2 + 2 + 1 + 1 + 5);
    expect(r.divergences).toEqual([]);
    expect(r.traces.size).toBe(0);
  });

  it('without the rename map the renamed input is a difference', () => {
    const r = compareVersions(latchProgram(), refactoredLatchProgram(), FAST);
    expect(r.notes).toContain('input Start_PB is not in the after version: only the before version receives it');
    expect(r.notes).toContain('input Start_Button is new in the after version: it stays at its initial value');
    expect(r.equivalent).toBe(false);
  });

  it('ignores differences the recipe allows, and only those', () => {
    const r = compareVersions(latchProgram(), latchProgram({ delay: true }), { ...FAST, allowedDifferences: ['Motor'] });
    expect(r.equivalent).toBe(true);
    expect(r.compared).not.toContain('Motor');
    const named = compareVersions(latchProgram(), latchProgram({ delay: true }), { ...FAST, outputs: ['Lamp_Running', '%QX0.0'] });
    expect(named.compared).toEqual(['Lamp_Running', 'Motor']);
    expect(named.firstDivergence!.variable).toBe('Motor');
  });

  it('the same seed gives the same result; the run never uses Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const a = compareVersions(latchProgram(), latchProgram({ delay: true }), { ...FAST, boundary: false, seed: 42 });
    const b = compareVersions(latchProgram(), latchProgram({ delay: true }), { ...FAST, boundary: false, seed: 42 });
    expect(a.firstDivergence).not.toBeNull();
    expect(a.firstDivergence!.sequence).toMatch(/^random #\d+ \(seed 42, sequence seed \d+\)$/);
    expect(b).toEqual(a);
  });

  it('a fault in only one version is a divergence', () => {
    const safe = new FakeProgram(
      [
        { path: 'Speed_SP', type: 'INT', kind: 'input', initial: 0 },
        { path: 'Out', type: 'INT', kind: 'output', initial: 0 },
      ],
      (v) => {
        v['Out'] = Math.min(1000, v['Speed_SP'] as number);
      },
    );
    const faulty = new FakeProgram(
      [
        { path: 'Speed_SP', type: 'INT', kind: 'input', initial: 0 },
        { path: 'Out', type: 'INT', kind: 'output', initial: 0 },
      ],
      (v, _now, fault) => {
        if ((v['Speed_SP'] as number) > 1000) return fault('bounds', 'index out of range', 7);
        v['Out'] = v['Speed_SP']!;
      },
    );
    const r = compareVersions(safe, faulty, FAST);
    expect(r.firstDivergence).toMatchObject({
      sequence: 'Speed_SP at min, max and 0',
      scan: 40,
      variable: '(fault)',
      before: null,
      after: 'bounds fault in Main line 7: index out of range',
      inputsApplied: { Speed_SP: 32767 },
    });
  });

  it('the same fault in both versions is the same behaviour', () => {
    const r = compareVersions(latchProgram(), refactoredLatchProgram(), { ...FAST, rename: { Start_PB: 'Start_Button' }, randomSequences: 20 });
    expect(r.equivalent).toBe(true);
  });

  it('an output the after version lost is a problem unless allowed; a changed cycle cannot be compared', () => {
    const lamp = new FakeProgram([{ path: 'Lamp', type: 'BOOL', kind: 'output', initial: false }], () => {});
    const none = new FakeProgram([{ path: 'Other', type: 'BOOL', kind: 'memory', initial: false }], () => {});
    const lost = compareVersions(lamp, none, FAST);
    expect(lost.lost).toEqual([{ variable: 'Lamp', hazardous: false, message: 'output Lamp is not in the after version (add it to the rename map if it was renamed)' }]);
    expect(lost.equivalent).toBe(false);
    expect(compareVersions(lamp, none, { ...FAST, allowedDifferences: ['Lamp'] }).equivalent).toBe(true);
    // A hazardous output cannot be declared away: its contactor would never switch again.
    expect(compareVersions(lamp, none, { ...FAST, allowedDifferences: ['Lamp'], hazardousOutputs: ['Lamp'] }).lost.map((l) => l.hazardous)).toEqual([true]);
    expect(compareVersions(latchProgram(), latchProgram({ cycleMs: 20 }), FAST).problems).toEqual([
      'the cycle changed from 10ms to 20ms: scans cannot be compared one to one',
    ]);
  });
});

describe('input sequences', () => {
  const inputs: InputSignal[] = [
    { path: 'A', type: 'BOOL', baseline: false },
    { path: 'B', type: 'BOOL', baseline: true },
    { path: 'N', type: 'SINT', baseline: 3 },
    { path: 'L', type: 'LINT', baseline: 0n },
  ];

  it('boundary sequences toggle each boolean alone, hold, flip together and hit min/max/0', () => {
    const seqs = boundarySequences(inputs, { toggleScans: 10, holdScans: 50 });
    expect(seqs.map((s) => s.name)).toEqual([
      'toggle A', 'toggle B', 'all boolean inputs held TRUE', 'all boolean inputs held FALSE', 'all boolean inputs flip on the same scans',
      'N at min, max and 0', 'L at min, max and 0',
    ]);
    expect([...seqs[1]!.writes].map(([s, w]) => [s, Object.fromEntries(w)])).toEqual([
      [0, { A: false, B: true, N: 3, L: 0n }], [10, { B: false }], [20, { B: true }], [30, { B: false }], [31, { B: true }],
    ]);
    expect([...seqs[5]!.writes.entries()].slice(1).map(([s, w]) => [s, w.get('N')])).toEqual([[10, -128], [20, 127], [30, 0], [40, 3]]);
    expect(seqs[6]!.writes.get(20)!.get('L')).toBe(2n ** 63n - 1n);
  });

  it('random sequences depend on the seed only, and stay within each type', () => {
    const a = randomSequences(inputs, 4, 300, 7);
    expect(randomSequences(inputs, 4, 300, 7)).toEqual(a);
    expect(randomSequences(inputs, 4, 300, 8)).not.toEqual(a);
    for (const s of a) {
      for (const w of s.writes.values()) {
        const n = w.get('N');
        if (n !== undefined) expect(n).toSatisfy((x: number) => Number.isInteger(x) && x >= -128 && x <= 127);
        const l = w.get('L');
        if (l !== undefined) expect(typeof l).toBe('bigint');
      }
    }
  });

  it('mulberry32 gives the reference values', () => {
    const r = new Prng(1);
    expect([r.next(), r.next()]).toEqual([0.6270739405881613, 0.002735721180215478]);
  });
});

describe('compareVersions on scenarios', () => {
  it('replays a scenario first, reporting the input state it has reached', () => {
    const { scenario } = parseScenario(
      'steps:\n  - at: 0\n    set: { Stop_PB_NC: true }\n  - at: 50ms\n    set: { Start_PB: true }\n  - at: 60ms\n    set: { Start_PB: false }\n',
      'start.yaml',
    );
    const r = compareVersions(latchProgram(), latchProgram({ delay: true }), { ...FAST, scenarios: [scenario!] });
    expect(r.firstDivergence).toMatchObject({
      sequence: 'scenario start',
      scan: 5,
      timeMs: 50,
      variable: 'Motor',
      inputsApplied: { Start_PB: true },
      inputState: { Start_PB: true, Stop_PB_NC: true, Speed_SP: 0 },
    });
    expect(r.divergences[0]!.sequence).toBe('scenario start');
  });
});

describe('compareVersions past the first difference', () => {
  // Start held from power-up: the lamp differs on scan 0, the valve opens on scan 30 before and 40 after.
  const hold = parseScenario('name: hold\nsteps:\n  - at: 0\n    set: { Start: true }\n  - at: 1s\n    set: { Start: false }\n', 'hold.yaml').scenario!;
  const opts = { ...FAST, scenarios: [hold], hazardousOutputs: ['Valve'] };
  const changed = () => valveProgram({ lampInverted: true, openAfter: 40 });
  const valve = (r: ReturnType<typeof compareVersions>) => r.divergences.find((d) => d.variable === 'Valve');

  it('a lamp that differs from the first scan does not hide a hazardous output that differs later', () => {
    const r = compareVersions(valveProgram(), changed(), opts);
    expect(r.equivalent).toBe(false);
    expect(r.divergences.map((d) => [d.variable, d.signal, d.sequence, d.scan])).toEqual([
      ['Lamp', 'output', 'scenario hold', 0],
      ['Valve', 'hazardous', 'scenario hold', 30],
    ]);
    expect(valve(r)).toMatchObject({ before: true, after: false, declared: false, alsoDiffering: ['Lamp'] });
    // The trace runs to the valve's divergence, so it is the counterexample for both.
    expect(r.traces.get('scenario hold')!.after.times.length).toBe(31);
  });

  it('declaring the lamp allowed changes nothing about the valve', () => {
    const base = compareVersions(valveProgram(), changed(), opts);
    const allowed = compareVersions(valveProgram(), changed(), { ...opts, allowedDifferences: ['Lamp'] });
    expect(allowed.divergences.map((d) => d.variable)).toEqual(['Valve']);
    expect(valve(allowed)).toEqual({ ...valve(base), alsoDiffering: [] });
    expect(allowed.firstDivergence).toBe(valve(allowed));
  });

  it('a hazardous output declared allowed is still compared, and marked declared', () => {
    const r = compareVersions(valveProgram(), changed(), { ...opts, hazardousOutputs: ['%QX0.0'], allowedDifferences: ['Lamp', 'Valve'] });
    expect(valve(r)).toMatchObject({ signal: 'hazardous', declared: true, scan: 30 });
    expect(r.equivalent).toBe(true);
  });

  it('internal variables that differ are recorded once, and the versions stay equivalent', () => {
    const r = compareVersions(valveProgram(), valveProgram({ countDown: true }), opts);
    expect(r.equivalent).toBe(true);
    expect(r.firstDivergence).toBeNull();
    expect(r.compared).toEqual(['Valve', 'Lamp']);
    expect(r.internal).toEqual(['Main.count']);
    expect(r.divergences).toEqual([expect.objectContaining({ variable: 'Main.count', signal: 'internal', scan: 0, before: 1, after: -1 })]);
    expect(r.traces.size).toBe(0);
  });

  it('records one divergence per signal, not one per scan', () => {
    const r = compareVersions(valveProgram({ lamps: 3 }), valveProgram({ lampInverted: true, lamps: 3 }), FAST);
    expect(r.divergences.map((d) => d.variable)).toEqual(['Lamp', 'Lamp_1', 'Lamp_2', 'Lamp_3']);
    expect(r.divergences[0]!.alsoDiffering).toEqual(['Lamp_1', 'Lamp_2', 'Lamp_3']);
  });
});

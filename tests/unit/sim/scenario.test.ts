import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScenarioProblem, parseScenario } from '../../../src-main/sim/scenario.js';

const FLEET = join(import.meta.dirname, '../../../examples/fleet');

function problemsOf(text: string): string[] {
  return parseScenario(text, 'tests/bad.yaml').problems.map(formatScenarioProblem);
}

describe('parseScenario on the example fleet', () => {
  const files = readdirSync(FLEET, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(FLEET, d.name, 'tests')).map((f) => join(d.name, 'tests', f)));

  it('finds the scenario files', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s parses with no problems', (f) => {
    const { scenario, problems } = parseScenario(readFileSync(join(FLEET, f), 'utf8'), f);
    expect(problems).toEqual([]);
    expect(scenario!.steps.length).toBeGreaterThan(5);
    expect([10, 20]).toContain(scenario!.cycleMs);
    // The power-up step sets inputs at 0 ms and times only go forward.
    expect(scenario!.steps[0]!.atMs).toBe(0);
    expect(scenario!.steps[0]!.set.size).toBeGreaterThan(3);
  });

  it('reads steps, values and lines exactly', () => {
    const f = 'press-line-2/tests/normal-stroke.yaml';
    const { scenario } = parseScenario(readFileSync(join(FLEET, f), 'utf8'), f);
    expect(scenario!.name).toBe('two-hand stroke - late second hand refused, synchronous press strokes and returns');
    const step = scenario!.steps.find((s) => s.atMs === 1900)!;
    expect(step.set.size).toBe(0);
    expect([...step.expect]).toEqual([['TwoHand_OK', false], ['Alm_TwoHandSync', true], ['Press_Down', false]]);
    expect(step.line).toBe(25);
  });
});

describe('parseScenario accepts', () => {
  it('durations in every spelling, qualified names, addresses, tolerances, TIME values and anchors', () => {
    const { scenario, problems } = parseScenario(
      `name: forms
cycle: T#10ms
steps:
  - at: 0
    set: &power { Start_PB: false, Main.state: 3, "%IX0.1": true, "GVL.arr[2]": 1.5, Main.fb.PT: 500ms, Msg: "hello" }
  - at: 20ms
    set: *power
  - at: 1.5s
    expect: { Speed_Out: { value: 1.5, tolerance: 0.01 }, Main.fb.ET: 500ms, "%QX0.0": TRUE }
  - at: T#1m30s
    expect: { Main.fb.ET: { value: 1s, tolerance: 10ms } }
  - at: "2000000"
    set: { Late: 1 }
    x-note: tools may keep their own keys
`,
      'forms.yaml',
    );
    expect(problems).toEqual([]);
    expect(scenario!.cycleMs).toBe(10);
    expect(scenario!.steps.map((s) => s.atMs)).toEqual([0, 20, 1500, 90_000, 2_000_000]);
    expect([...scenario!.steps[1]!.set.keys()]).toEqual(['Start_PB', 'Main.state', '%IX0.1', 'GVL.arr[2]', 'Main.fb.PT', 'Msg']);
    expect(scenario!.steps[2]!.expect.get('Speed_Out')).toEqual({ value: 1.5, tolerance: 0.01 });
    expect(scenario!.steps[2]!.expect.get('Main.fb.ET')).toBe('500ms');
    expect(scenario!.steps[2]!.expect.get('%QX0.0')).toBe(true);
  });

  it('a missing name and cycle: the file name is the name, the site cycle applies', () => {
    const { scenario } = parseScenario('steps:\n  - at: 5ms\n    set: { A: 1 }\n', 'tests/jam-clears.yml');
    expect(scenario!.name).toBe('jam-clears');
    expect(scenario!.cycleMs).toBeNull();
  });
});

describe('parseScenario problems name file, line and key', () => {
  const table: [string, string, string[]][] = [
    ['unknown top key', 'name: x\nstep:\n  - at: 0\n    set: { A: 1 }\n', [
      'tests/bad.yaml:1: steps: is required: expected a list of steps, each with `at` and `set` and/or `expect`',
      'tests/bad.yaml:2: step: unknown key; expected one of name, description, cycle, steps',
    ]],
    ['unknown step key', 'steps:\n  - at: 0\n    sett: { A: 1 }\n', [
      'tests/bad.yaml:2: steps[0]: empty step: expected `set` and/or `expect` next to `at`',
      'tests/bad.yaml:3: steps[0].sett: unknown key; expected one of at, set, expect',
    ]],
    ['at not a duration', 'steps:\n  - at: soon\n    set: { A: 1 }\n', [
      'tests/bad.yaml:2: steps[0].at: expected a time such as 100ms, 1.5s, T#20ms or a number of milliseconds, got "soon"',
    ]],
    ['negative at', 'steps:\n  - at: -10\n    set: { A: 1 }\n', [
      'tests/bad.yaml:2: steps[0].at: expected a time such as 100ms, 1.5s, T#20ms or a number of milliseconds, got -10',
    ]],
    ['at missing', 'steps:\n  - set: { A: 1 }\n', [
      'tests/bad.yaml:2: steps[0].at: is required: expected the time of the step, e.g. 100ms, 1.5s, T#20ms or a number of milliseconds',
    ]],
    ['out of order', 'steps:\n  - at: 20ms\n    set: { A: 1 }\n  - at: 10ms\n    set: { A: 2 }\n', [
      "tests/bad.yaml:4: steps[1].at: steps must be in time order: 10ms is not after the previous step's 20ms",
    ]],
    ['same time twice', 'steps:\n  - at: 20ms\n    set: { A: 1 }\n  - at: 0.02s\n    set: { A: 2 }\n', [
      "tests/bad.yaml:4: steps[1].at: steps must be in time order: 20ms is not after the previous step's 20ms",
    ]],
    ['not a multiple of the cycle', 'cycle: 10ms\nsteps:\n  - at: 15ms\n    set: { A: 1 }\n', [
      'tests/bad.yaml:3: steps[0].at: expected a multiple of the cycle 10ms, got 15ms: scans happen only at multiples of the cycle',
    ]],
    ['bad cycle', 'cycle: fast\nsteps:\n  - at: 0\n    set: { A: 1 }\n', [
      'tests/bad.yaml:1: cycle: expected a cycle time between 0 and 60s such as 10ms, got "fast"',
    ]],
    ['list value', 'steps:\n  - at: 0\n    set: { A: [1, 2] }\n', [
      'tests/bad.yaml:3: steps[0].set.A: expected a boolean, number or string, got a list',
    ]],
    ['null value', 'steps:\n  - at: 0\n    expect:\n      A:\n', [
      'tests/bad.yaml:4: steps[0].expect.A: expected a boolean, number or string, got nothing (or { value, tolerance } for a REAL)',
    ]],
    ['mapping value in set', 'steps:\n  - at: 0\n    set: { A: { value: 1 } }\n', [
      'tests/bad.yaml:3: steps[0].set.A: expected a boolean, number or string, got a mapping',
    ]],
    ['huge integer', 'steps:\n  - at: 0\n    set: { A: 12345678901234567890 }\n', [
      'tests/bad.yaml:3: steps[0].set.A: expected a boolean, number or string, got 12345678901234567000: integers this large lose digits; write it in quotes',
    ]],
    ['bad tolerance', 'steps:\n  - at: 0\n    expect: { A: { value: 1, tolerance: -1, within: 2 } }\n', [
      'tests/bad.yaml:3: steps[0].expect.A.within: unknown key; expected one of value, tolerance',
      'tests/bad.yaml:3: steps[0].expect.A.tolerance: expected a non-negative number or a duration such as 500ms, got -1',
    ]],
    ['bad variable name', 'steps:\n  - at: 0\n    set: { "Motor 1": true }\n', [
      'tests/bad.yaml:3: steps[0].set.Motor 1: "Motor 1" is not a variable name (Name, Program.name) or located address (%IX0.1)',
    ]],
    ['empty set', 'steps:\n  - at: 0\n    set: {}\n', [
      'tests/bad.yaml:3: steps[0].set: expected a mapping of variable name to value, e.g. { Start_PB: true }, got a mapping',
    ]],
    ['empty step', 'steps:\n  - at: 0\n', [
      'tests/bad.yaml:2: steps[0]: empty step: expected `set` and/or `expect` next to `at`',
    ]],
    ['empty steps', 'name: x\nsteps: []\n', [
      'tests/bad.yaml:2: steps: expected a non-empty list of steps, each with `at` and `set` and/or `expect`, got a list',
    ]],
    ['not a mapping', '- at: 0\n', ['tests/bad.yaml:1: expected a mapping with name, description, cycle, steps, got a list']],
    ['duplicate key', 'steps:\n  - at: 0\n    set: { A: 1, A: 2 }\n', ['tests/bad.yaml:3: not valid YAML: Map keys must be unique']],
    ['broken YAML', 'steps: [\n', ['tests/bad.yaml:2: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ];
  it.each(table)('%s', (_what, text, expected) => {
    const { scenario, problems } = parseScenario(text, 'tests/bad.yaml');
    expect(problems.map(formatScenarioProblem)).toEqual(expected);
    expect(scenario).toBeNull();
  });

  it('reports every problem of a file in line order', () => {
    const lines = problemsOf('cycle: 10ms\ncolour: red\nsteps:\n  - at: 5ms\n    set: { A: true }\n  - at: 1ms\n    expect: { B: [1] }\n');
    expect(lines.map((l) => l.split(':')[1])).toEqual(['2', '4', '6', '7']);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseScenario(text, 'x.yaml');
        return r.scenario !== null || r.problems.length > 0;
      }),
      { numRuns: 300 },
    );
  });

  it('refuses oversized files before parsing', () => {
    expect(problemsOf('#'.repeat(2 * 1024 * 1024))).toEqual(['tests/bad.yaml: file is larger than 1048576 bytes; not a scenario']);
  });
});

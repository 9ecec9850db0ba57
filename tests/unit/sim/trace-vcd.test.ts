import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src-main/sim/run-scenario.js';
import { parseScenario } from '../../../src-main/sim/scenario.js';
import { TraceRecorder, changes, fromCompactTrace, series, toCompactTrace, type Trace } from '../../../src-main/sim/trace.js';
import { traceToVcd, vcdId } from '../../../src-main/sim/vcd.js';
import { latchProgram } from './fake-program.js';

const GOLDEN = join(import.meta.dirname, 'golden/latch.vcd');

function latchTrace(): Trace {
  const { scenario } = parseScenario(
    `steps:
  - at: 0
    set: { Stop_PB_NC: true, Speed_SP: -5 }
  - at: 20ms
    set: { Start_PB: true }
  - at: 30ms
    set: { Start_PB: false, Speed_SP: 300 }
  - at: 100ms
    set: { Stop_PB_NC: false }
  - at: 120ms
    expect: { Motor: false }
`,
    'latch.yaml',
  );
  const r = runScenario(latchProgram(), scenario!, {
    traceVariables: ['Start_PB', 'Stop_PB_NC', 'Speed_SP', 'Motor', 'Lamp_Running', 'Speed_Out', 'Main.since', 'Main.msg'],
  });
  expect(r.passed).toBe(true);
  return r.trace;
}

/** Checks the shape GTKWave relies on without a VCD parser: header, one value per id at the start, rising times. */
function structure(vcd: string): { ids: string[]; times: number[] } {
  const lines = vcd.trimEnd().split('\n');
  expect(lines).toContain('$timescale 1 ms $end');
  expect(lines.some((l) => l.startsWith('$date'))).toBe(false);
  const end = lines.indexOf('$enddefinitions $end');
  expect(end).toBeGreaterThan(0);
  const ids = lines.slice(0, end).filter((l) => l.startsWith('$var ')).map((l) => l.split(' ')[3]!);
  expect(new Set(ids).size).toBe(ids.length);
  // Balanced scopes.
  expect(lines.filter((l) => l.startsWith('$scope')).length).toBe(lines.filter((l) => l === '$upscope $end').length);
  expect(lines[end + 1]).toBe('#0');
  expect(lines[end + 2]).toBe('$dumpvars');
  const dumpEnd = lines.indexOf('$end', end + 2);
  const idOf = (l: string): string => (l.startsWith('b') || l.startsWith('r') ? l.split(' ')[1]! : l.slice(1));
  expect(lines.slice(end + 3, dumpEnd).map(idOf).sort()).toEqual([...ids].sort());
  const times = lines.filter((l) => l.startsWith('#')).map((l) => Number(l.slice(1)));
  for (let k = 1; k < times.length; k++) expect(times[k]!).toBeGreaterThan(times[k - 1]!);
  for (const l of lines.slice(dumpEnd + 1)) if (!l.startsWith('#')) expect(ids).toContain(idOf(l));
  return { ids, times };
}

describe('trace', () => {
  it('records every scan, gives series and changes', () => {
    const t = latchTrace();
    expect(t.times.length).toBe(13);
    expect(series(t, 'motor')!.values.slice(0, 4)).toEqual([false, false, true, true]);
    expect(changes(t, 'Lamp_Running')).toEqual([
      { timeMs: 0, value: false },
      { timeMs: 70, value: true },
      { timeMs: 100, value: false },
    ]);
    expect(changes(t, 'Speed_SP')).toEqual([
      { timeMs: 0, value: -5 },
      { timeMs: 30, value: 300 },
    ]);
    expect(series(t, 'Nope')).toBeNull();
  });

  it('round-trips through the compact JSON form, bigint included', () => {
    const t = latchTrace();
    const c = toCompactTrace(t);
    expect(c.times).toEqual({ startMs: 0, stepMs: 10, count: 13 });
    expect(c.changes[3]).toEqual([[0, false], [2, true], [10, false]]);
    expect(fromCompactTrace(JSON.parse(JSON.stringify(c)))).toEqual(t);
    const big: Trace = { variables: [{ path: 'L', type: 'LINT' }], times: [0, 1.5, 4], values: [[1n, 1n, -(2n ** 63n)]], truncated: false };
    const cb = toCompactTrace(big);
    expect(cb.times).toEqual([0, 1.5, 4]);
    expect(JSON.parse(JSON.stringify(cb)).changes).toEqual([[[0, { n: '1' }], [2, { n: '-9223372036854775808' }]]]);
    expect(fromCompactTrace(JSON.parse(JSON.stringify(cb)))).toEqual(big);
  });

  it('stops sampling at its cap and says so', () => {
    const p = latchProgram();
    const rec = new TraceRecorder(p, [{ path: 'Motor', type: 'BOOL' }, { path: 'Start_PB', type: 'BOOL' }], 6);
    for (let k = 0; k < 5; k++) rec.sample(k * 10);
    expect(rec.trace.times).toEqual([0, 10, 20]);
    expect(rec.trace.truncated).toBe(true);
  });
});

describe('traceToVcd', () => {
  it('matches the golden file', () => {
    const vcd = traceToVcd(latchTrace());
    if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, vcd);
    expect(vcd).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('has the structure viewers need', () => {
    const vcd = traceToVcd(latchTrace());
    const { ids, times } = structure(vcd);
    expect(ids.length).toBe(7);
    expect(times).toEqual([0, 20, 30, 70, 100, 120]);
    // Two's complement in the INT's 16 bits, REAL as a real, the STRING named in a comment only.
    expect(vcd).toContain('b1111111111111011 ');
    expect(vcd).toMatch(/^\$var real 64 \S+ Speed_Out \$end$/m);
    expect(vcd).toContain('$comment not dumped (VCD has no string type): Main.msg $end');
    expect(vcd).toMatch(/^\$scope module Main \$end\n\$var integer 32 \S+ since \$end\n\$upscope \$end$/m);
  });

  it('uses microseconds for a fractional cycle and nests FB instance scopes', () => {
    const t: Trace = {
      variables: [
        { path: 'Main.t1.Q', type: 'BOOL' },
        { path: 'Main.arr[2]', type: 'USINT' },
        { path: '%IX0.1', type: 'BOOL' },
        { path: 'Main.x', type: 'LINT' },
      ],
      times: [0, 0.5, 1, 1.5],
      values: [[false, true, true, false], [0, 255, 255, 1], [true, true, true, true], [0n, -1n, -1n, -1n]],
      truncated: false,
    };
    const vcd = traceToVcd(t);
    structure(vcd.replace('$timescale 1 us $end', '$timescale 1 ms $end'));
    expect(vcd).toContain('$timescale 1 us $end');
    expect(vcd).toContain('$scope module IO $end\n$var wire 1 # %IX0_1 $end\n$upscope $end');
    expect(vcd).toContain('$scope module Main $end\n$var reg 8 " arr(2) $end\n$var integer 64 $ x $end\n$scope module t1 $end\n$var wire 1 ! Q $end\n$upscope $end\n$upscope $end');
    expect(vcd).toContain(`#500\n1!\nb11111111 "\nb${'1'.repeat(64)} $\n#1000\n#1500\n0!\nb1 "\n`.replace('#1000\n', ''));
  });

  it('identifier codes are unique and printable', () => {
    const ids = Array.from({ length: 20_000 }, (_, k) => vcdId(k));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((s) => /^[!-~]+$/.test(s))).toBe(true);
    expect([vcdId(0), vcdId(93), vcdId(94)]).toEqual(['!', '~', '!!']);
  });
});

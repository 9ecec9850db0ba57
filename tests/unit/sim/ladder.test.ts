import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../helpers/sim.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'formats');

describe('ladder runs on the soft-PLC', () => {
  it('runs a PLCopen LD function block (seal-in, set/reset coils, TON, rising-edge contact) scan by scan', () => {
    const xml = readFileSync(join(FIXTURES, 'plcopen', 'ld-fbd.xml'), 'utf8');
    const p = simulate(
      `VAR_GLOBAL\n Start, Stop, Motor, Running, Pulse : BOOL;\nEND_VAR\nPROGRAM Main\nVAR pump : FB_Pump; END_VAR\npump(bStart := Start, bStop := Stop, bMotor => Motor, bRunning => Running, bPulse => Pulse);\nEND_PROGRAM\n`,
      { extraFiles: [{ path: 'ld-fbd.xml', text: xml }], cycleMs: 100 },
    );
    p.set('Start', true);
    p.scan();
    expect([p.get('Motor'), p.get('Pulse')]).toEqual([true, true]);
    p.set('Start', false);
    p.scan();
    // Sealed in by its own contact; the edge contact gave a single pulse.
    expect([p.get('Motor'), p.get('Pulse')]).toEqual([true, false]);
    for (let i = 0; i < 48; i++) p.scan();
    expect(p.get('Running')).toBe(false);
    p.scan();
    expect(p.get('Running')).toBe(true);
    p.set('Stop', true);
    p.scan();
    expect([p.get('Motor'), p.get('Running')]).toEqual([false, false]);
  });

  it('runs a Studio 5000 RLL main routine translated to ST, with Logix timers and counters', () => {
    const l5x = readFileSync(join(FIXTURES, 'rockwell', 'PackLine.L5X'), 'utf8');
    const p = simulate('PROGRAM Main\n  MainProgram();\nEND_PROGRAM\n', { extraFiles: [{ path: 'PackLine.L5X', text: l5x }], cycleMs: 100 });
    const pre = p.get('FillTimer.PRE');
    expect(typeof pre).toBe('number');
    // The sample's Stop tag starts TRUE (its stored value); release it like an operator would.
    p.set('Stop', false);
    p.set('Start', true);
    p.scan();
    expect(p.get('Motor')).toBe(true);
    p.set('Start', false);
    // TON: enabled on the first scan, then accumulates 100 ms per scan until PRE.
    const scansToDone = Math.ceil((pre as number) / 100);
    for (let i = 0; i < scansToDone - 1; i++) p.scan();
    expect(p.get('FillTimer.DN')).toBe(false);
    p.scan();
    expect(p.get('FillTimer.DN')).toBe(true);
    expect(p.get('FillTimer.ACC')).toBe(pre);
    // The one-shot on DN counted exactly one part.
    p.scan();
    expect(p.get('PartCount.ACC')).toBe(1);
    p.set('Stop', true);
    p.scan();
    expect([p.get('Motor'), p.get('FillTimer.DN'), p.get('FillTimer.ACC')]).toEqual([false, false, 0]);
  });
});

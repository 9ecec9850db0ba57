import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proveBooleanEquivalence, type Atom } from '../../../src-main/formal/equivalence.js';
import { equivalenceFinding } from '../../../src-main/formal/findings.js';
import { readPlcopen } from '../../../src-main/plc/formats/plcopen.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'formats', 'plcopen', 'ld-fbd.xml');
const BOOLS = ['bStart', 'bStop', 'bReset', 'bOverload', 'bEnable', 'bMotor', 'bFault', 'bRunning', 'bPulse'];
const ATOMS: Atom[] = [...BOOLS, { name: 'tonRun', type: 'TON' }, { name: '_rtrig30', type: 'R_TRIG' }];

/** The FB_Pump ladder network written by hand, independently of the translator: seal-in, fault latch, timer, one-shot. */
const REFERENCE = `
IF bStop THEN
  bMotor := FALSE;
ELSIF bStart THEN
  bMotor := TRUE;
END_IF;
bFault := (bFault AND NOT bReset) OR (bOverload AND bEnable);
tonRun(IN := bMotor, PT := T#5S);
bRunning := tonRun.Q;
_rtrig30(CLK := bStart);
bPulse := _rtrig30.Q;
`;

function translated(): { st: string; temporaries: { name: string; type: string }[] } {
  const r = readPlcopen('ld-fbd.xml', readFileSync(FIXTURE, 'utf8'));
  return r.ladders.find((l) => l.pou === 'FB_Pump')!.translation;
}

describe('LD -> ST equivalence (BMC-EQUIV)', () => {
  it('proves the PLCopen fixture network equivalent to its ST translation', { timeout: 60_000 }, async () => {
    const t = translated();
    expect(t.temporaries).toEqual([{ name: '_rtrig30', type: 'R_TRIG' }]);
    const r = await proveBooleanEquivalence(REFERENCE, t.st, ATOMS);
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('proved');
    expect(equivalenceFinding(r, 'FB_Pump').severity).toBe('info');
  });

  it('refutes a translation with an AND/OR precedence mistake and gives a counterexample that really differs', { timeout: 60_000 }, async () => {
    const wrong = translated().st.replace('bMotor := (bStart OR bMotor) AND NOT bStop;', 'bMotor := bStart OR bMotor AND NOT bStop;');
    const r = await proveBooleanEquivalence(REFERENCE, wrong, ATOMS);
    expect(r.status).toBe('violated');
    const ce = r.counterexample!;
    expect(ce.differs.map((d) => d.name)).toContain('bMotor');
    // The counterexample is a real one: Start and Stop both pressed.
    expect([ce.before['bStart'], ce.before['bStop']]).toEqual([true, true]);
    const f = equivalenceFinding(r, 'FB_Pump');
    expect(f.severity).toBe('error');
    expect(f.evidence.facts.some((x) => x.includes('bMotor'))).toBe(true);
  });

  it('refutes a translation that drops the one-shot (the edge memory is part of the compared state)', { timeout: 60_000 }, async () => {
    const wrong = translated().st.replace('bPulse := _rtrig30.Q;', 'bPulse := bStart;');
    const r = await proveBooleanEquivalence(REFERENCE, wrong, ATOMS);
    expect(r.status).toBe('violated');
    expect(r.counterexample!.differs.map((d) => d.name)).toEqual(['bPulse']);
  });

  it('reports what it cannot encode instead of proving', async () => {
    const r = await proveBooleanEquivalence('x := y;', 'WHILE x DO x := FALSE; END_WHILE;', ['x', 'y']);
    expect(r.status).toBe('unsupported');
    expect(r.problems.join()).toContain('WHILE');
  });

  it('reports source errors', async () => {
    const r = await proveBooleanEquivalence('x := ;', 'x := y;', ['x', 'y']);
    expect(r.status).toBe('error');
    expect(r.problems.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { proveSafety } from '../../../src-main/formal/bmc.js';
import { inlineSite, siteVersion, status, unsupported } from './site-helpers.js';

// A press gated by a PLCopen two-hand control. The properties hold only through the block's behaviour, so they
// are proved only because the block is modelled exactly (with its outputs free they would be violated):
//  - guard, with the two buttons as the "guards": the press is off in every scan in which a button is released
//    (S_TwoHandOut only in 16#8000, entered and kept only while both buttons are TRUE);
//  - reset, with button 1 as the "reset": after an e-stop demand (Activate FALSE) the block starts again in
//    Init and enables only after both buttons were released and pressed again, so button 1 has a rising edge
//    before the press runs again;
//  - estop: Activate FALSE forces Idle with the output FALSE in the same scan.
// The unsafe variants (both block inputs wired to one button, a press output not gated by the block) are
// violated, and the soft-PLC replay never contradicts a counterexample.


const GVL = `VAR_GLOBAL
    EStop_OK   : BOOL;
    Button1    : BOOL;
    Button2    : BOOL;
    Start_PB   : BOOL;
    Press_Down : BOOL;
    Press_Diag : WORD;
END_VAR
`;

const main = (block: string, button2: string, press: string): string => `PROGRAM Main
VAR
    fbTwoHand : ${block};
END_VAR
fbTwoHand(Activate := EStop_OK, S_Button1 := Button1, S_Button2 := ${button2});
Press_Down := ${press};
Press_Diag := fbTwoHand.DiagCode;
END_PROGRAM
`;

function site(block: string, button2: string, press: string): string {
  return inlineSite('two-hand-press', {
    platform: 'codesys',
    entry: 'Main',
    files: { 'GVL.st': GVL, 'Main.st': main(block, button2, press) },
    estops: ['EStop_OK'],
    guards: ['Button1', 'Button2'],
    hazardous: ['Press_Down'],
    reset: 'Button1',
  });
}

const OPTS = { bound: 8, timeoutMs: 120_000 };
const GATED = 'fbTwoHand.S_TwoHandOut';

describe('formal: a press gated by a two-hand control', () => {
  for (const block of ['SF_TwoHandControlTypeII', 'SF_TwoHandControlTypeIII']) {
    it(`gated by ${block}.S_TwoHandOut: every property is proved through the block's model, with no havoc`, { timeout: 120_000 }, async () => {
      const r = await proveSafety(siteVersion(site(block, 'Button2', GATED)), OPTS);
      expect(unsupported(r)).toEqual([]);
      expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
      expect(r.havocs).toEqual([]);
      expect(r.abstractions.some((a) => a.includes(block) && a.includes('state machines exactly'))).toBe(true);
    });
  }

  it('both block inputs wired to button 1 (one button gates the press): guard violated', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(site('SF_TwoHandControlTypeII', 'Button1', GATED)), OPTS);
    expect(unsupported(r)).toEqual([]);
    // Button 2 released while button 1 holds the press down; the e-stop and the re-grip still act.
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'violated' });
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });

  it('a press output not gated by the block (a start button beside it): guard and reset violated', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(site('SF_TwoHandControlTypeII', 'Button2', `${GATED} OR (EStop_OK AND Start_PB)`)), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'proved', reset: 'violated', guard: 'violated' });
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });
});

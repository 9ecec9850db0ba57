import { describe, expect, it } from 'vitest';
import { proveSafety } from '../../../src-main/formal/bmc.js';
import { inlineSite, siteVersion, status, unsupported } from './site-helpers.js';

// Object-oriented plant code: an ARRAY OF an interface filled with FB instances, methods and a property called
// through it (with a constant and with a variable index), FB arrays under a variable index (method, call,
// output), THIS^ and a property of a derived block. The safe program proves every property; a method that
// switches the hazardous output on without the interlock, reached only through the dispatch, is violated.


const GVL = `VAR_GLOBAL
    EStop_OK     : BOOL;
    Guard_Closed : BOOL;
    Reset_PB     : BOOL;
    Start_PB     : BOOL;
    Jog_PB       : BOOL;
    Sel          : INT;
    Motor_A      : BOOL;
    Motor_B      : BOOL;
END_VAR
`;

const ITF = `INTERFACE I_Actuator
    METHOD Acknowledge : BOOL
    END_METHOD
    METHOD Jog
    END_METHOD
    PROPERTY Error : BOOL
    END_PROPERTY
END_INTERFACE
`;

const BASE = `FUNCTION_BLOCK ABSTRACT FB_Base IMPLEMENTS I_Actuator
VAR_INPUT
    bPermit : BOOL;
END_VAR
VAR
    _err : BOOL;
    _req : BOOL;
END_VAR
METHOD Acknowledge : BOOL
    Acknowledge := _err;
    _err := FALSE;
END_METHOD
METHOD Jog
    IF THIS^.Ready THEN
        _req := TRUE;
    END_IF
END_METHOD
PROPERTY Error : BOOL
GET
    Error := _err;
END_GET
END_PROPERTY
PROPERTY Ready : BOOL
GET
    Ready := bPermit AND NOT _err;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
`;

/** A drive whose Jog override is `jog` (safe: only with the interlock; unsafe: switches Motor_B on regardless). */
const drive = (jog: string): string => `FUNCTION_BLOCK FB_Drive EXTENDS FB_Base
VAR_OUTPUT
    bRun : BOOL;
END_VAR
IF NOT bPermit THEN
    _req := FALSE;
END_IF
bRun := _req AND bPermit;
METHOD Jog
${jog}
END_METHOD
END_FUNCTION_BLOCK
`;

const SAFE_JOG = `    IF bPermit AND EStop_OK AND Guard_Closed THEN
        Motor_B := TRUE;
    END_IF
    SUPER^.Jog();`;
const UNSAFE_JOG = `    Motor_B := TRUE;`;

/** Main: `call` is the jog request, made through the interface array or the FB array, with a variable index. */
const main = (call: string): string => `PROGRAM Main
VAR
    fbA     : FB_Drive;
    fbB     : FB_Drive;
    aAct    : ARRAY[1..2] OF I_Actuator;
    aDrv    : ARRAY[1..2] OF FB_Drive;
    i       : INT;
    latched : BOOL;
    bZone   : BOOL;
    bAnyErr : BOOL;
    rt      : R_TRIG;
END_VAR
rt(CLK := Reset_PB);
IF NOT (EStop_OK AND Guard_Closed) THEN
    latched := FALSE;
ELSIF rt.Q THEN
    latched := TRUE;
END_IF
bZone := latched AND EStop_OK AND Guard_Closed;
aAct[1] := fbA;
aAct[2] := fbB;
bAnyErr := FALSE;
FOR i := 1 TO 2 DO
    IF rt.Q THEN
        aAct[i].Acknowledge();
    END_IF
    bAnyErr := bAnyErr OR aAct[i].Error;
END_FOR
fbA(bPermit := bZone AND NOT bAnyErr);
fbB(bPermit := bZone AND NOT bAnyErr);
IF Sel >= 1 AND Sel <= 2 THEN
    aDrv[Sel](bPermit := bZone);
END_IF
Motor_A := (fbA.bRun OR (Sel >= 1 AND Sel <= 2 AND_THEN aDrv[Sel].bRun)) AND bZone;
Motor_B := fbB.bRun AND bZone;
IF Jog_PB AND Sel >= 1 AND Sel <= 2 THEN
    ${call}
END_IF
END_PROGRAM
`;

function site(call: string, jog: string): string {
  return inlineSite('oop-dispatch', {
    platform: 'codesys',
    entry: 'Main',
    files: { 'GVL.st': GVL, 'I_Actuator.st': ITF, 'FB_Base.st': BASE, 'FB_Drive.st': drive(jog), 'Main.st': main(call) },
    estops: ['EStop_OK'],
    guards: ['Guard_Closed'],
    hazardous: ['Motor_A', 'Motor_B'],
    reset: 'Reset_PB',
  });
}

const OPTS = { bound: 6, timeoutMs: 120_000 };

describe('formal: interface references and FB arrays under a variable index', () => {
  it('a method called through an interface array element is encoded: the safe program proves every property', { timeout: 180_000 }, async () => {
    const r = await proveSafety(siteVersion(site('aAct[Sel].Jog();', SAFE_JOG)), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
  });

  it('an interface method that sets the hazardous output without the interlock is violated', { timeout: 180_000 }, async () => {
    const r = await proveSafety(siteVersion(site('aAct[Sel].Jog();', UNSAFE_JOG)), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'violated', reset: 'violated', guard: 'violated' });
    // Replayed on the soft-PLC where it runs interface calls; a replay must never contradict the counterexample.
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });

  it('a method of an FB array element under a variable index is encoded: the safe program proves every property', { timeout: 180_000 }, async () => {
    const r = await proveSafety(siteVersion(site('aDrv[Sel].Jog();', SAFE_JOG)), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
  });

  it('the unsafe method reached through an FB array element under a variable index is violated', { timeout: 180_000 }, async () => {
    const r = await proveSafety(siteVersion(site('aDrv[Sel].Jog();', UNSAFE_JOG)), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'violated', reset: 'violated', guard: 'violated' });
    // Replayed on the soft-PLC where it runs interface calls; a replay must never contradict the counterexample.
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });

  it('a call through an interface reference that may be null faults: taken as unknown, never proved', { timeout: 180_000 }, async () => {
    // aAct[Sel] for Sel outside 1..2 is an index fault; here the jog runs through a reference never assigned.
    const r = await proveSafety(siteVersion(site('aAct[Sel].Jog(); aAct[1] := 0; aAct[1].Jog();', SAFE_JOG)), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(r.properties.every((p) => p.status === 'violated')).toBe(true);
    expect(r.abstractions.some((a) => a.includes('null interface reference'))).toBe(true);
  });
});

// A base method calling a sibling method that the derived block overrides: the PLC runs the override.
const overrideSite = (derivedCheck: string): string =>
  inlineSite('override', {
    platform: 'codesys',
    entry: 'Main',
    files: {
      'All.st': `VAR_GLOBAL
    EStop_OK : BOOL; Guard_Closed : BOOL; Reset_PB : BOOL; Start_PB : BOOL; Motor : BOOL;
END_VAR
FUNCTION_BLOCK FB_Base
VAR
    _on : BOOL;
END_VAR
METHOD Update
    _on := Start_PB AND Check();
END_METHOD
METHOD Check : BOOL
    Check := EStop_OK AND Guard_Closed;
END_METHOD
END_FUNCTION_BLOCK
FUNCTION_BLOCK FB_Derived EXTENDS FB_Base
VAR_OUTPUT
    Q : BOOL;
END_VAR
Q := _on;
METHOD Check : BOOL
    Check := ${derivedCheck};
END_METHOD
END_FUNCTION_BLOCK
PROGRAM Main
VAR
    d : FB_Derived;
END_VAR
d.Update();
d();
Motor := d.Q;
END_PROGRAM
`,
    },
    estops: ['EStop_OK'],
    guards: ['Guard_Closed'],
    hazardous: ['Motor'],
    reset: 'Reset_PB',
  });

describe('formal: dynamic dispatch of a sibling call to the derived override', () => {
  it('an interlocked override proves the e-stop and guard properties', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(overrideSite('SUPER^.Check()')), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(r.properties.find((p) => p.id === 'estop')!.status).toBe('proved');
    expect(r.properties.find((p) => p.id === 'guard')!.status).toBe('proved');
  });

  it('an override without the interlock is violated (the base version would have been safe)', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(overrideSite('TRUE')), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(r.properties.find((p) => p.id === 'estop')!.status).toBe('violated');
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });
});

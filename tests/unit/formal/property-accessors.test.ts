import { describe, expect, it } from 'vitest';
import { proveSafety } from '../../../src-main/formal/bmc.js';
import { inlineSite, siteVersion, status, unsupported } from './site-helpers.js';

// Property accessors are inlined like methods: GET where a property is read (also only in a condition, which
// the cone of influence must keep), SET where it is written (also through an interface reference).

const OPTS = { bound: 6, timeoutMs: 120_000 };

// A property read (or method result) only in the condition of an IF: the accessor's statements decide which
// branch runs, so the cone of influence keeps them (skipping them would read the property's default).
const condSite = (onIf: string): string =>
  inlineSite('prop-in-condition', {
    platform: 'codesys',
    entry: 'Main',
    files: {
      'All.st': `VAR_GLOBAL
    EStop_OK : BOOL; Guard_Closed : BOOL; Reset_PB : BOOL; Start_PB : BOOL; Motor : BOOL;
END_VAR
FUNCTION_BLOCK FB_Cmd
VAR
    _on : BOOL;
END_VAR
METHOD Update
    _on := ${onIf};
END_METHOD
PROPERTY On : BOOL
GET
    On := _on;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR
    cmd : FB_Cmd;
END_VAR
cmd.Update();
IF cmd.On THEN
    Motor := TRUE;
ELSE
    Motor := FALSE;
END_IF
END_PROGRAM
`,
    },
    estops: ['EStop_OK'],
    guards: ['Guard_Closed'],
    hazardous: ['Motor'],
    reset: 'Reset_PB',
  });

describe('formal: the cone of influence follows property reads in conditions', () => {
  it('a property that only gates an IF is encoded: the unsafe command is violated', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(condSite('Start_PB')), OPTS);
    expect(status(r)).toEqual({ estop: 'violated', reset: 'violated', guard: 'violated' });
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });

  it('the same program with the command interlocked proves the e-stop and guard properties', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(condSite('Start_PB AND EStop_OK AND Guard_Closed')), OPTS);
    expect(r.properties.find((p) => p.id === 'estop')!.status).toBe('proved');
    expect(r.properties.find((p) => p.id === 'guard')!.status).toBe('proved');
  });
});

// A property written through its SET accessor via an interface reference, and read back through THIS^.
const setterSite = (value: string): string =>
  inlineSite('prop-setter', {
    platform: 'codesys',
    entry: 'Main',
    files: {
      'All.st': `VAR_GLOBAL
    EStop_OK : BOOL; Guard_Closed : BOOL; Reset_PB : BOOL; Start_PB : BOOL; Motor : BOOL;
END_VAR
INTERFACE I_Cmd
    PROPERTY Enable : BOOL
    END_PROPERTY
END_INTERFACE
FUNCTION_BLOCK FB_Cmd IMPLEMENTS I_Cmd
VAR
    _en : BOOL;
END_VAR
METHOD Out : BOOL
    Out := THIS^.Enable;
END_METHOD
PROPERTY Enable : BOOL
GET
    Enable := _en;
END_GET
SET
    _en := Enable;
END_SET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR
    cmd : FB_Cmd;
    itf : I_Cmd;
END_VAR
itf := cmd;
itf.Enable := ${value};
Motor := cmd.Out();
END_PROGRAM
`,
    },
    estops: ['EStop_OK'],
    guards: ['Guard_Closed'],
    hazardous: ['Motor'],
    reset: 'Reset_PB',
  });

describe('formal: property SET accessors through an interface', () => {
  it('an interlocked value written through the setter proves the e-stop and guard properties', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(setterSite('Start_PB AND EStop_OK AND Guard_Closed')), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(r.properties.find((p) => p.id === 'estop')!.status).toBe('proved');
    expect(r.properties.find((p) => p.id === 'guard')!.status).toBe('proved');
  });

  it('a value written through the setter without the interlock is violated', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(setterSite('Start_PB')), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'violated', reset: 'violated', guard: 'violated' });
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });
});

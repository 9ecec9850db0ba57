import { describe, expect, it } from 'vitest';
import { proveSafety } from '../../../src-main/formal/bmc.js';
import { inlineSite, siteVersion, status, unsupported } from './site-helpers.js';

// An S7 organization block as the site's entry, and a global of a qualified_only GVL written and read through
// its GVL's name from inside a user FB: both are encoded (no "unsupported"), the safe program proves every
// property, and a variant that bypasses the e-stop is found violated (and replayed on the soft-PLC).


const SCL_TAGS = `VAR_GLOBAL
   "EStop_OK" AT %I0.0 : Bool;
   "Guard_Closed" AT %I0.1 : Bool;
   "Reset_PB" AT %I0.2 : Bool;
   "Start_PB" AT %I0.3 : Bool;
   "Q_Motor" AT %Q0.0 : Bool;
END_VAR
`;

const SCL_FB = `FUNCTION_BLOCK "FB_Safety"
   VAR_INPUT
      Req : Bool;
   END_VAR
   VAR_OUTPUT
      Out : Bool;
   END_VAR
   VAR
      rtReset : R_TRIG;
      latched : Bool;
   END_VAR
   VAR_TEMP
      chainOk : Bool;
   END_VAR
BEGIN
    #chainOk := "EStop_OK" AND "Guard_Closed";
    #rtReset(CLK := "Reset_PB");
    IF NOT #chainOk THEN
        #latched := FALSE;
    ELSIF #rtReset.Q THEN
        #latched := TRUE;
    END_IF;
    #Out := #Req AND #chainOk AND #latched;
END_FUNCTION_BLOCK

DATA_BLOCK "DB_Safety"
"FB_Safety"
BEGIN
END_DATA_BLOCK
`;

const ob = (motor: string): string => `ORGANIZATION_BLOCK "Main"
BEGIN
    "DB_Safety"(Req := "Start_PB");
    "Q_Motor" := ${motor};
END_ORGANIZATION_BLOCK
`;

function s7Site(motor: string): string {
  return inlineSite('s7-ob', {
    platform: 'tia',
    entry: 'Main',
    files: { 'Tags.scl': SCL_TAGS, 'FB_Safety.scl': SCL_FB, 'Main.scl': ob(motor) },
    estops: ['EStop_OK'],
    guards: ['Guard_Closed'],
    hazardous: ['Q_Motor'],
    reset: 'Reset_PB',
  });
}

const GVL_IO = `VAR_GLOBAL
    EStop_OK     : BOOL;
    Guard_Closed : BOOL;
    Reset_PB     : BOOL;
    Run_PB       : BOOL;
    Bypass_Key   : BOOL;
    Q_Motor      : BOOL;
END_VAR
`;

const GVL_SAFETY = `{attribute 'qualified_only'}
VAR_GLOBAL
    Safe_Enable : BOOL;
    Enable_Echo : BOOL;
END_VAR
`;

const chainFb = (enable: string): string => `FUNCTION_BLOCK FB_Chain
VAR
    rtReset : R_TRIG;
    latched : BOOL;
END_VAR
rtReset(CLK := Reset_PB);
IF NOT (EStop_OK AND Guard_Closed) THEN
    latched := FALSE;
ELSIF rtReset.Q THEN
    latched := TRUE;
END_IF
GVL_Safety.Safe_Enable := ${enable};
GVL_Safety.Enable_Echo := GVL_Safety.Safe_Enable;
END_FUNCTION_BLOCK
`;

const GVL_MAIN = `PROGRAM Main
VAR
    Chain : FB_Chain;
END_VAR
Chain();
Q_Motor := Run_PB AND GVL_Safety.Enable_Echo;
END_PROGRAM
`;

function gvlSite(enable: string): string {
  return inlineSite('gvl-qualified', {
    platform: 'twincat',
    entry: 'Main',
    files: { 'GVL_IO.st': GVL_IO, 'GVL_Safety.st': GVL_SAFETY, 'FB_Chain.st': chainFb(enable), 'Main.st': GVL_MAIN },
    estops: ['EStop_OK'],
    guards: ['Guard_Closed'],
    hazardous: ['Q_Motor'],
    reset: 'Reset_PB',
  });
}

const OPTS = { bound: 6, timeoutMs: 60_000 };

describe('formal: S7 organization block as the entry', () => {
  it('an OB entry calling an instance DB is encoded and proves every property', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(s7Site('"DB_Safety".Out')), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
  });

  it('an OB whose output ignores the e-stop is violated, and the soft-PLC reproduces it', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(s7Site('"Start_PB"')), OPTS);
    expect(unsupported(r)).toEqual([]);
    const estop = r.properties.find((p) => p.id === 'estop')!;
    expect(estop.status).toBe('violated');
    expect(estop.confirmed).toBe(true);
  });
});

describe('formal: a qualified_only GVL written and read through its name', () => {
  it('GVL_Safety.X written in a user FB is the same global as read elsewhere: proved', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(gvlSite('latched AND EStop_OK AND Guard_Closed')), OPTS);
    expect(unsupported(r)).toEqual([]);
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
  });

  it('a GVL-qualified write that bypasses the e-stop is violated, and the soft-PLC reproduces it', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(gvlSite('(latched AND EStop_OK AND Guard_Closed) OR Bypass_Key')), OPTS);
    expect(unsupported(r)).toEqual([]);
    for (const p of r.properties) {
      expect(p.status).toBe('violated');
      expect(p.confirmed).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { simulate } from '../../helpers/sim.js';

// Property accessors and S7 organization blocks on the soft-PLC.
describe('soft-PLC property accessors', () => {
  it('a getter that assigns its value runs (the value variable is declared once)', () => {
    const p = simulate(`
FUNCTION_BLOCK FB_A
VAR x : BOOL; n : INT; END_VAR
  x := TRUE;
  n := n + 1;
PROPERTY P : BOOL
GET
  P := x;
END_GET
END_PROPERTY
PROPERTY N2 : INT
GET
  N2 := n * 2;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR fb : FB_A; b : BOOL; k : INT; END_VAR
  fb();
  b := fb.P;
  k := fb.N2;
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([p.get('Main.b'), p.get('Main.k')]).toEqual([true, 2]);
    p.scan();
    expect(p.get('Main.k')).toBe(4);
  });

  it('a getter that does not assign returns the declared type\'s default, also for a typed default', () => {
    const p = simulate(`
TYPE T_Lvl : INT := 7; END_TYPE
FUNCTION_BLOCK FB_B
VAR c : BOOL; END_VAR
PROPERTY L : T_Lvl
GET
  IF c THEN L := 1; END_IF
END_GET
END_PROPERTY
PROPERTY Q : INT
GET
  IF c THEN Q := 1; END_IF
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR fb : FB_B; l : INT; q : INT; END_VAR
  fb();
  l := fb.L;
  q := fb.Q;
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([p.get('Main.l'), p.get('Main.q')]).toEqual([7, 0]);
  });

  it('a setter that reads its value compiles (its value is the parameter, not a second local)', () => {
    const p = simulate(`
FUNCTION_BLOCK FB_C
VAR_OUTPUT y : INT; END_VAR
PROPERTY S : INT
SET
  y := S + 1;
END_SET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR fb : FB_C; END_VAR
  fb();
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
  });
});

describe('soft-PLC organization blocks', () => {
  const SCL = `
FUNCTION_BLOCK "FB_Count"
VAR_INPUT en : Bool; END_VAR
VAR_OUTPUT n : Int; END_VAR
BEGIN
  IF #en THEN #n := #n + 1; END_IF;
END_FUNCTION_BLOCK

DATA_BLOCK "DB_Count"
"FB_Count"
BEGIN
END_DATA_BLOCK

ORGANIZATION_BLOCK "Main"
VAR_TEMP t : Int; END_VAR
BEGIN
  "DB_Count"(en := TRUE);
  #t := "DB_Count".n * 10;
  "Out" := #t;
END_ORGANIZATION_BLOCK
`;
  const TAGS = 'VAR_GLOBAL\n  "Out" : Int;\nEND_VAR\n';

  it('an ORGANIZATION_BLOCK named as the entry runs each cycle like a program', () => {
    const p = simulate(SCL, { dialect: 'scl', extraFiles: [{ path: 'tags.scl', text: TAGS }] });
    p.scan();
    p.scan();
    expect(p.fault).toBeNull();
    expect(p.get('Out')).toBe(20);
  });

  it('an entry that is neither a PROGRAM nor an ORGANIZATION_BLOCK is still refused', () => {
    expect(() => simulate(SCL, { dialect: 'scl', entry: 'FB_Count', extraFiles: [{ path: 'tags.scl', text: TAGS }] })).toThrow(/entry program FB_Count is not a PROGRAM or ORGANIZATION_BLOCK of this site/);
  });
});

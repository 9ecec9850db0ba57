import { describe, expect, it } from 'vitest';
import { runOnce, simulate } from '../../helpers/sim.js';

// Declared initial values of structured and user-defined types, as the soft-PLC sets them at a cold start.
const TYPES = `
TYPE E_State : (IDLE, RUN, FAULT); END_TYPE
TYPE E_Mode : (OFF, AUTO, MANUAL) := AUTO; END_TYPE
TYPE T_Level : REAL := 42.0; END_TYPE
TYPE T_Level2 : T_Level; END_TYPE
TYPE T_Pct : INT(0..100) := 50; END_TYPE
TYPE T_Low : INT(5..10); END_TYPE
TYPE ST_Tank :
STRUCT
  FillLevel : REAL := 80.0;
  Name : STRING := 'T1';
  Count : INT;
  Ok : BOOL := TRUE;
  State : E_State := E_State.RUN;
  Mode : E_Mode;
  Level : T_Level;
  Pct : T_Pct;
  Low : T_Low;
  Limits : ARRAY[1..3] OF INT := [1, 2, 3];
  Hold : TIME := T#2S;
END_STRUCT
END_TYPE
TYPE ST_Plant :
STRUCT
  Tank : ST_Tank;
  Inner : ST_Tank := (FillLevel := 10.0, Limits := [7]);
  MaxTanks : INT := 5;
END_STRUCT
END_TYPE
TYPE ST_Small : ST_Tank := (FillLevel := 5.0); END_TYPE
TYPE ST_Big EXTENDS ST_Tank :
STRUCT
  Extra : DINT := 99;
END_STRUCT
END_TYPE
`;

/** The member defaults of ST_Tank under a path prefix. */
function tankDefaults(prefix: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const d: Record<string, unknown> = {
    FillLevel: 80, Name: 'T1', Count: 0, Ok: true, State: 1, Mode: 1, Level: 42, Pct: 50, Low: 5, 'Limits[1]': 1, 'Limits[2]': 2, 'Limits[3]': 3, Hold: 2000, ...over,
  };
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [`${prefix}.${k}`, v]));
}

function program(vars: string, body = ''): string {
  return `${TYPES}\nPROGRAM Main\nVAR\n${vars}\nEND_VAR\n${body}\nEND_PROGRAM\n`;
}

// Each row: declarations of Main, expected values right after a cold start (before any scan).
const CASES: [string, string, Record<string, unknown>][] = [
  ['a struct variable takes its members\' declared defaults', 't : ST_Tank;', tankDefaults('Main.t')],
  ['a nested struct takes its own defaults, a member initialiser overrides some of them', 'p : ST_Plant;', {
    ...tankDefaults('Main.p.Tank'),
    ...tankDefaults('Main.p.Inner', { FillLevel: 10, 'Limits[1]': 7, 'Limits[2]': 0, 'Limits[3]': 0 }),
    'Main.p.MaxTanks': 5,
  }],
  ['every element of an ARRAY OF struct gets the member defaults', 'a : ARRAY[1..3] OF ST_Tank;', {
    ...tankDefaults('Main.a[1]'), ...tankDefaults('Main.a[2]'), ...tankDefaults('Main.a[3]'),
  }],
  ['an explicit initialiser overrides only the members it names', "t : ST_Tank := (FillLevel := 50.0, Name := 'X');", tankDefaults('Main.t', { FillLevel: 50, Name: 'X' })],
  ['a nested explicit initialiser keeps the rest of the member\'s declared default', 'p : ST_Plant := (Inner := (Count := 3), MaxTanks := 2);', {
    ...tankDefaults('Main.p.Inner', { FillLevel: 10, Count: 3, 'Limits[1]': 7, 'Limits[2]': 0, 'Limits[3]': 0 }),
    ...tankDefaults('Main.p.Tank'),
    'Main.p.MaxTanks': 2,
  }],
  ['an array initialiser of structs: listed elements merge, the rest take the defaults', 'a : ARRAY[1..3] OF ST_Tank := [(FillLevel := 1.0), (Count := 2)];', {
    ...tankDefaults('Main.a[1]', { FillLevel: 1 }), ...tankDefaults('Main.a[2]', { Count: 2 }), ...tankDefaults('Main.a[3]'),
  }],
  ['a struct alias with its own initialiser', 'sm : ST_Small; sm2 : ST_Small := (Count := 1);', { ...tankDefaults('Main.sm', { FillLevel: 5 }), ...tankDefaults('Main.sm2', { FillLevel: 5, Count: 1 }) }],
  ['an extended struct keeps its base\'s defaults', 'b : ST_Big;', { ...tankDefaults('Main.b'), 'Main.b.Extra': 99 }],
  ['array initialiser lists, repeats and short lists', 'a : ARRAY[1..3] OF INT := [1, 2, 3]; r : ARRAY[1..4] OF INT := [3(7), 9]; s : ARRAY[0..3] OF INT := [5]; m : ARRAY[1..2, 1..2] OF INT := [2(1), 2(2)];', {
    'Main.a[1]': 1, 'Main.a[2]': 2, 'Main.a[3]': 3, 'Main.r[1]': 7, 'Main.r[3]': 7, 'Main.r[4]': 9, 'Main.s[0]': 5, 'Main.s[1]': 0, 'Main.s[3]': 0,
  }],
  ['arrays of user types take the type default', 'l : ARRAY[1..2] OF T_Level; e : ARRAY[1..2] OF E_Mode; q : ARRAY[1..2] OF T_Pct := [7];', {
    'Main.l[1]': 42, 'Main.l[2]': 42, 'Main.e[1]': 1, 'Main.e[2]': 1, 'Main.q[1]': 7, 'Main.q[2]': 50,
  }],
  ['aliases, subranges and enums with a TYPE default', 'l : T_Level; l2 : T_Level2; l3 : T_Level := 1.5; pc : T_Pct; lo : T_Low; md : E_Mode; st : E_State; st2 : E_State := FAULT;', {
    'Main.l': 42, 'Main.l2': 42, 'Main.l3': 1.5, 'Main.pc': 50, 'Main.lo': 5, 'Main.md': 1, 'Main.st': 0, 'Main.st2': 2,
  }],
];

describe('soft-PLC initial values of structured and user types', () => {
  it.each(CASES)('%s', (_name, vars, expected) => {
    const p = simulate(program(vars));
    expect(p.fault).toBeNull();
    for (const [path, value] of Object.entries(expected)) expect(p.get(path), path).toEqual(value);
  });

  it('elements of an ARRAY OF struct are distinct objects', () => {
    const p = simulate(program('a : ARRAY[1..2] OF ST_Tank; p : ST_Plant;', 'a[1].FillLevel := 1.0; a[1].Limits[1] := 9; p.Tank.Count := 4;'));
    p.scan();
    expect([p.get('Main.a[1].FillLevel'), p.get('Main.a[2].FillLevel'), p.get('Main.a[1].Limits[1]'), p.get('Main.a[2].Limits[1]')]).toEqual([1, 80, 9, 1]);
    expect([p.get('Main.p.Tank.Count'), p.get('Main.p.Inner.Count')]).toEqual([4, 0]);
  });

  it('FB members of struct type (VAR_INPUT, VAR_OUTPUT, VAR) take the member defaults', () => {
    const p = simulate(`${TYPES}
FUNCTION_BLOCK FB_Tank
VAR_INPUT inp : ST_Tank; END_VAR
VAR_OUTPUT outp : ST_Tank := (Count := 6); level : REAL; inner : INT; state : E_State; END_VAR
VAR own : ST_Plant; END_VAR
  level := inp.FillLevel;
  inner := own.MaxTanks;
  state := own.Tank.State;
END_FUNCTION_BLOCK
FUNCTION F_Level : REAL
VAR t : ST_Tank; END_VAR
  F_Level := t.FillLevel + t.Level;
END_FUNCTION
PROGRAM Main
VAR fb : FB_Tank; a, b, c, d : REAL; n : INT; s : E_State; END_VAR
  fb();
  a := fb.level;
  b := fb.outp.FillLevel;
  n := fb.outp.Count + fb.inner;
  c := F_Level();
  d := fb.inp.Level;
  s := fb.state;
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([p.get('Main.a'), p.get('Main.b'), p.get('Main.n'), p.get('Main.c'), p.get('Main.d'), p.get('Main.s')]).toEqual([80, 80, 11, 122, 42, 1]);
  });

  it('struct variables in a GVL take the member defaults', () => {
    const p = simulate(`${TYPES}
VAR_GLOBAL
  gTank : ST_Tank;
  gPlant : ST_Plant := (MaxTanks := 8);
  gLevel : T_Level;
END_VAR
PROGRAM Main
VAR x : REAL; END_VAR
  x := gTank.FillLevel + gPlant.Inner.FillLevel;
END_PROGRAM
`);
    for (const [path, value] of Object.entries({ ...tankDefaults('gTank'), 'gPlant.MaxTanks': 8, 'gPlant.Inner.FillLevel': 10, gLevel: 42 })) expect(p.get(path), path).toEqual(value);
    p.scan();
    expect(p.get('Main.x')).toBe(90);
  });

  it('struct member defaults may name global constants and enum values', () => {
    const p = simulate(`
VAR_GLOBAL
  gCfg : ST_Cfg;
END_VAR
VAR_GLOBAL CONSTANT
  c_Max : INT := 12;
END_VAR
TYPE E_State : (IDLE, RUN, FAULT); END_TYPE
TYPE ST_Cfg :
STRUCT
  Max : INT := c_Max;
  Twice : INT := c_Max * 2;
  State : E_State := FAULT;
END_STRUCT
END_TYPE
PROGRAM Main
VAR cfg : ST_Cfg; END_VAR
  cfg.Max := cfg.Max;
END_PROGRAM
`);
    expect([p.get('Main.cfg.Max'), p.get('Main.cfg.Twice'), p.get('Main.cfg.State')]).toEqual([12, 24, 2]);
    // A GVL struct declared above the constant its default names.
    expect([p.get('gCfg.Max'), p.get('gCfg.Twice')]).toEqual([12, 24]);
  });

  it('a warm restart keeps RETAIN structs and resets the others to their declared defaults', () => {
    const p = simulate(`${TYPES}
PROGRAM Main
VAR RETAIN kept : ST_Tank; END_VAR
VAR lost : ST_Tank; END_VAR
  kept.FillLevel := kept.FillLevel + 1.0;
  lost.FillLevel := lost.FillLevel + 1.0;
  kept.State := E_State.FAULT;
END_PROGRAM
`);
    p.scan();
    p.scan();
    expect([p.get('Main.kept.FillLevel'), p.get('Main.lost.FillLevel')]).toEqual([82, 82]);
    p.restart('warm');
    expect([p.get('Main.kept.FillLevel'), p.get('Main.kept.State'), p.get('Main.lost.FillLevel'), p.get('Main.lost.Ok')]).toEqual([82, 2, 80, true]);
    p.restart('cold');
    expect([p.get('Main.kept.FillLevel'), p.get('Main.kept.State')]).toEqual([80, 1]);
  });

  it('plain initialisers still work next to struct ones', () => {
    const p = runOnce('a : INT := 3; r : REAL := 2.5; b : BOOL := TRUE;', 'a := a + 1;');
    expect([p.get('Main.a'), p.get('Main.r'), p.get('Main.b')]).toEqual([4, 2.5, true]);
  });
});

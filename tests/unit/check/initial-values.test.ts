import { prog, runCases, type Case } from './cases.js';

const IEC = { dialect: 'iec' as const };

const TYPES = `TYPE E_State : (IDLE, RUN, FAULT); END_TYPE
TYPE E_Mode : (OFF, AUTO, MANUAL) := AUTO; END_TYPE
TYPE T_Level : REAL := 42.0; END_TYPE
TYPE T_Pct : INT(0..100) := 50; END_TYPE
TYPE ST_Tank :
STRUCT
  FillLevel : REAL := 80.0;
  Name : STRING := 'T1';
  State : E_State := E_State.RUN;
  Other : E_State := FAULT;
  Mode : E_Mode;
  Level : T_Level := 1.5;
  Pct : T_Pct := 10;
  Limits : ARRAY[1..3] OF INT := [1, 2, 3];
  Zeros : ARRAY[1..4] OF INT := [4(0)];
  Max : INT := c_Max * 2;
END_STRUCT
END_TYPE
TYPE ST_Plant :
STRUCT
  Inner : ST_Tank := (FillLevel := 10.0, Limits := [7], State := E_State.IDLE);
END_STRUCT
END_TYPE
VAR_GLOBAL CONSTANT
  c_Max : INT := 12;
END_VAR
`;

const CASES: Case[] = [
  {
    name: 'struct member defaults, TYPE defaults and initialisers of struct and array variables are accepted',
    input: `${TYPES}${prog(
      "  t : ST_Tank := (FillLevel := 50.0, Name := 'X');\n  p : ST_Plant := (Inner := (Pct := 3));\n  a : ARRAY[1..2] OF ST_Tank := [(Max := 1), (State := E_State.FAULT)];\n  l : T_Level; m : E_Mode := MANUAL; s : E_State := E_State.RUN;",
      't.Max := p.Inner.Max + a[1].Max; l := l + 1.0; m := E_Mode.OFF; s := E_State.IDLE;',
    )}`,
    expected: [],
  },
  {
    name: 'the same declarations are accepted in IEC',
    input: `${TYPES}${prog('  t : ST_Tank; l : T_Level;', 't.FillLevel := l;')}`,
    expected: [],
    options: IEC,
  },
  {
    name: 'wrong struct member defaults are reported where they are written',
    input: `TYPE E_State : (IDLE, RUN); END_TYPE
TYPE ST_X :
STRUCT
  A : INT := 1;
END_STRUCT
END_TYPE
TYPE ST_Bad :
STRUCT
  FillLevel : REAL := 'abc';
  State : E_State := E_State.NOPE;
  Max : INT := c_Missing;
  Inner : ST_X := (Nope := 1);
END_STRUCT
END_TYPE
${prog('  b : ST_Bad;', 'b.Max := 1;')}`,
    expected: [
      'ST2020 9:23 initial value of FillLevel: cannot convert STRING literal to REAL',
      'ST2008 10:30 enumeration E_State has no value NOPE',
      'ST2001 11:16 undeclared identifier c_Missing',
      'ST2008 12:20 ST_X has no member Nope',
    ],
  },
  {
    name: 'wrong TYPE defaults are reported',
    input: `TYPE E_State : (IDLE, RUN); END_TYPE
TYPE T_Level : INT := TRUE; END_TYPE
TYPE E_Mode : (OFF, AUTO) := RUN; END_TYPE
TYPE T_Pct : INT(0..100) := 150; END_TYPE
${prog('  l : T_Level; m : E_Mode; p : T_Pct;', 'l := p; m := E_Mode.OFF;')}`,
    expected: [
      'ST2020 2:23 initial value of T_Level: cannot convert BOOL to INT',
      'ST2020 3:30 initial value of E_Mode: cannot convert E_State to E_Mode',
      'ST2026 4:29 150 is outside the subrange 0..100 of T_Pct',
    ],
    options: IEC,
  },
];

runCases('checker: initial values of structured and user types', CASES);

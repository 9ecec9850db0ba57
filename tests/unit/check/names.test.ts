import { describe, it } from 'vitest';
import { check, type CheckCaseOptions, type CheckInput } from '../../helpers/check.js';

interface Case {
  name: string;
  input: CheckInput;
  expected: string[];
  options?: CheckCaseOptions;
}

const FB_BASE = `FUNCTION_BLOCK FB_Base
VAR_INPUT
  Enable : BOOL;
END_VAR
VAR_OUTPUT
  Busy : BOOL;
END_VAR
VAR
  count : INT;
END_VAR
count := count + 1;
Busy := Enable;
METHOD Reset : BOOL
VAR_INPUT
  hard : BOOL;
END_VAR
count := 0;
Reset := hard;
END_METHOD
PROPERTY Counter : INT
GET
  Counter := count;
END_GET
SET
  count := Counter;
END_SET
END_PROPERTY
END_FUNCTION_BLOCK
`;

const CASES: Case[] = [
  {
    name: 'undeclared identifier',
    input: `PROGRAM Main
VAR
  x : INT;
END_VAR
x := y + 1;
END_PROGRAM`,
    expected: ['ST2001 5:6 undeclared identifier y'],
  },
  {
    name: 'names are case-insensitive',
    input: `PROGRAM Main
VAR
  Counter : INT;
END_VAR
COUNTER := counter + 1;
END_PROGRAM`,
    expected: [],
  },
  {
    name: 'unused local, but not inputs, outputs, globals or FB instances used by member',
    input: {
      'gvl.st': `VAR_GLOBAL
  gUnused : BOOL;
END_VAR`,
      'main.st': `FUNCTION_BLOCK FB_A
VAR_INPUT
  i : BOOL;
END_VAR
VAR_OUTPUT
  q : BOOL;
END_VAR
VAR
  spare : INT;
  t : TON;
END_VAR
IF t.Q THEN
  RETURN;
END_IF;
END_FUNCTION_BLOCK`,
    },
    expected: ['ST2004 main.st:9:3 unused variable spare'],
  },
  {
    name: 'a variable only written counts as used',
    input: `PROGRAM Main
VAR
  b : BOOL;
END_VAR
b := TRUE;
END_PROGRAM`,
    expected: [],
  },
  {
    name: 'duplicate variable across blocks of one POU',
    input: `FUNCTION_BLOCK FB_A
VAR_INPUT
  x : BOOL;
END_VAR
VAR
  X : INT;
END_VAR
END_FUNCTION_BLOCK`,
    expected: ['ST2002 6:3 X is declared twice in FB_A'],
  },
  {
    name: 'duplicate POU across files',
    input: {
      'a.st': `FUNCTION_BLOCK FB_A
END_FUNCTION_BLOCK`,
      'b.st': `FUNCTION_BLOCK fb_a
END_FUNCTION_BLOCK`,
    },
    expected: ['ST2002 b.st:1:16 fb_a is declared twice in the site'],
  },
  {
    name: 'duplicate global variable',
    input: {
      'a.st': `VAR_GLOBAL
  Start : BOOL;
END_VAR`,
      'b.st': `VAR_GLOBAL
  START : BOOL;
END_VAR`,
    },
    expected: ['ST2002 b.st:2:3 global variable START is declared twice'],
  },
  {
    name: 'names resolve across files: globals, FBs, functions',
    input: {
      'gvl.st': `VAR_GLOBAL
  Start_PB AT %IX0.0 : BOOL;
  Motor AT %QX0.0 : BOOL;
END_VAR`,
      'fb.st': `FUNCTION_BLOCK FB_Motor
VAR_INPUT
  Run : BOOL;
END_VAR
VAR_OUTPUT
  Out : BOOL;
END_VAR
Out := Run;
END_FUNCTION_BLOCK`,
      'main.st': `PROGRAM Main
VAR
  m : FB_Motor;
END_VAR
m(Run := Start_PB, Out => Motor);
END_PROGRAM`,
    },
    expected: [],
  },
  {
    name: 'named GVL: qualified and unqualified access',
    input: {
      'GVL.TcGVL': `VAR_GLOBAL
  Speed : INT;
END_VAR`,
      'main.st': `PROGRAM Main
GVL.Speed := 5;
Speed := GVL.Speed + 1;
GVL.Sped := 1;
END_PROGRAM`,
    },
    expected: ['ST2008 main.st:4:5 GVL has no variable Sped'],
  },
  {
    name: "qualified_only GVL needs the GVL name",
    input: {
      'GVL.TcGVL': `{attribute 'qualified_only'}
VAR_GLOBAL
  Speed : INT;
END_VAR`,
      'main.st': `PROGRAM Main
GVL.Speed := 5;
Speed := 1;
END_PROGRAM`,
    },
    expected: ['ST2001 main.st:3:1 undeclared identifier Speed'],
  },
  {
    name: 'enumerations: qualified, typed literal and bare values',
    input: `TYPE E_State : (Idle, Run := 5, Stop); END_TYPE
PROGRAM Main
VAR
  s : E_State;
END_VAR
s := E_State.Run;
s := E_State#Stop;
s := Idle;
s := E_State.Walk;
s := E_Mode#Idle;
END_PROGRAM`,
    expected: ['ST2008 9:14 E_State has no value Walk', 'ST2001 10:6 undeclared enumeration type E_Mode'],
  },
  {
    name: "qualified_only enumeration values need their type",
    input: `TYPE
{attribute 'qualified_only'}
E_State : (Idle, Run);
END_TYPE
PROGRAM Main
VAR
  s : E_State;
END_VAR
s := E_State.Idle;
s := Run;
END_PROGRAM`,
    expected: ['ST2009 10:6 must be written E_State.Run'],
  },
  {
    name: 'duplicate enumeration value',
    input: `TYPE E_State : (Idle, Run, idle); END_TYPE`,
    expected: ['ST2002 1:28 duplicate enumeration value idle'],
  },
  {
    name: 'unknown type',
    input: `PROGRAM Main
VAR
  a : FB_Missing;
  b : ARRAY[1..3] OF Unknown_T;
END_VAR
a();
b[1] := 0;
END_PROGRAM`,
    expected: ['ST2003 3:7 unknown type FB_Missing', 'ST2003 4:22 unknown type Unknown_T'],
  },
  {
    name: 'inheritance: derived FB sees base variables, SUPER^ and THIS^, methods and properties',
    input: {
      'base.st': FB_BASE,
      'derived.st': `FUNCTION_BLOCK FB_Derived EXTENDS FB_Base
VAR
  extra : BOOL;
END_VAR
SUPER^();
extra := THIS^.Busy AND Enable;
count := THIS^.Counter + 1;
IF SUPER^.Reset(hard := TRUE) THEN
  THIS^.Counter := 0;
END_IF;
Reset(FALSE);
END_FUNCTION_BLOCK`,
      'main.st': `PROGRAM Main
VAR
  d : FB_Derived;
  n : INT;
END_VAR
d(Enable := TRUE);
n := d.Counter;
d.Reset(hard := FALSE);
d.Nope := 1;
END_PROGRAM`,
    },
    expected: ['ST2008 main.st:9:3 FB_Derived has no member Nope'],
  },
  {
    name: 'THIS outside a function block, SUPER without EXTENDS',
    input: `FUNCTION_BLOCK FB_A
VAR
  x : INT;
END_VAR
x := SUPER^.x;
END_FUNCTION_BLOCK
FUNCTION F : INT
F := THIS^.x;
END_FUNCTION`,
    expected: ['ST2054 5:6 SUPER needs', 'ST2054 8:6 THIS is only available'],
  },
  {
    name: 'actions see the variables of their POU, nested and top level',
    input: `FUNCTION_BLOCK FB_A
VAR
  step : INT;
  done : BOOL;
END_VAR
Init();
ACTION Init:
  step := 0;
END_ACTION
END_FUNCTION_BLOCK
ACTION FB_A.Finish:
  done := step = 10;
END_ACTION
PROGRAM Main
VAR
  a : FB_A;
END_VAR
a.Init();
a.Finish();
a.Missing();
END_PROGRAM`,
    expected: ['ST2008 20:3 FB_A has no member Missing'],
  },
  {
    name: 'VAR_EXTERNAL must match a global in name and type',
    input: {
      'gvl.st': `VAR_GLOBAL
  Level : INT;
END_VAR`,
      'main.st': `PROGRAM Main
VAR_EXTERNAL
  Level : REAL;
  Pressure : INT;
END_VAR
Level := 1.0;
Pressure := 1;
END_PROGRAM`,
    },
    expected: ['ST2005 main.st:3:3 VAR_EXTERNAL Level is REAL but the global is INT', 'ST2005 main.st:4:3 VAR_EXTERNAL Pressure has no matching VAR_GLOBAL'],
  },
  {
    name: 'program variables by program name',
    input: `PROGRAM Other
VAR
  flag : BOOL;
END_VAR
END_PROGRAM
PROGRAM Main
Other.flag := TRUE;
Other();
END_PROGRAM`,
    expected: [],
  },
];

CASES.push(
  {
    name: 'interfaces: methods and properties through an interface variable',
    input: `INTERFACE I_Motor
METHOD Start : BOOL
VAR_INPUT
  speed : REAL;
END_VAR
END_METHOD
PROPERTY Running : BOOL
GET
END_GET
END_PROPERTY
END_INTERFACE
FUNCTION_BLOCK FB_Motor IMPLEMENTS I_Motor
VAR
  on : BOOL;
END_VAR
METHOD Start : BOOL
VAR_INPUT
  speed : REAL;
END_VAR
on := speed > 0;
Start := on;
END_METHOD
PROPERTY Running : BOOL
GET
  Running := on;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR
  m : FB_Motor;
  i : I_Motor;
  b : BOOL;
END_VAR
i := m;
b := i.Start(speed := 1.5) AND i.Running;
b := i.Stop();
END_PROGRAM`,
    expected: ['ST2008 37:8 I_Motor has no member Stop'],
  },
  {
    name: 'a method and a variable of the same name',
    input: `FUNCTION_BLOCK FB_A
VAR
  Run : BOOL;
END_VAR
METHOD run
END_METHOD
END_FUNCTION_BLOCK`,
    expected: ['ST2002 5:8 run is declared twice in FB_A', 'ST2004 3:3 unused variable Run'],
  },
);

const SCL_CASES: Case[] = [
  {
    name: 'SCL #locals and "globals", instance data blocks',
    input: {
      'tags.scl': `VAR_GLOBAL
  "Start" : Bool;
END_VAR`,
      'fb.scl': `FUNCTION_BLOCK "FB_Motor"
VERSION : 0.1
   VAR_INPUT
      run : Bool;
   END_VAR
   VAR_OUTPUT
      running : Bool;
   END_VAR
BEGIN
   #running := #run AND "Start";
   #speed := 1;
   "Stop" := FALSE;
END_FUNCTION_BLOCK`,
      'db.scl': `DATA_BLOCK "DB_Motor1"
"FB_Motor"
BEGIN
END_DATA_BLOCK`,
      'ob.scl': `ORGANIZATION_BLOCK "Main"
   VAR_TEMP
      t : TON_TIME;
   END_VAR
BEGIN
   #t(IN := "Start", PT := T#2S);
   "DB_Motor1"(run := "Start");
   "Start" := "DB_Motor1".running;
END_ORGANIZATION_BLOCK`,
    },
    expected: ['ST2006 fb.scl:11:4 #speed is not a local variable of FB_Motor', 'ST2007 fb.scl:12:4 "Stop" is not a global'],
    options: { dialect: 'scl' },
  },
];

describe('names and scopes', () => {
  for (const c of [...CASES, ...SCL_CASES]) it(c.name, () => void check(c.input, c.expected, c.options));
});

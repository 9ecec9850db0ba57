import { runCases, type Case } from './cases.js';

const CASES: Case[] = [
  {
    name: 'assignment to an own input (warning)',
    input: `FUNCTION_BLOCK FB_A
VAR_INPUT
  Cmd : BOOL;
END_VAR
Cmd := FALSE;
END_FUNCTION_BLOCK`,
    expected: ['ST2010 5:1 Cmd is an input of FB_A'],
  },
  {
    name: 'FB input written from outside (warning), outputs read, inputs passed in the call',
    input: `PROGRAM Main
VAR
  t : TON;
  q : BOOL;
END_VAR
t.PT := T#1S;
t(IN := TRUE, PT := T#2S);
q := t.Q;
END_PROGRAM`,
    expected: ['ST2011 6:1 input PT of TON is written from outside a call'],
  },
  {
    name: 'assignment to a constant, local and global, and to an element of a constant array',
    input: {
      'gvl.st': `VAR_GLOBAL CONSTANT
  MaxN : INT := 10;
END_VAR`,
      'main.st': `PROGRAM Main
VAR CONSTANT
  Limit : INT := 5;
  Table : ARRAY[1..2] OF INT := [1, 2];
END_VAR
Limit := 6;
MaxN := 11;
Table[1] := 3;
END_PROGRAM`,
    },
    expected: [
      'ST2012 main.st:6:1 Limit is a constant',
      'ST2012 main.st:7:1 MaxN is a constant',
      'ST2012 main.st:8:1 Table is a constant',
    ],
  },
  {
    name: 'assignment to the FOR variable inside its loop',
    input: `PROGRAM Main
VAR
  i : INT;
  sum : INT;
END_VAR
FOR i := 1 TO 10 DO
  sum := sum + i;
  i := i + 1;
END_FOR;
i := 0;
END_PROGRAM`,
    expected: ['ST2013 8:3 i is the control variable of the enclosing FOR loop'],
  },
  {
    name: 'assignment to a located input, by name and by address',
    input: {
      'gvl.st': `VAR_GLOBAL
  Sensor AT %IX0.0 : BOOL;
  Lamp AT %QX0.0 : BOOL;
END_VAR`,
      'main.st': `PROGRAM Main
Sensor := TRUE;
%IX0.1 := TRUE;
Lamp := Sensor;
%QX0.2 := TRUE;
END_PROGRAM`,
    },
    expected: ['ST2014 main.st:2:1 Sensor is located at the input %IX0.0', 'ST2014 main.st:3:1 %IX0.1 is an input address'],
  },
  {
    name: 'targets that are not variables',
    input: `TYPE E : (A, B); END_TYPE
FUNCTION F : INT
F := 1;
END_FUNCTION
PROGRAM Main
VAR
  x : INT;
END_VAR
E.A := 1;
F() := 1;
x := F();
END_PROGRAM`,
    expected: ['ST2015 9:1 E.A is an enumeration value', 'ST2015 10:1 not a variable'],
  },
  {
    name: 'property without SET accessor',
    input: `FUNCTION_BLOCK FB_A
PROPERTY Value : INT
GET
  Value := 1;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR
  a : FB_A;
END_VAR
a.Value := 2;
END_PROGRAM`,
    expected: ['ST2015 12:1 property Value has no SET accessor'],
  },
  {
    name: 'valid writes stay quiet',
    input: `TYPE ST_Data : STRUCT
  a : INT;
  b : ARRAY[0..3] OF BOOL;
END_STRUCT
END_TYPE
FUNCTION_BLOCK FB_A
VAR_OUTPUT
  q : BOOL;
END_VAR
VAR_IN_OUT
  io : INT;
END_VAR
q := TRUE;
io := io + 1;
END_FUNCTION_BLOCK
PROGRAM Main
VAR
  d : ST_Data;
  w : WORD;
  p : POINTER TO INT;
  n : INT;
  fb : FB_A;
END_VAR
d.a := 1;
d.b[2] := TRUE;
w.3 := TRUE;
p := ADR(n);
p^ := 4;
fb(io := n);
END_PROGRAM`,
    expected: [],
  },
];

runCases('writes', CASES);

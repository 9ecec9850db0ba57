import { prog, runCases, type Case } from './cases.js';

const CASES: Case[] = [
  {
    name: 'constant index out of bounds names the bounds',
    input: prog('  a : ARRAY[1..10] OF INT; x : INT;', 'x := a[0];\na[11] := 1;\nx := a[10] + a[1];\nx := a[x];'),
    expected: ['ST2050 5:8 index 0 is out of the bounds 1..10', 'ST2050 6:3 index 11 is out of the bounds 1..10'],
  },
  {
    name: 'bounds and indices from local and GVL constants',
    input: {
      'GVL.TcGVL': `VAR_GLOBAL CONSTANT
  MaxN : INT := 8;
END_VAR`,
      'main.st': `PROGRAM Main
VAR CONSTANT
  Last : INT := GVL.MaxN - 1;
END_VAR
VAR
  a : ARRAY[0..Last] OF BOOL;
  b : ARRAY[1..GVL.MaxN] OF BOOL;
END_VAR
a[Last] := b[GVL.MaxN];
a[GVL.MaxN] := b[Last + 2];
END_PROGRAM`,
    },
    expected: ['ST2050 main.st:10:3 index 8 is out of the bounds 0..7', 'ST2050 main.st:10:18 index 9 is out of the bounds 1..8'],
  },
  {
    name: 'wrong number of indices, indexing a non-array, non-integer index',
    input: prog('  m : ARRAY[1..3, 1..4] OF REAL; i : INT; r : REAL;', 'r := m[1];\nr := m[1, 2, 3];\nr := i[1];\nr := m[r, 1];\nr := m[3, 5];'),
    expected: [
      'ST2051 5:6 2 indices expected for ARRAY[1..3, 1..4] OF REAL, found 1',
      'ST2051 6:6 2 indices expected',
      'ST2052 7:6 INT is not an array',
      'ST2022 8:8 an array index must be an integer, not REAL',
      'ST2050 9:11 index 5 is out of the bounds 1..4',
    ],
    options: { dialect: 'iec' },
  },
  {
    name: 'array bounds must be constant',
    input: prog('  n : INT;\n  a : ARRAY[1..n] OF INT;', 'a[1] := n;'),
    expected: ['ST2053 4:16 array bounds must be constant expressions'],
  },
  {
    name: 'bit access out of the width',
    input: prog('  w : BYTE; b : BOOL; r : REAL;', 'b := w.7;\nb := w.8;\nb := r.1;'),
    expected: ['ST2050 6:6 bit 8 is out of bounds 0..7 of BYTE', 'ST2022 7:6 bit access .1 needs an integer or bit string'],
  },
  {
    name: 'arrays of arrays and arrays of FBs',
    input: prog('  aa : ARRAY[1..2] OF ARRAY[0..3] OF INT; timers : ARRAY[1..3] OF TON; x : INT;', 'x := aa[2][3];\nx := aa[2][4];\ntimers[1](IN := TRUE, PT := T#1S);\ntimers[4](IN := FALSE, PT := T#1S);'),
    expected: ['ST2050 6:12 index 4 is out of the bounds 0..3', 'ST2050 8:8 index 4 is out of the bounds 1..3'],
  },
];

runCases('arrays and constants', CASES);

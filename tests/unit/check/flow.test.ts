import { prog, runCases, type Case } from './cases.js';

const CASES: Case[] = [
  {
    name: 'unreachable code after RETURN, EXIT and JMP; a label makes code reachable again',
    input: prog(
      '  i : INT; b : BOOL;',
      'IF b THEN\n  RETURN;\n  i := 1;\n  i := 2;\nEND_IF;\nWHILE b DO\n  EXIT;\n  b := FALSE;\nEND_WHILE;\nJMP done;\ni := 3;\ndone: i := 4;',
    ),
    expected: ['ST2040 7:3 unreachable code', 'ST2040 12:3 unreachable code', 'ST2040 15:1 unreachable code'],
  },
  {
    name: 'EXIT and CONTINUE outside a loop',
    input: prog('  i : INT;', 'EXIT;\nFOR i := 1 TO 3 DO\n  IF i = 2 THEN\n    CONTINUE;\n  END_IF;\nEND_FOR;\nCONTINUE;'),
    expected: ['ST2041 5:1 EXIT outside a loop', 'ST2041 11:1 CONTINUE outside a loop'],
  },
  {
    name: 'JMP to unknown label, duplicate label',
    input: prog('  i : INT;', 'JMP nowhere;\nstart: i := 1;\nstart: i := 2;\nJMP start;'),
    expected: ['ST2042 5:5 JMP to unknown label nowhere', 'ST2002 7:1 duplicate label start'],
  },
  {
    name: 'CASE: duplicate values, overlapping ranges',
    input: prog('  s : INT; x : INT;', 'CASE s OF\n  1: x := 1;\n  2, 3: x := 2;\n  1: x := 3;\n  10..20: x := 4;\n  15: x := 5;\n  18..25: x := 6;\nEND_CASE;'),
    expected: ['ST2043 8:3 CASE label 1 overlaps the label 1', 'ST2043 10:3 CASE label 15 overlaps the label 10..20', 'ST2043 11:3 CASE label 18..25 overlaps the label 10..20'],
  },
  {
    name: 'CASE: enumeration labels, duplicates and labels of another type',
    input: `TYPE E_S : (Idle, Run, Stop := 5); END_TYPE
TYPE E_T : (A, B); END_TYPE
${prog('  s : E_S; x : INT;', 'CASE s OF\n  E_S.Idle: x := 1;\n  E_S#Run, Stop: x := 2;\n  E_S.Idle: x := 3;\n  E_T.A: x := 4;\nEND_CASE;')}`,
    expected: ['ST2043 10:3 CASE label 0 overlaps the label 0', 'ST2044 11:3 CASE label of type E_T does not match the selector type E_S', 'ST2043 11:3 CASE label 0 overlaps'],
  },
  {
    name: 'CASE: selector type, non-constant labels, labels out of the selector range',
    input: prog('  r : REAL; si : SINT; v : INT; x : INT;', 'CASE r OF\n  1: x := 1;\nEND_CASE;\nCASE si OF\n  v: x := 1;\n  200: x := 2;\nEND_CASE;'),
    expected: ['ST2044 5:6 a CASE selector must be an integer', 'ST2053 9:3 a CASE label must be a constant expression', 'ST2044 10:3 CASE label 200 is outside the range of the selector type SINT'],
  },
  {
    name: 'CASE labels from constants and GVL constants',
    input: {
      'GVL.TcGVL': `VAR_GLOBAL CONSTANT
  StepA : INT := 10;
END_VAR`,
      'main.st': prog('  s : INT; x : INT;', 'CASE s OF\n  GVL.StepA: x := 1;\n  GVL.StepA + 10: x := 2;\n  10: x := 3;\nEND_CASE;'),
    },
    expected: ['ST2043 main.st:8:3 CASE label 10 overlaps the label 10'],
  },
  {
    name: 'conditions must be BOOL',
    input: prog('  i : INT; b : BOOL;', 'IF i THEN\n  b := TRUE;\nELSIF b THEN\n  b := FALSE;\nEND_IF;\nWHILE i DO\n  i := i - 1;\nEND_WHILE;\nREPEAT\n  i := i + 1;\nUNTIL i + 1\nEND_REPEAT;'),
    expected: ['ST2024 5:4 the IF condition must be BOOL, not INT', 'ST2024 10:7 the WHILE condition must be BOOL', 'ST2024 15:7 the UNTIL condition must be BOOL'],
  },
  {
    name: 'FOR: variable, bounds and step',
    input: prog('  r : REAL; i : INT; si : SINT; d : DINT;', 'FOR r := 1 TO 10 DO\nEND_FOR;\nFOR i := 1 TO r DO\nEND_FOR;\nFOR i := 1 TO 10 BY 0 DO\nEND_FOR;\nFOR si := 0 TO d DO\nEND_FOR;'),
    expected: [
      'ST2045 5:5 the FOR control variable r must be an integer, not REAL',
      'ST2045 7:15 FOR end value must be an integer, not REAL',
      'ST2045 9:21 a FOR step of 0 never ends the loop',
      'ST2021 11:16 FOR end: implicit conversion from DINT to SINT',
    ],
  },
  {
    name: 'valid control flow stays quiet',
    input: prog(
      '  i : INT; sum : DINT; b : BOOL; arr : ARRAY[0..9] OF INT;',
      'FOR i := 0 TO 9 BY 2 DO\n  sum := sum + arr[i];\n  IF sum > 100 THEN\n    EXIT;\n  END_IF;\nEND_FOR;\nWHILE NOT b DO\n  b := TRUE;\nEND_WHILE;\nREPEAT\n  i := i - 1;\nUNTIL i <= 0\nEND_REPEAT;\nCASE i OF\n  0: b := FALSE;\n  1..5, 7: b := TRUE;\nELSE\n  RETURN;\nEND_CASE;',
    ),
    expected: [],
  },
];

runCases('control flow', CASES);

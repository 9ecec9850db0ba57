import { prog, runCases, type Case } from './cases.js';

const FUNCS = `FUNCTION F_Scale : REAL
VAR_INPUT
  raw : INT;
  span : REAL;
END_VAR
F_Scale := raw * span;
END_FUNCTION
FUNCTION_BLOCK FB_Buf
VAR_IN_OUT
  data : ARRAY[1..4] OF INT;
END_VAR
VAR_INPUT
  idx : INT := 1;
END_VAR
METHOD Put : BOOL
VAR_INPUT
  v : INT;
END_VAR
data[idx] := v;
Put := TRUE;
END_METHOD
ACTION Clear:
  data[1] := 0;
END_ACTION
END_FUNCTION_BLOCK
`;

const CASES: Case[] = [
  {
    name: 'standard functions with generic signatures stay quiet on valid calls',
    input: prog(
      "  i : INT; k : INT; r : REAL; lr : LREAL; b : BOOL; w : WORD; s : STRING; t : TIME; d : DINT; p : POINTER TO INT;",
      `lr := SQRT(lr); i := ABS(i); i := MAX(1, i, 3); i := LIMIT(0, i, 100); i := SEL(b, 1, 2);
i := MUX(k, 1, 2, 3); w := SHL(w, 2); w := ROR(w, 1); i := LEN(s); s := CONCAT(s, 'x'); s := LEFT(s, 2);
r := INT_TO_REAL(i); i := REAL_TO_INT(r); i := DINT_TO_INT(d); d := TIME_TO_DINT(t); i := TO_INT(r); d := TRUNC(r);
p := ADR(i); i := TO_INT(SIZEOF(i)); lr := EXPT(lr, 2); r := SIN(r) + COS(r); b := GT(i, 1); t := MAX(t, T#1S); i := MOVE(k);
i := FIND(s, 'a'); s := MID(s, 2, 1); s := INT_TO_STRING(i); i := STRING_TO_INT(s); b := WORD_TO_BOOL(w);`,
    ),
    expected: [],
  },
  {
    name: 'standard functions: argument count and generic type mismatches',
    input: prog('  i : INT; t : TIME; b : BOOL; r : REAL;', 'i := LIMIT(1, 2);\ni := ABS(i, i);\ni := MAX(i, t);\nr := SQRT(b);\nr := SHL(r, 2);'),
    expected: [
      'ST2034 5:6 LIMIT takes 3 arguments, 2 given',
      'ST2034 6:6 ABS takes 1 argument, 2 given',
      'ST2022 7:13 MAX: TIME does not match the other arguments (INT)',
      'ST2022 8:6 SQRT needs ANY_REAL arguments, not BOOL',
      'ST2022 9:6 SHL needs ANY_BIT arguments, not REAL',
    ],
  },
  {
    name: 'user functions: positional and named arguments',
    input: `${FUNCS}${prog('  r : REAL; i : INT;', 'r := F_Scale(i, 2.5);\nr := F_Scale(raw := i, span := 1.0);\nr := F_Scale(i);\nr := F_Scale(raw := i);\nr := F_Scale(rw := i, span := 1.0);\nr := F_Scale(i, span := 1.0);\ni := F_Scale(1, 1.0);')}`,
    expected: [
      'ST2034 32:6 F_Scale takes 2 arguments, 1 given',
      'ST2033 33:6 input span of F_Scale is not connected',
      'ST2031 34:14 F_Scale has no parameter rw',
      'ST2033 34:6 input raw of F_Scale is not connected',
      'ST2034 35:6 mixes positional and named arguments',
      'ST2021 36:6 implicit conversion from REAL to INT',
    ],
  },
  {
    name: 'FB calls: named only, directions, unknown parameters, missing inputs',
    input: prog('  t : TON; q : BOOL; e : TIME;', 't(IN := q, PT := T#1S, Q => q, ET => e);\nt(IN := q);\nt(In1 := q, PT := T#1S);\nt(Q := q, IN => q, PT := T#1S);\nt(q, T#1S);\nt();'),
    expected: [
      'ST2033 6:1 input PT of TON is not connected',
      'ST2031 7:3 TON has no parameter In1',
      'ST2033 7:1 input IN of TON is not connected',
      'ST2032 8:3 Q is an output of TON; connect it with =>',
      'ST2032 8:11 IN is an input of TON; connect it with :=',
      'ST2034 9:3 TON takes named arguments only',
      'ST2034 9:6 TON takes named arguments only',
    ],
  },
  {
    name: 'argument types: BOOL input given an integer, TIME input given an integer',
    input: prog('  t : TON; i : INT;', 't(IN := 5, PT := 100);\nt(IN := i > 0, PT := T#1S);'),
    expected: ['ST2020 5:9 argument IN: cannot convert integer literal to BOOL', 'ST2020 5:18 argument PT: cannot convert integer literal to TIME'],
  },
  {
    name: 'VAR_IN_OUT must be connected, to a variable; methods and actions',
    input: `${FUNCS}${prog('  buf : FB_Buf; arr : ARRAY[1..4] OF INT; ok : BOOL;', 'buf(idx := 2);\nbuf(data := arr);\nbuf(data := 5);\nok := buf.Put(3);\nok := buf.Put(v := 4);\nbuf.Clear();\nbuf.Clear(1);')}`,
    expected: [
      'ST2035 30:1 in-out data of FB_Buf is not connected',
      'ST2036 32:13 in-out data must be connected to a variable',
      'ST2020 32:13 cannot convert integer literal to ARRAY[1..4] OF INT',
      'ST2034 36:1 action Clear takes no arguments',
    ],
  },
  {
    name: 'calling something that is not callable',
    input: `FUNCTION_BLOCK FB_A
END_FUNCTION_BLOCK
${prog('  x : INT;', 'x();\nFB_A();\nNoSuchFunction(1);')}`,
    expected: [
      'ST2030 7:1 x is a variable of type INT and cannot be called',
      'ST2030 8:1 FB_A is a function block type',
      'ST2001 9:1 undeclared identifier NoSuchFunction',
    ],
  },
  {
    name: 'standard FBs, CODESYS names',
    input: prog(
      '  ctu1 : CTU; ctd1 : CTD; ctud1 : CTUD; rt : R_TRIG; ft : F_TRIG; sr1 : SR; rs1 : RS; tp1 : TP; tof1 : TOF; b : BOOL; n : WORD;',
      'ctu1(CU := b, RESET := b, PV := 10);\nctd1(CD := b, LOAD := b, PV := 5);\nctud1(CU := b, CD := b, RESET := b, LOAD := b, PV := 3, QU => b, CV => n);\nrt(CLK := b); ft(CLK := b);\nsr1(SET1 := rt.Q, RESET := ft.Q); rs1(SET := b, RESET1 := sr1.Q1);\ntp1(IN := b, PT := T#1S); tof1(IN := tp1.Q, PT := tp1.ET);\nb := ctu1.Q AND ctd1.Q AND rs1.Q1 AND tof1.Q; n := ctu1.CV;',
    ),
    expected: [],
  },
  {
    name: 'standard FBs, IEC names (and CODESYS names are unknown there)',
    input: prog(
      '  ctu1 : CTU; sr1 : SR; rs1 : RS; b : BOOL; n : INT;',
      'ctu1(CU := b, R := b, PV := 10);\nsr1(S1 := b, R := b); rs1(S := b, R1 := b);\nn := ctu1.CV;\nrs1(SET := b, RESET1 := b);',
    ),
    expected: ['ST2031 8:5 RS has no parameter SET', 'ST2031 8:15 RS has no parameter RESET1'],
    options: { dialect: 'openplc' },
  },
  {
    name: 'PLCopen safety FBs',
    input: {
      'gvl.st': `VAR_GLOBAL
  EStop AT %IX0.0 : BOOL;
  Door1 AT %IX0.1 : BOOL;
  Door2 AT %IX0.2 : BOOL;
  Reset AT %IX0.3 : BOOL;
  Motor AT %QX0.0 : BOOL;
END_VAR`,
      'main.st': `PROGRAM Safety
VAR
  es : SF_EmergencyStop;
  gm : SF_GuardMonitoring;
  diag : WORD;
END_VAR
es(Activate := TRUE, S_EStopIn := EStop, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset);
gm(Activate := TRUE, S_GuardSwitch1 := Door1, S_GuardSwitch2 := Door2, DiscrepancyTime := T#50MS,
   S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset);
Motor := es.S_EStopOut AND gm.S_GuardMonitoring AND es.Ready AND NOT es.Error;
diag := es.DiagCode;
es(Activate := TRUE, S_EStopIn := EStop, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset, S_EStop := Motor);
END_PROGRAM`,
    },
    expected: ['ST2031 main.st:12:103 SF_EmergencyStop has no parameter S_EStop'],
  },
];

runCases('calls', CASES);

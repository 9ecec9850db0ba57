import { prog, runCases, type Case } from './cases.js';

const IEC = { dialect: 'iec' as const };

const CASES: Case[] = [
  {
    name: 'widening conversions of the IEC table are implicit',
    input: prog(
      '  si : SINT; i : INT; di : DINT; li : LINT; us : USINT; ui : UINT; r : REAL; lr : LREAL;\n  b : BYTE; w : WORD; dw : DWORD; t : TIME; lt : LTIME;',
      'i := si; di := i; li := di; i := us; di := ui; r := i; lr := r; lr := di; dw := b; w := b; lt := t;',
    ),
    expected: [],
    options: IEC,
  },
  {
    name: 'narrowing is an error in IEC',
    input: prog('  i : INT; di : DINT; r : REAL; b : BOOL; bt : BYTE;', 'i := di;\ni := r;\nb := i;\nr := di;\nbt := i;'),
    expected: [
      'ST2020 5:6 cannot convert DINT to INT',
      'ST2020 6:6 cannot convert REAL to INT',
      'ST2020 7:6 cannot convert INT to BOOL',
      'ST2020 8:6 cannot convert DINT to REAL',
      'ST2020 9:7 cannot convert INT to BYTE',
    ],
    options: IEC,
  },
  {
    name: 'CODESYS accepts integer, bit-string and REAL narrowing with a warning, never INT to BOOL',
    input: prog('  i : INT; di : DINT; r : REAL; b : BOOL; bt : BYTE;', 'i := di;\ni := r;\nb := i;\nr := di;\nbt := i;'),
    expected: [
      'ST2021 5:6 implicit conversion from DINT to INT',
      'ST2021 6:6 implicit conversion from REAL to INT',
      'ST2020 7:6 cannot convert INT to BOOL',
      'ST2021 8:6 implicit conversion from DINT to REAL',
      'ST2021 9:7 implicit conversion from INT to BYTE',
    ],
  },
  {
    name: 'operand mismatches: BOOL in arithmetic, TIME + INT, STRING compared with a number',
    input: prog('  b : BOOL; i : INT; t : TIME; s : STRING;', 'i := b + 1;\nt := t + i;\nb := s = 1;\nb := -b;'),
    expected: [
      'ST2022 5:6 operator + is not defined for BOOL and integer literal',
      'ST2022 6:6 operator + is not defined for TIME and INT',
      'ST2022 7:6 operator = is not defined for STRING[80] and integer literal',
      'ST2022 8:6 unary - is not defined for BOOL',
    ],
  },
  {
    name: 'duration and date arithmetic',
    input: prog(
      '  t : TIME; lt : LTIME; tod1 : TOD; dt1 : DT; d1 : DATE; i : INT; r : REAL;',
      't := t + T#1S; t := t * 2; t := t / i; lt := lt - t; tod1 := tod1 + T#1H; t := dt1 - dt1; t := d1 - d1; r := r * i;',
    ),
    expected: [],
  },
  {
    name: 'untyped literals adopt the target type when they fit',
    input: prog(
      '  si : SINT; ui : UINT; bt : BYTE; r : REAL; i : INT;',
      'si := -128;\nsi := 300;\nui := -1;\nbt := 16#FF;\nbt := 256;\nr := 5;\ni := SINT#200;\ni := 2 * 20000;',
    ),
    expected: [
      'ST2023 6:7 300 does not fit SINT (-128..127)',
      'ST2023 7:7 -1 does not fit UINT (0..65535)',
      'ST2023 9:7 256 does not fit BYTE',
      'ST2023 11:6 SINT#200 does not fit SINT',
      'ST2023 12:6 40000 does not fit INT',
    ],
  },
  {
    name: 'initial values are checked like assignments',
    input: prog("  x : INT := 70000;\n  b : BOOL := 1;\n  s : STRING[4] := 'too long';\n  a : ARRAY[1..3] OF SINT := [1, 2, 300];", 'x := 0; b := TRUE; s := \'\'; a[1] := 0;'),
    expected: ['ST2023 3:14 70000 does not fit INT', 'ST2020 4:15 cannot convert integer literal to BOOL', 'ST2025 5:20 the string literal has 8 characters but STRING[4] holds 4', 'ST2023 6:37 300 does not fit SINT'],
  },
  {
    name: 'string literal longer than the variable',
    input: prog('  s : STRING[5]; ws : WSTRING(3);', "s := 'hello';\ns := 'hello world';\nws := \"abcd\";"),
    expected: ['ST2025 6:6 11 characters but STRING[5] holds 5', 'ST2025 7:7 4 characters'],
  },
  {
    name: 'subrange constants',
    input: prog('  p : INT(0..100);', 'p := 50;\np := 120;\np := -1;'),
    expected: ['ST2026 6:6 120 is outside the subrange 0..100', 'ST2026 7:6 -1 is outside the subrange 0..100'],
  },
  {
    name: 'subrange type declared with TYPE, and named alias',
    input: `TYPE
  T_Percent : INT(0..100);
  T_Speed : REAL;
END_TYPE
${prog('  p : T_Percent; v : T_Speed; i : INT;', 'p := 101;\nv := p;\ni := p;')}`,
    expected: ['ST2026 9:6 101 is outside the subrange 0..100 of T_Percent'],
  },
  {
    name: 'enumerations and integers: lenient in CODESYS',
    input: `TYPE E_Mode : (Off, Auto, Manual); END_TYPE
TYPE E_Other : (X, Y); END_TYPE
${prog('  m : E_Mode; i : INT;', 'i := m;\nm := 1;\nm := E_Other.X;\nm := E_Mode.Auto;')}`,
    expected: ['ST2021 8:6 implicit conversion from integer literal to E_Mode', 'ST2020 9:6 cannot convert E_Other to E_Mode'],
  },
  {
    name: 'enumerations and integers: errors in IEC',
    input: `TYPE E_Mode : (Off, Auto, Manual); END_TYPE
${prog('  m : E_Mode; i : INT;', 'i := m;\nm := 1;')}`,
    expected: ['ST2020 6:6 cannot convert E_Mode to INT', 'ST2020 7:6 cannot convert integer literal to E_Mode'],
    options: IEC,
  },
  {
    name: 'logic on integers: CODESYS yes, IEC only on BOOL and bit strings',
    input: prog('  i : INT; w : WORD; b : BOOL;', 'i := i AND 3;\nw := w OR 16#F0;\nb := NOT (i = 0);\ni := NOT i;'),
    expected: ['ST2022 5:6 operator AND is not defined for INT', 'ST2022 8:6 NOT is not defined for INT'],
    options: IEC,
  },
  {
    name: 'mixed signed and unsigned widen to a common type in IEC',
    input: prog('  i : INT; u : UINT; d : DINT;', 'd := i + u;\ni := i + u;'),
    expected: ['ST2020 6:6 cannot convert DINT to INT'],
    options: IEC,
  },
  {
    name: 'structures, arrays of structures, pointers and references',
    input: `TYPE ST_Axis : STRUCT
  pos : LREAL;
  enabled : BOOL;
END_STRUCT
END_TYPE
${prog('  ax : ARRAY[1..2] OF ST_Axis; p : POINTER TO ST_Axis; r : REFERENCE TO ST_Axis; x : LREAL; b : BOOL;', 'x := ax[1].pos;\np := ADR(ax[2]);\nx := p^.pos;\nb := r.enabled;\nb := ax[1].speed;\nx := p.pos;\nb := x^;')}`,
    expected: ['ST2008 14:12 ST_Axis has no member speed', 'ST2008 15:8 dereference it first with ^', 'ST2054 16:6 ^ needs a pointer or reference, not LREAL'],
  },
];

runCases('types', CASES);

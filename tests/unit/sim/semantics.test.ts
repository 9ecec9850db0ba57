import { describe, expect, it } from 'vitest';
import { runOnce, simulate } from '../../helpers/sim.js';

// Each row: declarations, body, expected values after one scan. Written-out IEC 61131-3 semantics.
const CASES: [string, string, string, Record<string, unknown>][] = [
  ['INT wraps at 16 bits', 'a : INT := 32767; b : INT := -32768;', 'a := a + 1; b := b - 1;', { 'Main.a': -32768, 'Main.b': 32767 }],
  ['SINT and USINT wrap', 's : SINT := 127; u : USINT := 0;', 's := s + 1; u := u - 1;', { 'Main.s': -128, 'Main.u': 255 }],
  ['UINT and UDINT wrap', 'a : UINT := 65535; b : UDINT := 0;', 'a := a + 2; b := b - 1;', { 'Main.a': 1, 'Main.b': 4294967295 }],
  ['DINT multiply wraps exactly', 'a : DINT := 100000; b : DINT;', 'b := a * a;', { 'Main.b': 1410065408 }],
  ['LINT is exact', 'a : LINT := 9007199254740993; b : LINT;', 'b := a + 1;', { 'Main.b': 9007199254740994n }],
  ['ULINT wraps at 64 bits', 'a : ULINT := 0; b : ULINT;', 'b := a - 1;', { 'Main.b': 18446744073709551615n }],
  ['integer division truncates toward zero', 'a : INT := -7; b : INT; c : DINT;', 'b := a / 2; c := 7 / -2;', { 'Main.b': -3, 'Main.c': -3 }],
  ['MOD takes the sign of the dividend', 'a : INT; b : INT;', 'a := -7 MOD 2; b := 7 MOD -2;', { 'Main.a': -1, 'Main.b': 1 }],
  ['REAL is single precision', 'r : REAL; l : LREAL;', 'r := 0.1; l := 0.1;', { 'Main.r': Math.fround(0.1), 'Main.l': 0.1 }],
  ['REAL_TO_INT rounds half away from zero, TRUNC truncates', 'a : INT; b : INT; c : DINT; d : INT;', 'a := REAL_TO_INT(2.5); b := REAL_TO_INT(-2.5); c := TRUNC(-2.7); d := LREAL_TO_INT(1.4);', { 'Main.a': 3, 'Main.b': -3, 'Main.c': -2, 'Main.d': 1 }],
  ['bit strings', 'w : WORD := 16#00FF; b : BYTE := 16#0F; x : BOOL;', 'w := (w AND 16#0F0F) OR 16#F000; b := NOT b; x := w.15;', { 'Main.w': 0xf00f, 'Main.b': 0xf0, 'Main.x': true }],
  ['shifts and rotations', 'a : BYTE := 16#81; b : BYTE; c : BYTE; d : WORD;', 'b := SHL(a, 1); c := ROL(a, 1); d := SHR(WORD#16#8000, 15);', { 'Main.b': 0x02, 'Main.c': 0x03, 'Main.d': 1 }],
  ['BOOL logic', 'a : BOOL := TRUE; b : BOOL; c : BOOL; d : BOOL;', 'b := a XOR TRUE; c := NOT b AND a; d := a OR_ELSE b;', { 'Main.b': false, 'Main.c': true, 'Main.d': true }],
  ['selection functions', 'a : INT; b : INT; c : INT; d : INT; e : REAL;', 'a := SEL(TRUE, 1, 2); b := MUX(2, 10, 20, 30); c := LIMIT(0, 150, 100); d := MAX(3, 9, 4); e := MIN(1.5, -2.5);', { 'Main.a': 2, 'Main.b': 30, 'Main.c': 100, 'Main.d': 9, 'Main.e': -2.5 }],
  ['string functions', "s : STRING := 'Hello World'; n : INT; a, b, c, d, e, f : STRING; p : INT;", "n := LEN(s); a := LEFT(s, 5); b := RIGHT(s, 5); c := MID(s, 3, 2); d := CONCAT(a, '!'); e := DELETE(s, 6, 6); f := REPLACE(s, 'There', 5, 7); p := FIND(s, 'World');", { 'Main.n': 11, 'Main.a': 'Hello', 'Main.b': 'World', 'Main.c': 'ell', 'Main.d': 'Hello!', 'Main.e': 'Hello', 'Main.f': 'Hello There', 'Main.p': 7 }],
  ['STRING[n] keeps n characters', "s : STRING[4];", "s := 'abcdefgh';", { 'Main.s': 'abcd' }],
  ['TIME arithmetic in milliseconds', 't : TIME := T#1S; u : TIME; n : DINT; l : LTIME := LTIME#1MS;', 'u := t + T#250MS; n := TIME_TO_DINT(u); l := l + LTIME#500US;', { 'Main.u': 1250, 'Main.n': 1250, 'Main.l': 1_500_000n }],
  ['conversions', 'a : INT; b : BOOL; c : DINT; r : REAL;', 'a := BOOL_TO_INT(TRUE); b := INT_TO_BOOL(0); c := INT_TO_DINT(-5); r := DINT_TO_REAL(3);', { 'Main.a': 1, 'Main.b': false, 'Main.c': -5, 'Main.r': 3 }],
  ['CASE with lists and ranges', 'x : INT := 7; y : INT;', 'CASE x OF 1, 2: y := 1; 5..9: y := 2; ELSE y := 3; END_CASE;', { 'Main.y': 2 }],
  ['FOR with BY, EXIT and CONTINUE', 'i : INT; s : INT;', 'FOR i := 10 TO 1 BY -2 DO IF i = 6 THEN CONTINUE; END_IF; IF i = 2 THEN EXIT; END_IF; s := s + i; END_FOR;', { 'Main.s': 22, 'Main.i': 2 }],
  ['FOR leaves the variable past the end', 'i : INT; s : INT;', 'FOR i := 1 TO 3 DO s := s + i; END_FOR;', { 'Main.s': 6, 'Main.i': 4 }],
  ['WHILE and REPEAT', 'a : INT := 0; b : INT := 0;', 'WHILE a < 5 DO a := a + 2; END_WHILE; REPEAT b := b + 1; UNTIL b >= 3 END_REPEAT;', { 'Main.a': 6, 'Main.b': 3 }],
  ['JMP to a label', 'a : INT;', 'a := 1; JMP skip; a := 2; skip: a := a + 10;', { 'Main.a': 11 }],
  ['arrays, structs and enums', 'arr : ARRAY[1..3] OF INT := [10, 20, 30]; m : ARRAY[0..1, 0..1] OF INT := [1, 2, 3, 4]; x : INT; y : INT;', 'x := arr[2] + arr[3]; y := m[1, 0];', { 'Main.x': 50, 'Main.y': 3 }],
];

describe('soft-PLC semantics', () => {
  it.each(CASES)('%s', (_name, vars, body, expected) => {
    const p = runOnce(vars, body);
    expect(p.fault).toBeNull();
    for (const [path, value] of Object.entries(expected)) expect(p.get(path), path).toEqual(value);
  });

  it('keeps FB instance state between scans and runs methods and actions', () => {
    const p = simulate(`
FUNCTION_BLOCK FB_Counter
VAR_INPUT inc : INT; END_VAR
VAR_OUTPUT total : INT; END_VAR
  total := total + inc;
METHOD Twice : INT
VAR_INPUT x : INT; END_VAR
  Twice := 2 * x + total;
END_METHOD
ACTION Clear:
  total := 0;
END_ACTION
END_FUNCTION_BLOCK
FUNCTION Square : DINT
VAR_INPUT v : DINT; END_VAR
  Square := v * v;
END_FUNCTION
PROGRAM Main
VAR c : FB_Counter; t : INT; q : DINT; n : INT; END_VAR
  n := n + 1;
  c(inc := 5);
  t := c.Twice(x := 1);
  q := Square(7);
  IF n = 3 THEN c.Clear(); END_IF
END_PROGRAM
`);
    p.scan();
    p.scan();
    expect(p.get('Main.c.total')).toBe(10);
    expect(p.get('Main.t')).toBe(12);
    expect(p.get('Main.q')).toBe(49);
    p.scan();
    expect(p.get('Main.c.total')).toBe(0);
  });

  it('stops with a fault naming the POU and line on an index out of bounds', () => {
    const p = runOnce('arr : ARRAY[1..3] OF INT; i : INT := 4;', 'arr[1] := 1;\narr[i] := 2;');
    expect(p.fault).toMatchObject({ kind: 'bounds', pou: 'Main', line: 6 });
    expect(p.fault!.message).toMatch(/index 4 is outside the array bounds 1\.\.3/);
    const before = p.scans;
    p.scan();
    expect(p.scans).toBe(before);
  });

  it('stops a scan that loops too long like a watchdog', () => {
    const p = runOnce('i : INT;', 'WHILE TRUE DO\n  i := i + 1;\nEND_WHILE;', { iterationBudget: 10_000 });
    expect(p.fault).toMatchObject({ kind: 'watchdog', pou: 'Main', line: 5 });
  });

  it('faults on integer division by zero', () => {
    const p = runOnce('a : INT := 1; b : INT;', 'a := a / b;');
    expect(p.fault).toMatchObject({ kind: 'division', line: 5 });
  });

  it('keeps RETAIN variables across a warm restart only', () => {
    const p = simulate('PROGRAM Main\nVAR RETAIN\n kept : INT;\nEND_VAR\nVAR\n lost : INT;\nEND_VAR\nkept := kept + 1; lost := lost + 1;\nEND_PROGRAM\n');
    p.scan();
    p.scan();
    p.restart('warm');
    expect(p.get('Main.kept')).toBe(2);
    expect(p.get('Main.lost')).toBe(0);
    p.restart('cold');
    expect(p.get('Main.kept')).toBe(0);
  });

  it('reads and writes located variables by address and advances virtual time per scan', () => {
    const p = simulate('VAR_GLOBAL\n Start AT %IX0.1 : BOOL;\n Lamp AT %QX0.0 : BOOL;\nEND_VAR\nPROGRAM Main\n Lamp := Start;\nEND_PROGRAM\n', { cycleMs: 20 });
    p.set('%IX0.1', true);
    p.scan();
    expect(p.get('%QX0.0')).toBe(true);
    expect(p.get('Lamp')).toBe(true);
    expect(p.timeMs).toBe(20);
    expect(p.variables().find((v) => v.path === 'Start')).toMatchObject({ kind: 'input', address: '%IX0.1', type: 'BOOL' });
  });

  it('runs CONFIGURATION tasks at their own intervals, by priority', () => {
    const p = simulate(`
PROGRAM Fast
VAR n : INT; END_VAR
  n := n + 1;
END_PROGRAM
PROGRAM Slow
VAR n : INT; seen : INT; END_VAR
  n := n + 1;
  seen := Fast.n;
END_PROGRAM
CONFIGURATION Cell
  RESOURCE CPU ON PLC
    TASK T10 (INTERVAL := T#10MS, PRIORITY := 1);
    TASK T30 (INTERVAL := T#30MS, PRIORITY := 2);
    PROGRAM FastInst WITH T10 : Fast;
    PROGRAM SlowInst WITH T30 : Slow;
  END_RESOURCE
END_CONFIGURATION
`);
    expect(p.cycleMs).toBe(10);
    for (let i = 0; i < 6; i++) p.scan();
    expect(p.get('Fast.n')).toBe(6);
    expect(p.get('Slow.n')).toBe(2);
    // Priority 1 runs first in a shared tick, so Slow sees Fast's count of that same tick.
    expect(p.get('Slow.seen')).toBe(4);
  });

  it('runs REFERENCE TO: REF= binds, then the name reads and writes the target', () => {
    const p = runOnce('a : INT := 5; b : INT := 9; r : REFERENCE TO INT; x : INT;', 'r REF= a; r := r + 1; x := r; r REF= b; r := 0;');
    expect([p.get('Main.a'), p.get('Main.x'), p.get('Main.b')]).toEqual([6, 6, 0]);
  });

  it('runs REF_TO and pointers', () => {
    const p = runOnce('a : INT := 5; r : REF_TO INT; p : POINTER TO INT; x : INT;', 'r := REF(a); r^ := 7; p := ADR(a); x := p^ + 1;');
    expect(p.get('Main.a')).toBe(7);
    expect(p.get('Main.x')).toBe(8);
  });
});

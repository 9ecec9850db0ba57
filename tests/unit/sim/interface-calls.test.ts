import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGlobs } from '../../../src-main/fleet/glob.js';
import { loadSiteProgram } from '../../../src-main/fleet/site-program.js';
import { formatFault, runScenario } from '../../../src-main/sim/run-scenario.js';
import { parseScenario } from '../../../src-main/sim/scenario.js';
import { simulate } from '../../helpers/sim.js';

// Interfaces, dynamic dispatch and methods/properties on FB array elements on the soft-PLC (CODESYS semantics).

const SHAPES = `
INTERFACE I_Shape
METHOD Area : INT
VAR_INPUT scale : INT; END_VAR
END_METHOD
METHOD Kind : INT
END_METHOD
PROPERTY Size : INT
GET
END_GET
SET
END_SET
END_PROPERTY
END_INTERFACE

FUNCTION_BLOCK ABSTRACT FB_Shape IMPLEMENTS I_Shape
VAR _size : INT := 1; nKind : INT; END_VAR
METHOD Area : INT
VAR_INPUT scale : INT; END_VAR
  Area := 0;
END_METHOD
METHOD Kind : INT
  nKind := nKind + 1;
  Kind := 100;
END_METHOD
PROPERTY Size : INT
GET
  Size := _size;
END_GET
SET
  _size := Size;
END_SET
END_PROPERTY
END_FUNCTION_BLOCK

FUNCTION_BLOCK FB_Square EXTENDS FB_Shape
METHOD Area : INT
VAR_INPUT scale : INT; END_VAR
  Area := _size * _size * scale;
END_METHOD
END_FUNCTION_BLOCK

FUNCTION_BLOCK FB_Line EXTENDS FB_Shape
METHOD Area : INT
VAR_INPUT scale : INT; END_VAR
  Area := -scale;
END_METHOD
METHOD Kind : INT
  Kind := 2;
END_METHOD
PROPERTY Size : INT
GET
  Size := 10 * _size;
END_GET
SET
  _size := Size + 1;
END_SET
END_PROPERTY
END_FUNCTION_BLOCK
`;

/** 1-based line of the first line that contains `s`. */
function lineOf(text: string, s: string): number {
  return text.split('\n').findIndex((l) => l.includes(s)) + 1;
}

describe('soft-PLC interface references', () => {
  it('dispatches each element of an interface array to its instance type\'s override, and inherits the rest', () => {
    const p = simulate(`${SHAPES}
PROGRAM Main
VAR
  sq : FB_Square;
  sq2 : FB_Square;
  ln : FB_Line;
  shapes : ARRAY[1..3] OF I_Shape;
  areas : ARRAY[1..3] OF INT;
  kinds : ARRAY[1..3] OF INT;
  sizes : ARRAY[1..3] OF INT;
  i : INT;
  total : INT;
END_VAR
shapes[1] := sq;
shapes[2] := ln;
shapes[3] := sq2;
sq.Size := 3;
FOR i := 1 TO 3 DO
  areas[i] := shapes[i].Area(scale := 2);
  kinds[i] := shapes[i].Kind();
  sizes[i] := shapes[i].Size;
END_FOR
total := shapes[1].Area(5) + shapes[2].Area(scale := 1) * 10;
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([1, 2, 3].map((i) => p.get(`Main.areas[${i}]`))).toEqual([18, -2, 2]);
    // FB_Square inherits Kind from FB_Shape; FB_Line overrides it.
    expect([1, 2, 3].map((i) => p.get(`Main.kinds[${i}]`))).toEqual([100, 2, 100]);
    expect([1, 2, 3].map((i) => p.get(`Main.sizes[${i}]`))).toEqual([3, 10, 1]);
    expect(p.get('Main.total')).toBe(45 - 10);
  });

  it('sets a property through an interface with the instance type\'s setter, and the method writes the instance', () => {
    const p = simulate(`${SHAPES}
PROGRAM Main
VAR sq : FB_Square; ln : FB_Line; a : I_Shape; b : I_Shape; s1 : INT; s2 : INT; k : INT; END_VAR
a := sq;
b := ln;
a.Size := 4;
b.Size := 4;
s1 := sq.Size;
s2 := ln.Size;
k := a.Kind() + a.Kind();
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([p.get('Main.s1'), p.get('Main.s2'), p.get('Main.k')]).toEqual([4, 50, 200]);
  });

  it('copies a reference from another interface, compares references and checks <> 0', () => {
    const p = simulate(`${SHAPES}
PROGRAM Main
VAR
  sq : FB_Square; ln : FB_Line;
  a : I_Shape; b : I_Shape; c : I_Shape;
  unsetIsZero : BOOL; setIsNotZero : BOOL; sameRef : BOOL; otherRef : BOOL; guarded : INT := -1; viaCopy : INT;
END_VAR
unsetIsZero := a = 0 AND NOT (a <> 0);
a := ln;
setIsNotZero := a <> 0;
b := a;
sameRef := b = a AND b = ln;
otherRef := b = sq;
IF c <> 0 THEN
  guarded := c.Kind();
END_IF
viaCopy := b.Kind();
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect(['unsetIsZero', 'setIsNotZero', 'sameRef', 'otherRef', 'guarded', 'viaCopy'].map((v) => p.get(`Main.${v}`))).toEqual([true, true, true, false, -1, 2]);
  });

  it('passes interface references into FB inputs and method parameters', () => {
    const p = simulate(`${SHAPES}
FUNCTION_BLOCK FB_User
VAR_INPUT shape : I_Shape; END_VAR
VAR_OUTPUT area : INT; END_VAR
IF shape <> 0 THEN
  area := shape.Area(scale := 3);
END_IF
METHOD Twice : INT
VAR_INPUT s : I_Shape; END_VAR
  Twice := 2 * s.Area(1);
END_METHOD
END_FUNCTION_BLOCK
PROGRAM Main
VAR sq : FB_Square; user : FB_User; empty : FB_User; a : INT; e : INT; t : INT; END_VAR
sq.Size := 2;
user(shape := sq, area => a);
empty(area => e);
t := user.Twice(sq);
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([p.get('Main.a'), p.get('Main.e'), p.get('Main.t')]).toEqual([12, 0, 8]);
  });

  it('an FB hands itself out as THIS^, and an unset pointer equals 0', () => {
    const p = simulate(`${SHAPES}
FUNCTION_BLOCK FB_Self EXTENDS FB_Line
VAR_OUTPUT me : I_Shape; END_VAR
me := THIS^;
END_FUNCTION_BLOCK
PROGRAM Main
VAR s : FB_Self; k : INT; same : BOOL; x : INT; px : POINTER TO INT; unsetIsZero : BOOL; setIsNotZero : BOOL; samePlace : BOOL; END_VAR
s();
k := s.me.Kind();
same := s.me = s;
unsetIsZero := px = 0;
px := ADR(x);
setIsNotZero := px <> 0;
samePlace := px = ADR(x);
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect(['k', 'same', 'unsetIsZero', 'setIsNotZero', 'samePlace'].map((v) => p.get(`Main.${v}`))).toEqual([2, true, true, true, true]);
  });

  it('calls through an interface a function or method returns', () => {
    const p = simulate(`${SHAPES}
FUNCTION Pick : I_Shape
VAR_INPUT first : BOOL; a : I_Shape; b : I_Shape; END_VAR
IF first THEN Pick := a; ELSE Pick := b; END_IF
END_FUNCTION
FUNCTION_BLOCK FB_Holder
VAR_INPUT held : I_Shape; END_VAR
METHOD Get : I_Shape
  Get := held;
END_METHOD
END_FUNCTION_BLOCK
PROGRAM Main
VAR sq : FB_Square; ln : FB_Line; h : FB_Holder; k1 : INT; k2 : INT; k3 : INT; END_VAR
k1 := Pick(TRUE, sq, ln).Kind();
k2 := Pick(FALSE, sq, ln).Kind();
h(held := ln);
k3 := h.Get().Kind() + h.Get().Size;
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([p.get('Main.k1'), p.get('Main.k2'), p.get('Main.k3')]).toEqual([100, 2, 12]);
  });

  it('a call through an interface that refers to no instance stops the PLC with a fault naming the file and line', () => {
    const text = `${SHAPES}
PROGRAM Main
VAR shapes : ARRAY[1..2] OF I_Shape; sq : FB_Square; n : INT; i : INT; END_VAR
shapes[1] := sq;
FOR i := 1 TO 2 DO
  n := n + shapes[i].Kind();
END_FOR
END_PROGRAM
`;
    const line = lineOf(text, 'shapes[i].Kind()');
    const p = simulate(text);
    p.scan();
    expect(p.fault).toMatchObject({ kind: 'null-reference', pou: 'Main', file: 'main.st', line, scan: 0 });
    expect(p.fault!.message).toMatch(/method Kind called through an interface that refers to no instance/);
    expect(formatFault(p.fault!)).toMatch(new RegExp(`^null-reference fault in Main \\(main\\.st:${line}\\)`));
    // The first element ran: the fault stops the scan at the second.
    expect(p.get('Main.n')).toBe(100);
  });

  it('reading a property through an unset interface faults too', () => {
    const text = `${SHAPES}
PROGRAM Main
VAR a : I_Shape; n : INT; END_VAR
n := a.Size;
END_PROGRAM
`;
    const p = simulate(text);
    p.scan();
    expect(p.fault).toMatchObject({ kind: 'null-reference', line: lineOf(text, 'n := a.Size') });
    expect(p.fault!.message).toMatch(/property Size/);
  });
});

describe('soft-PLC virtual methods and FB arrays', () => {
  it('an override runs for a call from the base FB\'s own code (THIS^ and unqualified); SUPER^ runs the base', () => {
    const p = simulate(`
FUNCTION_BLOCK FB_Base
VAR_OUTPUT r1 : INT; r2 : INT; END_VAR
r1 := Code();
r2 := THIS^.Code() + Scale;
METHOD Code : INT
  Code := 1;
END_METHOD
PROPERTY Scale : INT
GET
  Scale := 10;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
FUNCTION_BLOCK FB_Derived EXTENDS FB_Base
SUPER^();
METHOD Code : INT
  Code := 2;
END_METHOD
METHOD Both : INT
  Both := SUPER^.Code() * 100 + Code();
END_METHOD
PROPERTY Scale : INT
GET
  Scale := 20;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
PROGRAM Main
VAR b : FB_Base; d : FB_Derived; both : INT; b1 : INT; b2 : INT; d1 : INT; d2 : INT; END_VAR
b(r1 => b1, r2 => b2);
d(r1 => d1, r2 => d2);
both := d.Both();
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect(['b1', 'b2', 'd1', 'd2', 'both'].map((v) => p.get(`Main.${v}`))).toEqual([1, 11, 2, 22, 102]);
  });

  it('runs methods and reads properties of FB array elements with a variable index, inherited ones too', () => {
    const p = simulate(`
FUNCTION_BLOCK FB_Base
VAR _on : BOOL; END_VAR
PROPERTY IsRunning : BOOL
GET
  IsRunning := _on;
END_GET
END_PROPERTY
END_FUNCTION_BLOCK
FUNCTION_BLOCK FB_Drive EXTENDS FB_Base
VAR_OUTPUT starts : INT; END_VAR
METHOD Run
  _on := TRUE;
  starts := starts + 1;
END_METHOD
END_FUNCTION_BLOCK
PROGRAM Main
VAR aDrives : ARRAY[0..3] OF FB_Drive; running : ARRAY[0..3] OF BOOL; i : INT; n : INT; END_VAR
FOR i := 1 TO 2 DO
  aDrives[i].Run();
END_FOR
aDrives[i].Run();
n := 0;
FOR i := 0 TO 3 DO
  running[i] := aDrives[i].IsRunning;
  IF aDrives[i].IsRunning THEN n := n + 1; END_IF
END_FOR
END_PROGRAM
`);
    p.scan();
    expect(p.fault).toBeNull();
    expect([0, 1, 2, 3].map((i) => p.get(`Main.running[${i}]`))).toEqual([false, true, true, true]);
    expect([0, 1, 2, 3].map((i) => p.get(`Main.aDrives[${i}].starts`))).toEqual([0, 1, 1, 1]);
    expect(p.get('Main.n')).toBe(3);
  });
});

describe('palletizer-9 (interfaces, abstract base FB) on the soft-PLC', () => {
  const dir = join(import.meta.dirname, '../../../examples/fleet/palletizer-9');
  const sp = loadSiteProgram(dir);
  const run = (rel: string, shift: (at: number) => number = (at) => at) => {
    const parsed = parseScenario(readFileSync(join(dir, rel), 'utf8'), rel);
    expect(parsed.problems).toEqual([]);
    const scenario = { ...parsed.scenario!, steps: parsed.scenario!.steps.map((st) => (st.expect.size && !st.set.size ? { ...st, atMs: shift(st.atMs) } : st)) };
    sp.program!.restart('cold');
    return runScenario(sp.program!, scenario);
  };

  it('compiles with no unsupported construct', () => {
    expect(sp.errors).toEqual([]);
    expect(sp.problems).toEqual([]);
    expect(sp.program).not.toBeNull();
  });

  it.each(expandGlobs(dir, sp.config.scenarios))('%s runs without a fault and passes', (rel) => {
    const r = run(rel);
    expect({ failures: r.failures, fault: r.fault, problems: r.problems }).toEqual({ failures: [], fault: null, problems: [] });
  });

  it('forms a whole layer (rows, pusher, hoist, STOP), and the outputs follow an end switch one scan later, not the same scan', () => {
    // MAIN reads fbPusher.IsExtended before it calls fbPusher with this scan's end-switch inputs, so a reaction
    // checked one cycle earlier than the scenario does must fail: the soft-PLC keeps the program's own order.
    expect(run('tests/form-one-layer.yaml').scans).toBeGreaterThan(190);
    const early = run('tests/form-one-layer.yaml', (at) => ([620, 820, 1320, 1520].includes(at) ? at - 10 : at));
    expect(early.failures.map((f) => f.atMs).sort((a, b) => a - b)).toEqual([610, 810, 1310, 1510]);
  });
});

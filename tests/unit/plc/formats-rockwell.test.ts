import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readL5k } from '../../../src-main/plc/formats/l5k.js';
import { readL5x } from '../../../src-main/plc/formats/l5x.js';
import { ROCKWELL_TYPES_ST } from '../../../src-main/plc/ladder/rockwell-types.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';

const DIR = join(import.meta.dirname, '../../fixtures/formats/rockwell');
const L5X_FILE = `${DIR}/PackLine.L5X`;
const L5K_FILE = `${DIR}/PackLine.L5K`;
const l5xText = readFileSync(L5X_FILE, 'utf8');
const l5kText = readFileSync(L5K_FILE, 'utf8');
const l5x = readL5x(L5X_FILE, l5xText);
const l5k = readL5k(L5K_FILE, l5kText);

const codes = (r: { diagnostics: { code: string }[] }): string[] => r.diagnostics.map((d) => d.code);

const EXPECTED_TYPES = `TYPE
  ConveyorData : STRUCT
    Running : BOOL;
    Faulted : BOOL;
    Speed : REAL;
    Counts : ARRAY[0..3] OF DINT;
  END_STRUCT;
END_TYPE
`;

const EXPECTED_GLOBALS = `VAR_GLOBAL
  Start : BOOL;
  Stop : BOOL := TRUE;
  Motor : BOOL;
  FillTimer : TIMER := (PRE := 5000);
  PartCount : COUNTER := (PRE := 10);
  Levels : ARRAY[0..7] OF REAL;
  Recipe : ARRAY[0..1, 0..2] OF DINT;
  Setpoint : REAL := 42.5;
  Conveyor : ConveyorData;
END_VAR
`;

const EXPECTED_AOI = `FUNCTION_BLOCK MotorCtl
VAR_INPUT
  EnableIn : BOOL := TRUE;
  StartPB : BOOL;
  StopPB : BOOL;
END_VAR
VAR_OUTPUT
  EnableOut : BOOL;
  Run : BOOL;
  Starts : DINT;
END_VAR
VAR
  Seal : BOOL;
END_VAR
VAR
  _r0_c1 : BOOL;
END_VAR
EnableOut := EnableIn;
IF NOT EnableIn THEN
  RETURN;
END_IF;
_r0_c1 := (StartPB OR Seal) AND NOT StopPB;
Seal := _r0_c1;
Run := _r0_c1;
END_FUNCTION_BLOCK
`;

const EXPECTED_BODY = `(* Motor seal-in *)
Motor := (Start OR Motor) AND NOT Stop;
_r1_ton(EnableIn := Motor, Timer := FillTimer);
_r2_ons1 := FillTimer.DN AND NOT OS_1;
OS_1 := FillTimer.DN;
_r2_ctu(EnableIn := _r2_ons1, Counter := PartCount);
_r3_c1 := PartCount.DN;
IF _r3_c1 THEN PartCount.ACC := 0; PartCount.CU := FALSE; PartCount.CD := FALSE; PartCount.DN := FALSE; PartCount.OV := FALSE; PartCount.UN := FALSE; END_IF;
IF _r3_c1 THEN Total := 0; END_IF;
IF (Levels[0] > Setpoint) AND (Levels[1] < Levels[2]) THEN Conveyor.Running := TRUE; END_IF;
_r5_c1 := Conveyor.Faulted;
IF _r5_c1 THEN Conveyor.Running := FALSE; END_IF;
IF _r5_c1 THEN Total := Total+Recipe[1,2]*2; END_IF;
Mtr1(EnableIn := Motor, StartPB := Start, StopPB := Stop, Run => Mtr1Run);
IF Motor THEN Calc(); END_IF;
Flash := FillTimer.TT AND NOT OS_2;
OS_2 := FillTimer.TT;
ACTION Calc:
(* add up the tank levels *)
Total := 0;
FOR Step := 0 TO 7 DO
    Total := Total + Levels[Step];
END_FOR;
IF Total > 400 THEN Conveyor.Faulted := TRUE; END_IF;
END_ACTION
END_PROGRAM
`;

describe('L5X reader', () => {
  it('produces the TYPE, FUNCTION_BLOCK, VAR_GLOBAL and PROGRAM units', () => {
    expect(l5x.sources.map((s) => s.text.split('\n')[0])).toEqual(['TYPE', 'FUNCTION_BLOCK MotorCtl', 'VAR_GLOBAL', 'PROGRAM MainProgram']);
    expect(l5x.sources[0]!.text).toBe(EXPECTED_TYPES);
    expect(l5x.sources[1]!.text).toBe(EXPECTED_AOI);
    expect(l5x.sources[2]!.text).toBe(EXPECTED_GLOBALS);
    expect(l5x.sources[3]!.text.endsWith(EXPECTED_BODY)).toBe(true);
    expect(l5x.sources[3]!.text).toContain('  Mtr1 : MotorCtl;\n');
    expect(l5x.sources[3]!.text).toContain('  _r1_ton : RA_TON;\n');
  });

  it('reports only the alias tag', () => {
    expect(codes(l5x)).toEqual(['FMT2005']);
    expect(l5x.diagnostics[0]!.span.start).toBe(l5xText.indexOf('<Tag Name="StartAlias"'));
  });

  it('maps every character of an ST routine line to the same character in the file', () => {
    const prog = l5x.sources[3]!;
    for (const line of ['Total := 0;', '    Total := Total + Levels[Step];', 'IF Total > 400 THEN Conveyor.Faulted := TRUE; END_IF;']) {
      const v = prog.text.indexOf(line, prog.text.indexOf('ACTION Calc:'));
      const f = l5xText.indexOf(`<![CDATA[${line}]]>`) + 9;
      expect(v).toBeGreaterThan(0);
      for (let i = 0; i < line.length; i++) expect(prog.toFileOffset(v + i)).toBe(f + i);
    }
  });

  it('maps translated rung lines to their rung text', () => {
    const prog = l5x.sources[3]!;
    const v = prog.text.indexOf('_r1_ton(EnableIn');
    expect(prog.toFileOffset(v + 5)).toBe(l5xText.indexOf('XIC(Motor)TON(FillTimer'));
  });

  it('returns the RLL routines as ladders with one origin per line', () => {
    expect(l5x.ladders.map((l) => [l.pou, l.language])).toEqual([
      ['MotorCtl', 'RLL'],
      ['MainProgram', 'RLL'],
    ]);
    const main = l5x.ladders[1]!;
    expect(main.translation.lines).toHaveLength(main.translation.st.split('\n').length);
    expect(main.translation.lines.map((l) => l.label)).toContain('rung 8');
    expect(l5xText.slice(main.span.start, main.span.start + 12)).toBe('[XIC(Start),');
    expect(main.translation.temporaries.map((t) => t.name)).toEqual(['_r1_ton', '_r2_ons1', '_r2_ctu', '_r3_c1', '_r5_c1']);
  });

  it('reports a bad rung at its exact place in the file and leaves it untranslated', () => {
    const bad = l5xText.replace('XIC(Motor)JSR(Calc,0);', 'XIC(Motor)JSX(Calc,0);');
    const r = readL5x(L5X_FILE, bad);
    const d = r.diagnostics.find((x) => x.code === 'LD2004')!;
    expect(bad.slice(d.span.start, d.span.end)).toBe('JSX');
    expect(r.sources[3]!.text).toContain('(* rung 7 not translated: it has errors *)');
  });

  it('refuses a DOCTYPE before parsing', () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<RSLogix5000Content><Controller Name="x">&lol2;</Controller></RSLogix5000Content>`;
    const r = readL5x('bomb.L5X', bomb);
    expect(r.sources).toEqual([]);
    expect(codes(r)).toEqual(['FMT1002']);
    expect(r.diagnostics[0]!.severity).toBe('error');
  });

  it('reports malformed XML, a foreign root, skipped routine types, a missing main routine and protected content', () => {
    expect(codes(readL5x('a.L5X', '<RSLogix5000Content><Controller>'))).toEqual(['FMT1003']);
    expect(codes(readL5x('a.L5X', '<Project><Controller Name="x"/></Project>'))).toEqual(['FMT2003']);
    const odd = `<RSLogix5000Content><Controller Name="c"><AddOnInstructionDefinitions><EncodedData Name="Secret" EncodedType="AddOnInstructionDefinition">AAAA</EncodedData></AddOnInstructionDefinitions><Programs><Program Name="P" MainRoutineName="Nope"><Routines><Routine Name="F" Type="FBD"><FBDContent/></Routine></Routines></Program></Programs></Controller></RSLogix5000Content>`;
    const r = readL5x('odd.L5X', odd);
    expect(codes(r).sort()).toEqual(['FMT2004', 'FMT2007', 'FMT2008']);
    const fbd = r.diagnostics.find((d) => d.code === 'FMT2004')!;
    expect(odd.slice(fbd.span.start, fbd.span.start + 17)).toBe('<Routine Name="F"');
  });

  it('never throws on mangled L5X', () => {
    fc.assert(
      fc.property(fc.nat(l5xText.length), fc.nat(200), fc.string({ maxLength: 20 }), (at, cut, junk) => {
        readL5x('m.L5X', l5xText.slice(0, at) + junk + l5xText.slice(at + cut));
      }),
      { numRuns: 300 },
    );
  });
});

describe('L5K reader', () => {
  it('gives the same ST as the equivalent L5X', () => {
    expect(l5k.sources.map((s) => s.text)).toEqual(l5x.sources.map((s) => s.text));
    expect(codes(l5k)).toEqual(['FMT2005']);
    expect(l5k.ladders.map((l) => l.translation.st)).toEqual(l5x.ladders.map((l) => l.translation.st));
  });

  it('maps ST routine lines back to the text after the quote', () => {
    const prog = l5k.sources[3]!;
    const line = '    Total := Total + Levels[Step];';
    const v = prog.text.indexOf(line);
    const f = l5kText.indexOf(`'${line}`) + 1;
    for (let i = 0; i < line.length; i++) expect(prog.toFileOffset(v + i)).toBe(f + i);
  });

  it('reports a rung problem at its offset in the L5K text', () => {
    const bad = l5kText.replace('N: XIC(Motor)TON(FillTimer,?,?);', 'N: XIC(Motor)TON(FillTimer);');
    const d = readL5k(L5K_FILE, bad).diagnostics.find((x) => x.code === 'LD2005')!;
    expect(bad.slice(d.span.start, d.span.end)).toBe('TON(FillTimer)');
  });

  it('reports files that are not L5K and blocks that are not closed', () => {
    expect(codes(readL5k('x.L5K', 'hello'))).toEqual(['FMT2003']);
    const open = 'CONTROLLER C ()\n PROGRAM P (MAIN := "R")\n ROUTINE R\n N: OTE(A);\nEND_CONTROLLER\n';
    const r = readL5k('x.L5K', open);
    expect(codes(r)).toContain('FMT2006');
  });

  it('never throws on mangled L5K', () => {
    fc.assert(
      fc.property(fc.nat(l5kText.length), fc.nat(200), fc.string({ maxLength: 20 }), (at, cut, junk) => {
        readL5k('m.L5K', l5kText.slice(0, at) + junk + l5kText.slice(at + cut));
      }),
      { numRuns: 300 },
    );
  });
});

describe('generated ST', () => {
  it('parses without errors', () => {
    for (const s of [...l5x.sources, ...l5k.sources]) {
      expect(parseSt(s.text, s.file, 'codesys').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
    expect(parseSt(ROCKWELL_TYPES_ST, 'builtins', 'codesys').diagnostics).toEqual([]);
  });
});

describe('large inputs', () => {
  it('reads big and hostile files in linear time', () => {
    const rungs = Array.from({ length: 20_000 }, (_, i) => `N: XIC(A${i})OTE(B${i});`).join('\n');
    const lines = Array.from({ length: 20_000 }, () => "'x := x + 1;").join('\n');
    const junk = 'Foo Bar;\n'.repeat(50_000);
    const big = `CONTROLLER C\n${junk}PROGRAM P (MAIN := "R")\nROUTINE R\n${rungs}\nEND_ROUTINE\nST_ROUTINE S\n${lines}\nEND_ST_ROUTINE\nEND_PROGRAM\nEND_CONTROLLER\n`;
    const r = readL5k('big.L5K', big);
    expect(r.ladders[0]!.translation.lines).toHaveLength(20_000);
    const rung = `<Rung Number="0"><Text><![CDATA[${'['.repeat(5000)}XIC(A)${'XIC(B)'.repeat(20_000)}OTE(C);]]></Text></Rung>`;
    const xml = `<RSLogix5000Content><Controller Name="c"><Programs><Program Name="P" MainRoutineName="R"><Routines><Routine Name="R" Type="RLL"><RLLContent>${rung}</RLLContent></Routine></Routines></Program></Programs></Controller></RSLogix5000Content>`;
    expect(codes(readL5x('big.L5X', xml))).toContain('LD2006');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AoiTable } from '../../../src-main/plc/ladder/rll-instructions.js';
import { hasErrors, parseRung } from '../../../src-main/plc/ladder/rll-parser.js';
import { translateRung } from '../../../src-main/plc/ladder/rll-to-st.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';

const FILE = 'Main.L5X';
const AOIS: AoiTable = new Map([
  ['MOTORCTL', { name: 'MotorCtl', required: [{ name: 'StartPB', usage: 'Input' }, { name: 'Run', usage: 'Output' }] }],
]);

function parse(text: string, base = 0) {
  return parseRung({ file: FILE, text, base, number: 0, aois: AOIS });
}

function st(text: string, typeOf?: (root: string) => string | undefined): string {
  const p = parse(text);
  expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return translateRung(p.rung, { aois: AOIS, typeOf }).translation.st;
}

const GOLDEN: [string, string, string][] = [
  ['contacts and a branch', 'XIC(Start)[XIC(Run),XIO(Stop)]OTE(Motor);', 'Motor := Start AND (Run OR NOT Stop);'],
  ['whitespace and multi-instruction legs', '[XIC(a) ,XIC(b) XIO(c) ]OTL(x);', 'IF (a OR (b AND NOT c)) THEN x := TRUE; END_IF;'],
  ['empty leg is a wire', '[,XIC(b)]OTE(x);', 'x := TRUE;'],
  ['nested branches', 'XIC(A)[XIC(B)[XIC(C),XIC(D)],XIC(E)]OTE(Y);', 'Y := A AND ((B AND (C OR D)) OR E);'],
  ['OTU', 'XIC(A)OTU(B);', 'IF A THEN B := FALSE; END_IF;'],
  ['unconditional OTL', 'OTL(B);', 'B := TRUE;'],
  [
    'one-shot then timer then coil',
    'XIC(A)ONS(OS_1)TON(T1,?,?)OTE(B);',
    ['_r0_ons1 := A AND NOT OS_1;', 'OS_1 := A;', '_r0_ton(EnableIn := _r0_ons1, Timer := T1);', 'B := _r0_ons1;'].join('\n'),
  ],
  ['OSR', 'XIC(A)OSR(SB,Q);', 'Q := A AND NOT SB;\nSB := A;'],
  ['OSF', 'XIC(A)OSF(SB,Q);', 'Q := NOT (A) AND SB;\nSB := A;'],
  ['TOF and RTO', 'XIC(A)TOF(T1,1000,0)RTO(T2,?,?);', '_r0_tof(EnableIn := A, Timer := T1);\n_r0_rto(EnableIn := A, Timer := T2);'],
  ['CTU and CTD', 'XIC(A)[CTU(C1,?,?),CTD(C2,?,?)];', '_r0_ctu(EnableIn := A, Counter := C1);\n_r0_ctd(EnableIn := A, Counter := C2);'],
  ['RES of a timer', 'XIC(R)RES(T1);', 'IF R THEN T1.ACC := 0; T1.EN := FALSE; T1.TT := FALSE; T1.DN := FALSE; END_IF;'],
  ['MOV and CPT with an expression', 'XIC(A)MOV(5,N)CPT(Dest,Src1+Src2*2);', 'IF A THEN N := 5; END_IF;\nIF A THEN Dest := Src1+Src2*2; END_IF;'],
  ['math instructions', 'ADD(A,B,C)SUB(A,B,D)MUL(A,2,E)DIV(A,B,F)CLR(G);', 'C := A + B;\nD := A - B;\nE := A * 2;\nF := A / B;\nG := 0;'],
  ['CPT functions', 'CPT(X,SQR(Y)+ABS(Z));', 'X := SQRT(Y)+ABS(Z);'],
  ['comparisons', 'EQU(A,1)NEQ(B,2)GRT(C,3)GES(D,4)LES(E,5)LEQ(F,6)OTE(Q);', 'Q := (A = 1) AND (B <> 2) AND (C > 3) AND (D >= 4) AND (E < 5) AND (F <= 6);'],
  ['LIM with constant limits', 'LIM(10,T,20)OTE(Q);', 'Q := (T >= 10 AND T <= 20);'],
  ['LIM with reversed constant limits', 'LIM(20,T,10)OTE(Q);', 'Q := (T >= 20 OR T <= 10);'],
  ['LIM with tag limits', 'LIM(Lo,T,Hi)OTE(Q);', 'Q := ((Lo <= Hi AND T >= Lo AND T <= Hi) OR (Lo > Hi AND (T >= Lo OR T <= Hi)));'],
  ['CMP', 'CMP(A>B)OTE(C);', 'C := (A>B);'],
  ['JSR', 'XIC(A)JSR(Fill,0);', 'IF A THEN Fill(); END_IF;'],
  ['JMP and LBL', 'LBL(Again)XIC(A)JMP(Again);', 'Again: ;\nIF A THEN JMP Again; END_IF;'],
  ['AFI and NOP', 'AFI()NOP()OTE(Q);', 'Q := FALSE;'],
  ['members, indices, bits and module paths', 'XIC(Local:1:I.Data.0)XIC(Tag.DN)OTE(Arr[3].5);', 'Arr[3].5 := Local_1_I.Data.0 AND Tag.DN;'],
  ['mid-rung output passes the rung on', 'XIC(A)OTE(B)XIC(B)OTE(C);', 'B := A;\nC := A AND B;'],
  ['write to a tag the condition still reads', 'XIO(A)OTL(A)OTE(C);', '_r0_c1 := NOT A;\nIF _r0_c1 THEN A := TRUE; END_IF;\nC := _r0_c1;'],
  ['compare after a write sees the new value', 'XIC(A)MOV(5,N)EQU(N,5)OTE(Q);', 'IF A THEN N := 5; END_IF;\nQ := A AND (N = 5);'],
  ['outputs on parallel legs', 'XIC(A)[OTE(B),XIC(C)OTE(D)];', 'B := A;\nD := A AND C;'],
  ['branch output read after a JSR in a leg', '[XIC(A),JSR(S,0)]OTE(Q);', '_r0_c1 := A;\nS();\nQ := TRUE;'],
  ['AOI call', 'XIC(A)MotorCtl(M1,Go,Running)OTE(Q);', 'M1(EnableIn := A, StartPB := Go, Run => Running);\nQ := M1.EnableOut;'],
];

describe('RLL to ST', () => {
  for (const [name, rung, expected] of GOLDEN) {
    it(name, () => {
      expect(st(rung)).toBe(expected);
    });
  }

  it('RES uses the declared type of its operand', () => {
    expect(st('RES(C1);', (r) => (r === 'C1' ? 'COUNTER' : undefined))).toBe(
      'C1.ACC := 0; C1.CU := FALSE; C1.CD := FALSE; C1.DN := FALSE; C1.OV := FALSE; C1.UN := FALSE;',
    );
    const p = parse('RES(X);');
    expect(translateRung(p.rung).diagnostics.map((d) => d.code)).toEqual(['LD2012']);
  });

  it('puts the rung comment first and gives every line the rung as origin', () => {
    const p = parseRung({ file: FILE, text: 'XIO(A)OTL(A)OTE(C);', base: 40, number: 7, comment: 'latch (*A*)' });
    const t = translateRung(p.rung).translation;
    expect(t.st.split('\n')[0]).toBe('(* latch ( *A* ) *)');
    expect(t.lines).toHaveLength(t.st.split('\n').length);
    expect(t.lines.every((l) => l.label === 'rung 7' && l.span.start === 40 && l.span.end === 59)).toBe(true);
    expect(t.temporaries).toEqual([{ name: '_r7_c1', type: 'BOOL' }]);
  });

  it('reports untranslated instructions and JSR parameters', () => {
    const p = parse('XIC(A)COP(Src[0],Dst[0],10)JSR(Sub,1,In,Out);');
    const r = translateRung(p.rung);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['LD2009', 'LD2010']);
    expect(r.translation.st.split('\n')[0]).toBe('(* COP(Src[0],Dst[0],10) not translated *)');
  });
});

describe('RLL parser', () => {
  it('builds the rung model with offsets', () => {
    const p = parse('XIC(Start)[XIC(Run),XIO(Stop)]OTE(Motor);', 10);
    expect(p.diagnostics).toEqual([]);
    const [a, b, c] = p.rung.elements;
    expect(a).toMatchObject({ kind: 'Instruction', mnemonic: 'XIC', operands: ['Start'], start: 10, end: 20 });
    expect(b).toMatchObject({ kind: 'Branch', start: 20, end: 40 });
    expect(b?.kind === 'Branch' && b.legs.map((l) => l.map((i) => (i.kind === 'Instruction' ? i.mnemonic : '[')))).toEqual([['XIC'], ['XIO']]);
    expect(c).toMatchObject({ mnemonic: 'OTE', operands: ['Motor'], operandStarts: [44] });
  });

  it('splits operands only at top-level commas', () => {
    const p = parse("CPT(D,MAX(A[1,2],B))MOV('a,b',S);");
    const ops = p.rung.elements.map((e) => (e.kind === 'Instruction' ? e.operands : []));
    expect(ops).toEqual([['D', 'MAX(A[1,2],B)'], ["'a,b'", 'S']]);
  });

  const ERRORS: [string, string, { code: string; start: number; end: number }[]][] = [
    ['unclosed branch', 'XIC(A)[XIC(B)OTE(C);', [{ code: 'LD2001', start: 106, end: 107 }]],
    ['stray ]', 'XIC(A)]OTE(B);', [{ code: 'LD2002', start: 106, end: 107 }]],
    ['stray comma', 'XIC(A),OTE(B);', [{ code: 'LD2002', start: 106, end: 107 }]],
    ['unclosed operand list', 'XIC(A OTE(B);', [{ code: 'LD2003', start: 103, end: 112 }]],
    ['unknown instruction', 'FOO(A)OTE(B);', [{ code: 'LD2004', start: 100, end: 103 }]],
    ['wrong operand count', 'TON(T1)OTE(B);', [{ code: 'LD2005', start: 100, end: 107 }]],
    ['AOI operand count', 'MotorCtl(M1,Go)OTE(B);', [{ code: 'LD2005', start: 100, end: 115 }]],
    ['placeholder where a tag is needed', 'XIC(?)OTE(B);', [{ code: 'LD2008', start: 104, end: 105 }]],
    ['no terminator', 'XIC(A)OTE(B)  ', [{ code: 'LD2007', start: 112, end: 112 }]],
    ['mnemonic without operands', 'XIC(A) junk OTE(B);', [{ code: 'LD2006', start: 107, end: 111 }]],
    ['text after the terminator', 'OTE(B); x', [{ code: 'LD2006', start: 108, end: 109 }]],
    ['junk characters', 'XIC(A)%%OTE(B);', [{ code: 'LD2006', start: 106, end: 108 }]],
    [
      'several errors in one rung',
      'FOO(A)[XIC(B)TON(T);',
      [
        { code: 'LD2001', start: 106, end: 107 },
        { code: 'LD2004', start: 100, end: 103 },
        { code: 'LD2005', start: 113, end: 119 },
      ],
    ],
  ];
  for (const [name, text, expected] of ERRORS) {
    it(`reports ${name} at its offset`, () => {
      const p = parse(text, 100);
      expect(p.diagnostics.map((d) => ({ code: d.code, start: d.span.start, end: d.span.end }))).toEqual(expected);
      expect(p.diagnostics.every((d) => d.span.file === FILE && d.message.length > 0)).toBe(true);
    });
  }
});

const ident = fc.constantFrom('A', 'B', 'Start', 'T.DN', 'Arr[2].3', 'Local:1:I.Data.0', 'Cnt.ACC');
const instr = fc.oneof(
  fc.tuple(fc.constantFrom('XIC', 'XIO', 'OTE', 'OTL', 'OTU', 'ONS'), ident).map(([m, a]) => `${m}(${a})`),
  fc.tuple(fc.constantFrom('EQU', 'GRT', 'LEQ', 'OSR', 'OSF'), ident, ident).map(([m, a, b]) => `${m}(${a},${b})`),
  fc.tuple(fc.constantFrom('TON', 'TOF', 'CTU'), ident).map(([m, a]) => `${m}(${a},?,?)`),
  fc.tuple(ident, ident).map(([a, b]) => `MOV(${a},${b})`),
  fc.tuple(ident, ident).map(([a, b]) => `CPT(${b},${a}*2+1)`),
  fc.constant('JSR(Sub,0)'),
  fc.constant('NOP()'),
);
const { seq } = fc.letrec<{ seq: string; branch: string }>((tie) => ({
  seq: fc.array(fc.oneof({ weight: 4, arbitrary: instr }, { weight: 1, arbitrary: tie('branch') }), { maxLength: 4 }).map((a) => a.join('')),
  branch: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((legs) => `[${legs.join(',')}]`),
}));

describe('RLL properties', () => {
  it('never throws on arbitrary text', () => {
    const chars = fc.constantFrom(...'XIC(A)[,];? .:OTE1\'"'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(chars, { maxLength: 120 }).map((a) => a.join(''))), (text) => {
        const p = parse(text);
        if (!hasErrors(p.diagnostics)) translateRung(p.rung, { aois: AOIS });
      }),
      { numRuns: 2000 },
    );
  });

  it('survives deep nesting', () => {
    const p = parse(`${'['.repeat(50_000)}OTE(A);`);
    expect(p.diagnostics.some((d) => d.code === 'LD2006')).toBe(true);
  });

  it('translates every well-formed rung into ST that parses', () => {
    fc.assert(
      fc.property(seq, (body) => {
        const p = parse(`${body};`);
        expect(p.diagnostics).toEqual([]);
        const t = translateRung(p.rung, { aois: AOIS, typeOf: () => 'TIMER' }).translation;
        const temps = t.temporaries.map((x) => `  ${x.name} : ${x.type};\n`).join('');
        const unit = `PROGRAM P\nVAR\n${temps}  Dummy : BOOL;\nEND_VAR\n${t.st}\nEND_PROGRAM\n`;
        expect(parseSt(unit, 'p.st', 'codesys').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(t.lines).toHaveLength(t.st === '' ? 0 : t.st.split('\n').length);
      }),
      { numRuns: 500 },
    );
  });
});

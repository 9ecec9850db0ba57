import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIl } from '../../../src-main/plc/il/il-parser.js';
import { type IlTranslateOptions, translateIl } from '../../../src-main/plc/il/il-to-st.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';

const TYPES: Record<string, string> = { a: 'BOOL', b: 'BOOL', c: 'BOOL', q: 'BOOL', n: 'INT', m: 'INT', k: 'INT', rs1: 'RS', ctr: 'CTU' };
const opts: IlTranslateOptions = { typeOf: (n) => TYPES[n], isFunction: (n) => n.toUpperCase() === 'FC_SCALE' };
const st = (il: string): string => {
  const r = translateIl(il, 'f.il', opts);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r.translation.st;
};
const errors = (il: string): [string, number, number][] => translateIl(il, 'f.il', opts).diagnostics.map((d) => [d.code, d.span.start, d.span.end]);
const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('IL to ST: load, store and Boolean operators', () => {
  it.each([
    ['LD a\nAND b\nANDN c\nST q', 'q := a AND b AND NOT c;'],
    ['LDN a\nSTN q', 'q := NOT NOT a;'],
    ['LD a\n& b\n&N c\nST q', 'q := a AND b AND NOT c;'],
    ['LD a\nOR b\nORN c\nST q', 'q := a OR b OR NOT c;'],
    ['LD a\nXOR b\nXORN c\nST q', 'q := a XOR b XOR NOT c;'],
    ['LD a\nOR b\nAND c\nST q', 'q := (a OR b) AND c;'],
    ['LD a\nAND b\nOR c\nST q', 'q := a AND b OR c;'],
    ['LD a\nNOT\nST q', 'q := NOT a;'],
    ['ld a\nandn b\nst q', 'q := a AND NOT b;'],
    ['LD TRUE\nST q', 'q := TRUE;'],
    ['LD %IX0.1\nST %QX1.0', '%QX1.0 := %IX0.1;'],
    ['LD s.arr[n + 1].x\nST q', 'q := s.arr[n + 1].x;'],
  ])('%j', (il, out) => expect(st(il)).toBe(`${out}\n`));

  it('keeps the CR after ST and reuses the stored variable', () => {
    expect(st('LD a\nAND b\nST q\nST c')).toBe(lines('q := a AND b;', 'c := q;'));
    expect(st('LD a\nST q\nSTN c')).toBe(lines('q := a;', 'c := NOT a;'));
    expect(st('LD a\nNOT\nST a\nST b')).toBe(lines('a := NOT a;', 'b := a;'));
  });

  it('sets and resets BOOLs, and calls FB inputs S and R on instances', () => {
    expect(st('LD a\nS q\nLD b\nR q')).toBe(lines('IF a THEN', '    q := TRUE;', 'END_IF;', 'IF b THEN', '    q := FALSE;', 'END_IF;'));
    expect(st('LD a\nS rs1\nLD b\nR1 rs1')).toBe(lines('rs1(S := a);', 'rs1(R1 := b);'));
  });

  it('saves the CR in a typed temporary when a write would change what it reads', () => {
    const r = translateIl('LD INT#5\nADD arr[1]\nST arr[2]\nST m', 'f', opts);
    expect(r.translation.st).toBe(lines('_il_tmp1 := INT#5 + arr[1];', 'arr[2] := _il_tmp1;', 'm := _il_tmp1;'));
    expect(r.translation.temporaries).toEqual([{ name: '_il_tmp1', type: 'INT' }]);
    expect(errors('LD 5\nADD arr[1]\nST arr[2]\nST m')).toEqual([['IL1008', 26, 28]]);
  });
});

describe('IL to ST: arithmetic, comparison and function operators', () => {
  it.each([
    ['LD n\nADD 1\nST m', 'm := n + 1;'],
    ['LD n\nADD m\nMUL 2\nST k', 'k := (n + m) * 2;'],
    ['LD n\nMUL m\nADD 2\nST k', 'k := n * m + 2;'],
    ['LD n\nSUB m\nSUB k\nST n', 'n := n - m - k;'],
    ['LD n\nDIV 3\nMOD 2\nST k', 'k := n / 3 MOD 2;'],
    ['LD n\nSUB -1\nST k', 'k := n - -1;'],
    ['LD n\nGT m\nST q', 'q := n > m;'],
    ['LD n\nGE 0\nAND a\nST q', 'q := n >= 0 AND a;'],
    ['LD n\nLT m\nST q', 'q := n < m;'],
    ['LD n\nLE m\nST q', 'q := n <= m;'],
    ['LD n\nEQ m\nST q', 'q := n = m;'],
    ['LD n\nNE m\nEQ a\nST q', 'q := n <> m = a;'],
    ['LD n\nADD 1\nGT m\nST q', 'q := n + 1 > m;'],
    ['LD n\nLIMIT 0, 100\nST m', 'm := LIMIT(n, 0, 100);'],
    ['LD n\nINT_TO_REAL\nMUL 2.5\nST r', 'r := INT_TO_REAL(n) * 2.5;'],
    ['LD n\nFC_Scale 10\nST m', 'm := FC_Scale(n, 10);'],
    ['LIMIT(MN := 0, IN := n,\n  MX := 10)\nST m', 'm := LIMIT(MN := 0, IN := n, MX := 10);'],
    ['LD T#1s\nADD T#500ms\nST t', 't := T#1s + T#500ms;'],
    ["LD 'a$'b'\nST s", "s := 'a$'b';"],
  ])('%j', (il, out) => expect(st(il)).toBe(`${out}\n`));
});

describe('IL to ST: parentheses', () => {
  it.each([
    ['LD a\nAND( b\nOR c\n)\nST q', 'q := a AND (b OR c);'],
    ['LD a\nANDN( b\nOR c\n)\nST q', 'q := a AND NOT (b OR c);'],
    ['LD a\nAND(\nLD b\nOR( c\nANDN q\n)\n)\nST q', 'q := a AND (b OR c AND NOT q);'],
    ['LD a\nOR( b\nAND c\n)\nST q', 'q := a OR b AND c;'],
    ['LD n\nMUL( m\nADD 1\n)\nST k', 'k := n * (m + 1);'],
    ['LD n\nSUB( m\nSUB( k\nSUB 1\n)\n)\nST k', 'k := n - (m - (k - 1));'],
    ['LD n\nGT( m\nADD 1\n)\nST q', 'q := n > m + 1;'],
    ['LD a\nXORN( b\n)\nST q', 'q := a XOR NOT b;'],
  ])('%j', (il, out) => expect(st(il)).toBe(`${out}\n`));

  it('runs stores inside the parenthesis in order, saving the outer operand first', () => {
    expect(st('LD a\nAND( b\nST c\nOR q\n)\nST q')).toBe(lines('c := b;', 'q := a AND (b OR q);'));
    expect(st('LD a\nAND( b\nST a\n)\nST q')).toBe(lines('_il_tmp1 := a;', 'a := b;', 'q := _il_tmp1 AND b;'));
  });
});

describe('IL to ST: labels, jumps, calls and returns', () => {
  it('translates JMP, JMPC and JMPCN with labels', () => {
    expect(st('LD a\nJMPC L1\nLD b\nJMPCN L2\nJMP L1\nL1: LD c\nST q\nL2:\nLD n\nST m')).toBe(
      lines('IF a THEN', '    JMP L1;', 'END_IF;', 'IF NOT b THEN', '    JMP L2;', 'END_IF;', 'JMP L1;', 'L1:', 'q := c;', 'L2:', 'm := n;'),
    );
  });

  it('carries the CR past a label reached by a jump in a typed temporary', () => {
    const r = translateIl('LD n\nGT 5\nJMPC L\nLD a\nAND b\nL: ST q', 'f', opts);
    expect(r.diagnostics).toEqual([]);
    expect(r.translation.st).toBe(lines('IF n > 5 THEN', '    _il_cr_L := TRUE;', '    JMP L;', 'END_IF;', '_il_cr_L := a AND b;', 'L:', 'q := _il_cr_L;'));
    expect(r.translation.temporaries).toEqual([{ name: '_il_cr_L', type: 'BOOL' }]);
    const back = translateIl('LD n\nTop: ADD 1\nST n\nLT 10\nJMPC Top', 'f', opts);
    expect(back.diagnostics.map((d) => d.code)).toEqual(['IL1008']);
    expect(back.translation.st).toBe(lines('_il_cr_Top := n;', 'Top:', 'n := _il_cr_Top + 1;', 'IF n < 10 THEN', '    _il_cr_Top := TRUE;', '    JMP Top;', 'END_IF;'));
  });

  it('lets the CR flow through a label no jump reaches', () => {
    expect(st('LD a\nL: ST q')).toBe(lines('L:', 'q := a;'));
  });

  it('translates CAL forms and FB input operators', () => {
    expect(st('CAL tmr')).toBe(lines('tmr();'));
    expect(st('CAL tmr()')).toBe(lines('tmr();'));
    expect(st('CAL tmr(IN := a, PT := T#1s, Q => q, ET => t)')).toBe(lines('tmr(IN := a, PT := T#1s, Q => q, ET => t);'));
    expect(st('CAL tmr(\n  IN := a, (* run *)\n  PT := T#1s\n)\nLD tmr.Q\nST q')).toBe(lines('tmr(IN := a, PT := T#1s);', 'q := tmr.Q;'));
    expect(st('LD a\nCALC tmr(IN := b)\nLD b\nCALCN tmr')).toBe(lines('IF a THEN', '    tmr(IN := b);', 'END_IF;', 'IF NOT b THEN', '    tmr();', 'END_IF;'));
    expect(st('LD a\nS1 ff\nLD b\nR ff1\nLD c\nCLK trig\nLD a\nCU ctr\nLD b\nCD ctd\nLD n\nPV ctr\nLD a\nIN tmr\nLD T#2s\nPT tmr')).toBe(
      lines('ff(S1 := a);', 'IF b THEN', '    ff1 := FALSE;', 'END_IF;', 'trig(CLK := c);', 'ctr(CU := a);', 'ctd(CD := b);', 'ctr(PV := n);', 'tmr(IN := a);', 'tmr(PT := T#2s);'),
    );
  });

  it('saves a CR that reads the instance an input operator calls', () => {
    expect(st('LD ctr.Q\nAND a\nCU ctr\nST q')).toBe(lines('_il_tmp1 := ctr.Q AND a;', 'ctr(CU := _il_tmp1);', 'q := _il_tmp1;'));
  });

  it('translates RET, RETC and RETCN', () => {
    expect(st('LD a\nRETC\nLD b\nRETCN\nRET')).toBe(lines('IF a THEN', '    RETURN;', 'END_IF;', 'IF NOT b THEN', '    RETURN;', 'END_IF;', 'RETURN;'));
  });

  it('reads comments, blank lines and labels on their own line', () => {
    expect(st('(* head\n comment *)\n\nLD a // load\nLbl:\n  (* x *) ST q (* y *)')).toBe(lines('Lbl:', 'q := a;'));
  });

  it('gives every ST line the span and label of its IL line', () => {
    const il = 'LD a\n\nJMPC L\nL: LD b\nST q';
    const r = translateIl(il, 'f', opts).translation;
    expect(r.lines.map((o) => [o.label, il.slice(o.span.start, o.span.end)])).toEqual([
      ['IL line 3', 'JMPC L'],
      ['IL line 3', 'JMPC L'],
      ['IL line 3', 'JMPC L'],
      ['IL line 4', 'L: LD b'],
      ['IL line 5', 'ST q'],
    ]);
    expect(r.st).toBe(lines('IF a THEN', '    JMP L;', 'END_IF;', 'L:', 'q := b;'));
  });
});

describe('IL to ST: errors with exact offsets', () => {
  it('reports unknown operators and modifiers', () => {
    expect(errors('LD a\nFROB b\nST q')).toEqual([['IL1001', 5, 9]]);
    expect(errors('LDC a')).toEqual([['IL1012', 0, 3]]);
    expect(errors('LD n\nADDN 1')).toEqual([['IL1012', 5, 9]]);
    expect(errors('LD a\nJMPN L\nL:')).toEqual([['IL1012', 5, 9]]);
  });

  it('reports missing and invalid operands', () => {
    expect(errors('LD\nST q')).toEqual([['IL1002', 2, 2]]);
    expect(errors('LD a\nST')).toEqual([['IL1002', 7, 7]]);
    expect(errors('LD a\nST 5')).toEqual([['IL1003', 8, 9]]);
    expect(errors('LD a b')).toEqual([['IL1003', 3, 6]]);
    expect(errors('LD a, b')).toEqual([['IL1003', 6, 7]]);
    expect(errors('LD a\nRET x')).toEqual([['IL1003', 9, 10]]);
    expect(errors('LD a\nJMP')).toEqual([['IL1002', 8, 8]]);
  });

  it('reports unbalanced parentheses', () => {
    expect(errors('LD a\nAND( b\nST q')).toEqual([['IL1004', 5, 9]]);
    expect(errors('LD a\n)\nST q')).toEqual([['IL1004', 5, 6]]);
    expect(errors('CAL tmr(IN := a')).toEqual([['IL1004', 7, 8]]);
  });

  it('reports an undefined CR, also at a jump target', () => {
    expect(errors('ST q')).toEqual([['IL1005', 0, 2]]);
    expect(errors('CAL fb\nAND a')).toEqual([['IL1005', 7, 10]]);
    expect(errors('LD a\nAND(\nOR b\n)\nST q')).toEqual([['IL1005', 10, 12]]);
    expect(errors('CAL fb\nJMP L\nLD a\nL: ST q')).toEqual([['IL1005', 7, 10]]);
  });

  it('reports unknown and duplicate labels, and what it does not translate', () => {
    expect(errors('LD a\nJMPC Nowhere')).toEqual([['IL1006', 10, 17]]);
    expect(errors('L: LD a\nL: ST q')).toEqual([['IL1007', 8, 9]]);
    expect(errors('LD a\nAND( b\nJMPC L\n)\nL: ST q')).toEqual([['IL1010', 12, 16]]);
    expect(errors('CAL fb(IN := (LD a))')).toEqual([['IL1010', 7, 14]]);
    expect(errors('CAL fb(a, b)')).toEqual([['IL1011', 7, 8]]);
    expect(errors('LD a (* open')).toEqual([['IL1009', 5, 12]]);
    expect(errors("LD 'abc\nST q")).toEqual([['IL1009', 3, 7]]);
  });

  it('evaluates a user function only once', () => {
    expect(st('LD n\nFC_Scale 2\nGT 0\nJMPC L\nST q\nL:')).toBe(lines('_il_tmp1 := FC_Scale(n, 2) > 0;', 'IF _il_tmp1 THEN', '    JMP L;', 'END_IF;', 'q := _il_tmp1;', 'L:'));
    expect(errors('LD n\nFC_Scale 2\nJMPC L\nST m\nL:')).toEqual([['IL1008', 23, 25]]);
    expect(st('LD n\nFC_Scale 2\nST m\nST k')).toBe(lines('m := FC_Scale(n, 2);', 'k := m;'));
  });
});

describe('IL parser', () => {
  it('keeps exact offsets of labels, operators, operands and arguments', () => {
    const il = 'Start: LDN  x[1]\nCAL t(IN := a,\n PT => p)';
    const { lines: ls } = parseIl(il, 'f');
    expect(ls.map((l) => [l.line, l.label?.name ?? null, il.slice(l.start, l.end)])).toEqual([
      [0, 'Start', 'Start: LDN  x[1]'],
      [1, null, 'CAL t(IN := a,\n PT => p)'],
    ]);
    const cal = ls[1]!.instr;
    expect(cal?.kind === 'op' && cal.args?.map((a) => [a.name, a.output, il.slice(a.value.start, a.value.end)])).toEqual([
      ['IN', false, 'a'],
      ['PT', true, 'p'],
    ]);
  });
});

const BOOLS = ['a', 'b', 'c', 'q'];
const INTS = ['n', 'm', 'k'];
const boolOp = fc.oneof(
  fc.tuple(fc.constantFrom('AND', 'ANDN', 'OR', 'ORN', 'XOR', 'XORN', '&'), fc.constantFrom(...BOOLS, 'TRUE')).map(([o, v]) => [`${o} ${v}`]),
  fc.constant(['NOT']),
  fc.tuple(fc.constantFrom('AND(', 'OR(', 'ANDN('), fc.constantFrom(...BOOLS), fc.constantFrom('AND', 'OR'), fc.constantFrom(...BOOLS)).map(([o, x, i, y]) => [`${o} ${x}`, `${i} ${y}`, ')']),
);
const intOp = fc.oneof(
  fc.tuple(fc.constantFrom('ADD', 'SUB', 'MUL', 'DIV', 'MOD'), fc.constantFrom(...INTS, '1', 'INT#7')).map(([o, v]) => [`${o} ${v}`]),
  fc.constant(['LIMIT 0, 100']),
  fc.tuple(fc.constantFrom('ADD(', 'MUL('), fc.constantFrom(...INTS), fc.constantFrom(...INTS)).map(([o, x, y]) => [`${o} ${x}`, `SUB ${y}`, ')']),
);
const compare = fc.tuple(fc.constantFrom('GT', 'GE', 'LT', 'LE', 'EQ', 'NE'), fc.constantFrom(...INTS)).map(([o, v]) => [`${o} ${v}`]);
const boolEnd = (labels: number): fc.Arbitrary<string[]> =>
  fc.oneof(
    fc.constantFrom(...BOOLS).chain((v) => fc.constantFrom<string[]>([`ST ${v}`], [`STN ${v}`], [`S ${v}`], [`R ${v}`], [`IN tmr`], ['RETC'], ['CALC tmr(IN := a, PT := T#1s)'])),
    fc.tuple(fc.constantFrom('JMPC', 'JMPCN'), fc.nat(labels - 1)).map(([j, l]) => [`${j} L${l}`]),
  );
const block = (labels: number): fc.Arbitrary<string[]> =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...BOOLS).map((v) => `LD ${v}`), fc.array(boolOp, { maxLength: 4 }), boolEnd(labels)).map(([l, ops, e]) => [l, ...ops.flat(), ...e]),
    fc.tuple(fc.constantFrom(...INTS).map((v) => `LDN ${v}`.replace('LDN', 'LD')), fc.array(intOp, { maxLength: 4 }), fc.oneof(fc.constantFrom(...INTS).map((v) => [`ST ${v}`]), compare.chain((c) => boolEnd(labels).map((e) => [...c, ...e]))))
      .map(([l, ops, e]) => [l, ...ops.flat(), ...e]),
    fc.constant<string[]>(['CAL tmr(IN := a,', '  PT := T#1s)']),
    // No LD: the block reads the CR it is reached with, which may have to be carried past a label.
    fc.tuple(fc.array(boolOp, { maxLength: 2 }), boolEnd(labels)).map(([ops, e]) => [...ops.flat(), ...e]),
  );
const program = fc.integer({ min: 1, max: 4 }).chain((labels) =>
  fc.array(block(labels), { minLength: 1, maxLength: 8 }).chain((blocks) =>
    fc.array(fc.nat(blocks.length - 1), { minLength: labels, maxLength: labels }).map((at) => {
      const out = blocks.map((b) => [...b]);
      at.forEach((i, l) => out[i]!.unshift(`L${l}:`));
      return out.flat().join('\n');
    }),
  ),
);

describe('IL properties', () => {
  it('never throws on random text', () => {
    const alphabet = fc.constantFrom(...'LDSTANORJMPC()*/:=,>\n \'"[]%#.1aN&'.split(''), 'LD ', 'AND(', 'CAL ', 'JMPC ', '(*', '*)', '//', ':=');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), (text) => {
        const r = translateIl(text, 'f', opts);
        for (const d of r.diagnostics) expect(d.span.start <= d.span.end && d.span.end <= text.length).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('translates random valid IL into ST that parses without errors', () => {
    fc.assert(
      fc.property(program, (il) => {
        const r = translateIl(il, 'f', opts);
        expect(r.diagnostics.filter((d) => d.code !== 'IL1008' && d.code !== 'IL1005').map((d) => d.message)).toEqual([]);
        const temps = r.translation.temporaries.map((t) => `    ${t.name} : ${t.type};\n`).join('');
        const src = `PROGRAM P\nVAR_TEMP\n${temps}END_VAR\n${r.translation.st}END_PROGRAM\n`;
        expect(parseSt(src, 'p.st').diagnostics.map((d) => d.message)).toEqual([]);
        expect(r.translation.lines.length).toBe(r.translation.st.split('\n').length - 1);
      }),
      { numRuns: 300 },
    );
  });
});

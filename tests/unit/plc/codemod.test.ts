import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from '../../../src-main/change/line-diff.js';
import { Codemod, findAll } from '../../../src-main/plc/edit/codemod.js';
import { printExpression, printStatements } from '../../../src-main/plc/edit/printer.js';
import { DEFAULT_STYLE, detectStyle } from '../../../src-main/plc/edit/style.js';
import type { Statement } from '../../../src-main/plc/st/ast.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';
import { treeSummary } from '../../../src-main/plc/st/tree-summary.js';
import { EXAMPLE_FLEET } from '../../helpers/temp.js';

const MAIN = readFileSync(join(EXAMPLE_FLEET, 'press-line-2', 'src', 'Safety_Logic.st'), 'utf8');

function changedLines(before: string, after: string): number {
  return diffLines(splitLines(before), splitLines(after)).filter((o) => o.kind !== 'equal').length;
}

describe('codemod', () => {
  it('renames every use of a variable and touches only those lines', () => {
    const r = parseSt(MAIN, 'Safety_Logic.st');
    const uses = findAll(r.unit, 'Identifier', (id) => id.name.toUpperCase() === 'RESET_PB');
    expect(uses.length).toBeGreaterThan(0);
    const mod = Codemod.for(MAIN, r.tokens);
    for (const u of uses) mod.replace(u, 'Reset_Button');
    const after = mod.apply();
    const again = parseSt(after, 'x.st');
    expect(findAll(again.unit, 'Identifier', (id) => id.name.toUpperCase() === 'RESET_PB')).toEqual([]);
    expect(findAll(again.unit, 'Identifier', (id) => id.name === 'Reset_Button').length).toBe(uses.length);
    // Comments mentioning the old name are the engineer's text and stay as they were.
    expect(after.match(/Reset_PB/g)?.length).toBe(MAIN.match(/Reset_PB/g)!.length - uses.length);
    const lines = new Set(uses.map((u) => MAIN.slice(0, u.start).split('\n').length));
    // Each changed line is one delete plus one insert; nothing else moves.
    expect(changedLines(MAIN, after)).toBe(lines.size * 2);
    expect(again.diagnostics).toEqual([]);
  });

  it('inserts and deletes whole statement lines in the file’s indentation, keeping comments', () => {
    const text = 'PROGRAM P\nVAR\n\tx : INT; (* counter *)\nEND_VAR\n\tx := 1; // first\n\tx := 2;\n\tx := 3;\nEND_PROGRAM\n';
    const r = parseSt(text, 'p.st');
    const [s1, s2, s3] = r.unit.declarations[0]!.kind === 'Pou' ? r.unit.declarations[0]!.body : [];
    const out = Codemod.for(text, r.tokens).insertStatementsAfter(s1!, 'x := x + 10;').deleteStatement(s2!).replaceStatement(s3!, 'x := 30;').apply();
    expect(out).toBe('PROGRAM P\nVAR\n\tx : INT; (* counter *)\nEND_VAR\n\tx := 1; // first\n\tx := x + 10;\n\tx := 30;\nEND_PROGRAM\n');
  });

  it('keeps a statement’s line when a comment shares it', () => {
    const text = 'PROGRAM P\n    a := 1; (* keep me *)\nEND_PROGRAM\n';
    const r = parseSt(text, 'p.st');
    const s = findAll(r.unit, 'Assign')[0]!;
    expect(Codemod.for(text, r.tokens).deleteStatement(s).apply()).toBe('PROGRAM P\n     (* keep me *)\nEND_PROGRAM\n');
  });

  it('renders generated statements in the house style of a lower-case, tab-indented CRLF file', () => {
    const text = 'program P\r\n\tif a then\r\n\t\tb := true;\r\n\tend_if\r\nend_program\r\n';
    const r = parseSt(text, 'p.st');
    const style = detectStyle(text, r.tokens);
    expect(style).toEqual({ indent: '\t', keywordCase: 'lower', eol: '\r\n', semicolonAfterEnd: false });
    const gen = parseSt('PROGRAM G\nIF NOT EStop_OK OR Guard_Open THEN\nPump_Run := FALSE;\nEND_IF;\nEND_PROGRAM\n', 'g.st');
    const stmts = (gen.unit.declarations[0] as { body: Statement[] }).body;
    const ifStmt = findAll(r.unit, 'If')[0]!;
    const out = Codemod.for(text, r.tokens).insertStatementsAfter(ifStmt, stmts).apply();
    expect(out).toBe('program P\r\n\tif a then\r\n\t\tb := true;\r\n\tend_if\r\n\tif not EStop_OK or Guard_Open then\r\n\t\tPump_Run := false;\r\n\tend_if\r\nend_program\r\n');
  });

  it('refuses overlapping edits', () => {
    const mod = new Codemod('abcdef', DEFAULT_STYLE).replace({ start: 1, end: 4 }, 'X').replace({ start: 3, end: 5 }, 'Y');
    expect(() => mod.apply()).toThrow(/overlap/);
  });
});

describe('printer', () => {
  it('adds only the parentheses precedence needs', () => {
    const r = parseSt('PROGRAM P\nx := (a OR b) AND NOT (c = d) AND (e + f) * g - (h - i);\nEND_PROGRAM\n', 'p.st');
    const a = findAll(r.unit, 'Assign')[0]!;
    expect(printExpression(a.value, DEFAULT_STYLE)).toBe('(a OR b) AND NOT (c = d) AND (e + f) * g - (h - i)');
  });

  it('property: printing a parsed body and parsing it again gives the same tree', () => {
    const files = ['statements.st', 'expressions.st', 'pou-kinds.st'].map((f) => readFileSync(join(import.meta.dirname, '..', '..', 'golden', 'st', f), 'utf8'));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.constantFrom(DEFAULT_STYLE, { ...DEFAULT_STYLE, keywordCase: 'lower' as const, indent: '\t' }), (text, style) => {
        const r = parseSt(text, 'a.st');
        for (const pou of findAll(r.unit, 'Pou')) {
          const printed = `PROGRAM X\n${printStatements(pou.body, style, 1)}END_PROGRAM\n`;
          const again = parseSt(printed, 'b.st');
          expect(again.diagnostics).toEqual([]);
          const body = (again.unit.declarations[0] as { body: Statement[] }).body;
          const strip = (s: string): string => s.replace(/Paren\n/g, '');
          expect(strip(body.map((b) => treeSummary(b)).join(''))).toBe(strip(pou.body.map((b) => treeSummary(b)).join('')));
        }
      }),
      { numRuns: 12 },
    );
  });
});

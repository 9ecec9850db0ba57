import { expect } from 'vitest';
import { checkProgram } from '../../src-main/plc/check/index.js';
import type { Diagnostic } from '../../src-main/plc/diagnostics/diagnostic.js';
import { SourceText } from '../../src-main/plc/source/source-text.js';
import type { CompilationUnit } from '../../src-main/plc/st/ast.js';
import type { Dialect } from '../../src-main/plc/st/dialect.js';
import { parseSt } from '../../src-main/plc/st/parser.js';

/** One ST text, or several files by name. A file named `X.TcGVL` holds a GVL named X (as TwinCAT exports it). */
export type CheckInput = string | Record<string, string>;

export interface CheckCaseOptions {
  dialect?: Dialect;
}

/** Parses (failing on syntax errors), checks, and formats each diagnostic as `CODE [file:]line:col message`. */
export function runCheck(input: CheckInput, options: CheckCaseOptions = {}): { lines: string[]; diagnostics: Diagnostic[] } {
  const dialect = options.dialect ?? 'codesys';
  const files = typeof input === 'string' ? { 'main.st': input } : input;
  const multi = Object.keys(files).length > 1;
  const units: CompilationUnit[] = [];
  const sources = new Map<string, SourceText>();
  for (const [file, text] of Object.entries(files)) {
    const r = parseSt(text, file, dialect);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`test input ${file} does not parse: ${errors.map((d) => d.message).join('; ')}`);
    if (file.endsWith('.TcGVL')) {
      const name = file.slice(0, -'.TcGVL'.length);
      for (const d of r.unit.declarations) {
        if (d.kind === 'GlobalVars') d.name = { kind: 'Identifier', name, quoting: 'plain', start: d.start, end: d.start };
      }
    }
    units.push(r.unit);
    sources.set(file, new SourceText(file, text));
  }
  const diagnostics = checkProgram(units, { dialect, texts: new Map(Object.entries(files)) });
  const lines = diagnostics.map((d) => {
    const lc = sources.get(d.span.file)!.lineCol(d.span.start);
    return `${d.code} ${multi ? `${d.span.file}:` : ''}${lc.line}:${lc.column} ${d.message}`;
  });
  return { lines, diagnostics };
}

/**
 * Golden check: `expected` lists `CODE [file:]line:col message-substring`. The set of codes and positions
 * must match exactly, and each message must contain its substring.
 */
export function check(input: CheckInput, expected: string[], options: CheckCaseOptions = {}): Diagnostic[] {
  const { lines, diagnostics } = runCheck(input, options);
  const head = (s: string): string => s.split(' ').slice(0, 2).join(' ');
  expect(lines.map(head).sort(), lines.join('\n')).toEqual(expected.map(head).sort());
  for (const e of expected) {
    const h = head(e);
    const text = e.slice(h.length).trim();
    const actual = lines.filter((l) => head(l) === h);
    expect(actual.some((l) => l.includes(text)), `${h}: expected a message containing "${text}", got ${actual.join(' | ')}`).toBe(true);
  }
  return diagnostics;
}

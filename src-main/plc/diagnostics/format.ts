import { SourceText } from '../source/source-text.js';
import type { Diagnostic } from './diagnostic.js';

export interface DiagnosticJson {
  code: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Line/column form of a diagnostic, for `--json` and the UI. */
export function diagnosticJson(d: Diagnostic, src: SourceText): DiagnosticJson {
  const s = src.lineCol(d.span.start);
  const e = src.lineCol(d.span.end);
  return { code: d.code, severity: d.severity, message: d.message, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/**
 * `file:line:col: severity CODE: message`, then the source line and a caret under the span, the way
 * compilers print, so an engineer can jump to it from any terminal or editor.
 */
export function formatDiagnostic(d: Diagnostic, lookup: (file: string) => SourceText | undefined): string {
  const src = lookup(d.span.file) ?? new SourceText(d.span.file, '');
  const s = src.lineCol(d.span.start);
  const e = src.lineCol(d.span.end);
  const line = src.lineText(s.line).replace(/\t/g, ' ');
  const width = e.line === s.line ? Math.max(1, e.column - s.column) : Math.max(1, line.length - s.column + 1);
  const gutter = String(s.line).length;
  let out = `${d.span.file}:${s.line}:${s.column}: ${d.severity} ${d.code}: ${d.message}\n`;
  if (line.trim() !== '') out += ` ${s.line} | ${line}\n ${' '.repeat(gutter)} | ${' '.repeat(s.column - 1)}${'^'.repeat(Math.min(width, Math.max(1, line.length - s.column + 1)))}\n`;
  for (const r of d.related) {
    const rs = lookup(r.span.file);
    out += `  note: ${r.span.file}${rs ? ':' + rs.lineCol(r.span.start).line : ''}: ${r.message}\n`;
  }
  return out;
}

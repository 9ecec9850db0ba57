import { parseSiteConfig } from '../../fleet/site-config.js';
import { checkProgram } from '../../plc/check/index.js';
import { CATALOG } from '../../plc/diagnostics/catalog.js';
import { diagnosticJson, formatDiagnostic } from '../../plc/diagnostics/format.js';
import { compileProject } from '../../plc/project/compile-project.js';
import { SourceText } from '../../plc/source/source-text.js';
import { decodeSource } from '../../plc/source/text-encoding.js';
import { parseScenario } from '../../sim/scenario.js';
import type { FuzzInput } from './fuzz-input.js';

/** What one reader made of one input, with every diagnostic's position as a person would see it. */
export interface ReaderOutcome {
  /** The decoded text the reader saw (a lossy UTF-8 decoding when the decoder refused the bytes). */
  text: string;
  /** The decoder's refusal, which is an answer, not a crash; the reader then still runs on the lossy text. */
  refused: string | null;
  /** Set when the reader threw: the error's first line and its stack. */
  threw: { message: string; stack: string } | null;
  diagnostics: { code: string; file: string; start: number; end: number; line: number | null; column: number | null; message: string; related: { file: string; start: number; end: number }[]; printed: string }[];
  ms: number;
  /** Characters of ST the reader generated from the file (containers and ladder translated to ST). */
  generatedChars: number;
}

function runOn(input: FuzzInput, text: string, out: ReaderOutcome): void {
  const lines = new SourceText(input.path, text);
  if (input.reader === 'site-yaml' || input.reader === 'scenario') {
    const r = input.reader === 'site-yaml' ? parseSiteConfig(text, input.path) : parseScenario(text, input.path);
    for (const p of r.problems) out.diagnostics.push({ code: 'YAML', file: p.file, start: 0, end: 0, line: p.line, column: null, message: p.message, related: [], printed: '' });
    return;
  }
  const compiled = compileProject([{ path: input.path, text }], input.reader === 'scl' ? 'scl' : 'codesys', checkProgram);
  out.generatedChars = compiled.sources.filter((s) => s.source.file === input.path).reduce((n, s) => n + s.source.text.length, 0);
  for (const d of compiled.diagnostics) {
    // The CLI's two forms, so a position that breaks printing (a negative caret width) is found here too.
    const { line, column } = diagnosticJson(d, lines);
    const printed = formatDiagnostic(d, (f) => (f === input.path ? lines : undefined));
    const related = d.related.map((r) => r.span);
    out.diagnostics.push({ code: d.code, file: d.span.file, start: d.span.start, end: d.span.end, line, column, message: d.message, related, printed });
  }
}

/** Decodes the bytes the way the fleet reader does and runs the input's reader on them; never throws. */
export function runReader(input: FuzzInput): ReaderOutcome {
  const out: ReaderOutcome = { text: '', refused: null, threw: null, diagnostics: [], ms: 0, generatedChars: 0 };
  const t0 = performance.now();
  try {
    const decoded = decodeSource(input.bytes);
    if (decoded.ok) {
      out.text = decoded.value.text;
    } else {
      // A refusal is the fleet edge's answer; the reader must still survive whatever text a lossy decoding gives.
      out.refused = decoded.message;
      out.text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(input.bytes);
    }
    runOn(input, out.text, out);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    out.threw = { message: `${err.name}: ${err.message}`, stack: err.stack ?? '' };
  }
  out.ms = performance.now() - t0;
  return out;
}

/** How many times its own size a file's generated ST may be. */
const MAX_GROWTH = 20;

const isPositiveInt = (n: number | null): boolean => n !== null && Number.isInteger(n) && n >= 1;

/**
 * What must hold for any input whatsoever: the reader did not throw; every diagnostic names the input file, has
 * a catalog code, offsets inside the text, and a line and column that are integers from 1 within the file; no
 * message shows `NaN` or `undefined` as a position, or an internal error (a stack overflow, a stack frame). Returns each broken rule as a sentence (empty: all hold).
 */
export function outcomeViolations(input: FuzzInput, out: ReaderOutcome): string[] {
  const v: string[] = [];
  if (out.threw) v.push(`threw ${out.threw.message}\n${out.threw.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 6).join('\n')}`);
  // Memory stays in proportion to the file: what a reader generates may not blow up (an FBD that shares an
  // input everywhere, nested ladder branches), nor may the number of diagnostics.
  if (out.generatedChars > MAX_GROWTH * out.text.length + 100_000) v.push(`generated ${out.generatedChars} characters of ST from ${out.text.length}`);
  if (out.diagnostics.length > out.text.length + 1000) v.push(`${out.diagnostics.length} diagnostics for ${out.text.length} characters`);
  const lineCount = new SourceText(input.path, out.text).lineCount;
  for (const d of out.diagnostics) {
    const what = `${d.code} "${d.message.slice(0, 160)}"`;
    if (/:(NaN|undefined)\b/.test(d.message)) v.push(`${what}: the message shows a broken position`);
    if (/Maximum call stack|\n\s+at |\b(TypeError|RangeError|ReferenceError)\b/.test(d.message)) v.push(`${what}: the message shows an internal error, not a finding about the file`);
    if (d.file !== input.path) v.push(`${what}: reported in ${d.file}, not in ${input.path}`);
    if (d.code === 'YAML') {
      if (d.line !== null && !(isPositiveInt(d.line) && d.line <= lineCount + 1)) v.push(`${what}: line ${d.line} is not a line of the file (${lineCount} lines)`);
      continue;
    }
    if (!CATALOG.has(d.code)) v.push(`${what}: code not in the catalog`);
    if (!(Number.isInteger(d.start) && Number.isInteger(d.end) && d.start >= 0 && d.start <= d.end && d.end <= out.text.length)) {
      v.push(`${what}: span ${d.start}..${d.end} is not inside the text (${out.text.length} characters)`);
    }
    for (const r of d.related) {
      if (r.file === input.path && !(Number.isInteger(r.start) && r.start >= 0 && r.start <= r.end && r.end <= out.text.length)) v.push(`${what}: related span ${r.start}..${r.end} is not inside the text`);
    }
    if (!d.printed.startsWith(input.path) || !/^:[1-9]\d*:[1-9]\d*: (error|warning|info) /.test(d.printed.slice(input.path.length))) v.push(`${what}: printed as ${JSON.stringify(d.printed.split('\n')[0])}, not file:line:col:`);
    if (!isPositiveInt(d.line) || !isPositiveInt(d.column) || d.line! > lineCount + 1) v.push(`${what}: position ${d.line}:${d.column} is not a valid line and column (${lineCount} lines)`);
  }
  return v;
}

import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type OperandKind, operandKind } from './il-operand.js';
import { splitOperator } from './il-operators.js';

export interface IlSpan {
  start: number;
  end: number;
}

export interface IlOperand extends IlSpan {
  text: string;
  /** null when the text is not a valid operand (reported as IL1003 by the parser). */
  kind: OperandKind | null;
}

/** `Name := operand` (an input) or `Name => variable` (an output) in a CAL or formal function call. */
export interface IlArg extends IlSpan {
  name: string;
  output: boolean;
  value: IlOperand;
}

export interface IlInstruction extends IlSpan {
  kind: 'op';
  /** The operator as written (`JMPCN`, `ANDN`, `LIMIT`). */
  word: string;
  wordSpan: IlSpan;
  /** The `AND(` of a deferred operator, which applies to the result of the nested sequence that follows. */
  paren: IlSpan | null;
  operands: IlOperand[];
  /** Formal argument list of `CAL fb(...)` or `FUNC(...)`; null when there is none. */
  args: IlArg[] | null;
  /** The `(` of the argument list. */
  argsOpen: IlSpan | null;
}

export interface IlClose extends IlSpan {
  kind: 'close';
}

export interface IlLine extends IlSpan {
  /** 0-based physical line of the first character. */
  line: number;
  label: (IlSpan & { name: string }) | null;
  instr: IlInstruction | IlClose | null;
}

export interface IlProgram {
  lines: IlLine[];
  diagnostics: Diagnostic[];
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const isEol = (c: string | undefined): boolean => c === undefined || c === '\n' || c === '\r';

/**
 * Parses IEC 61131-3 Instruction List text into lines of `label: operator operands`, with exact offsets. Never
 * throws and always finishes; problems are diagnostics and the offending line is kept with what could be read.
 */
export function parseIl(text: string, file: string): IlProgram {
  return new IlParser(text, file).run();
}

class IlParser {
  private i = 0;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    for (let k = 0; k < text.length; k++) if (text[k] === '\n') this.lineStarts.push(k + 1);
  }

  run(): IlProgram {
    const lines: IlLine[] = [];
    while (this.i < this.text.length) {
      const before = this.i;
      this.trivia(false);
      if (this.i >= this.text.length) break;
      if (isEol(this.text[this.i])) {
        this.i++;
        continue;
      }
      const line = this.line();
      if (line) lines.push(line);
      if (this.i === before) this.i++;
    }
    return { lines, diagnostics: this.diagnostics };
  }

  private error(code: string, start: number, end: number, message: string): void {
    this.diagnostics.push(diag(code, { file: this.file, start, end }, message));
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Skips blanks and comments; newlines too when `newlines`. A newline inside a comment does not end the line. */
  private trivia(newlines: boolean): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || (newlines && (c === '\n' || c === '\r'))) this.i++;
      else if (t.startsWith('(*', this.i)) {
        const e = t.indexOf('*)', this.i + 2);
        if (e < 0) {
          this.error('IL1009', this.i, t.length, 'comment opened with (* is never closed');
          this.i = t.length;
        } else this.i = e + 2;
      } else if (t.startsWith('//', this.i)) {
        while (this.i < t.length && !isEol(t[this.i])) this.i++;
      } else return;
    }
  }

  private ident(): string | null {
    IDENT.lastIndex = this.i;
    const m = IDENT.exec(this.text);
    return m ? m[0] : null;
  }

  private skipToEol(): void {
    while (this.i < this.text.length && !isEol(this.text[this.i])) this.i++;
  }

  private line(): IlLine | null {
    const start = this.i;
    let label: IlLine['label'] = null;
    const word = this.ident();
    if (word) {
      const after = this.i + word.length;
      this.i = after;
      this.trivia(false);
      if (this.text[this.i] === ':' && this.text[this.i + 1] !== '=') {
        label = { name: word, start, end: after };
        this.i++;
        this.trivia(false);
      } else this.i = start;
    }
    let instr: IlLine['instr'] = null;
    if (!isEol(this.text[this.i])) instr = this.text[this.i] === ')' ? { kind: 'close', start: this.i, end: ++this.i } : this.instruction();
    if (instr) {
      this.trivia(false);
      if (!isEol(this.text[this.i])) {
        const from = this.i;
        this.skipToEol();
        this.error('IL1003', from, this.i, `unexpected '${this.text.slice(from, this.i).trim()}' after the instruction`);
      }
    }
    const end = instr?.end ?? label?.end ?? start;
    return { start, end, line: this.lineOf(start), label, instr };
  }

  private instruction(): IlInstruction | null {
    const t = this.text;
    const start = this.i;
    let word = this.ident();
    if (!word && t[this.i] === '&') word = t[this.i + 1] === 'N' || t[this.i + 1] === 'n' ? t.slice(this.i, this.i + 2) : '&';
    if (!word) {
      this.skipToEol();
      this.error('IL1001', start, this.i, `expected an IL operator, found '${t.slice(start, this.i).trim()}'`);
      return null;
    }
    this.i += word.length;
    const instr: IlInstruction = { kind: 'op', word, wordSpan: { start, end: this.i }, paren: null, operands: [], args: null, argsOpen: null, start, end: this.i };
    this.trivia(false);
    const split = splitOperator(word);
    const isCall = split !== null && 'base' in split && split.base === 'CAL';
    if (t[this.i] === '(' && !t.startsWith('(*', this.i)) {
      if (split && 'base' in split && split.info.paren) {
        this.i++;
        instr.paren = { start, end: this.i };
        instr.end = this.i;
        this.trivia(false);
      } else if (!isCall) {
        this.argList(instr);
        return instr;
      }
    }
    while (!isEol(t[this.i])) {
      const op = this.operand();
      if (!op) {
        if (instr.operands.length > 0 || t[this.i] === ',') this.error('IL1002', this.i, this.i, `${word}: expected an operand`);
        break;
      }
      instr.operands.push(op);
      instr.end = op.end;
      this.trivia(false);
      if (isCall && instr.operands.length === 1 && t[this.i] === '(' && !t.startsWith('(*', this.i)) {
        this.argList(instr);
        break;
      }
      if (t[this.i] !== ',') break;
      this.i++;
      this.trivia(false);
    }
    return instr;
  }

  /** Scans one operand up to `,`, `(`, `)` or the end of the line, keeping brackets and strings whole. */
  private operand(): IlOperand | null {
    const t = this.text;
    const start = this.i;
    let depth = 0;
    let reported = false;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (isEol(c) || t.startsWith('(*', this.i) || t.startsWith('//', this.i)) break;
      if (depth === 0 && (c === ',' || c === '(' || c === ')')) break;
      if (c === '[') depth++;
      else if (c === ']') depth = Math.max(0, depth - 1);
      else if (c === "'" || c === '"') {
        let j = this.i + 1;
        while (j < t.length && t[j] !== c && !isEol(t[j])) j += t[j] === '$' ? 2 : 1;
        if (t[j] !== c) {
          this.error('IL1009', this.i, j, 'string literal is not closed on its line');
          reported = true;
          this.i = j;
          break;
        }
        this.i = j;
      }
      this.i++;
    }
    const raw = t.slice(start, this.i);
    const text = raw.trimEnd();
    if (!text) return null;
    const end = start + text.length;
    const kind = reported ? null : operandKind(text);
    if (kind === null && !reported) this.error('IL1003', start, end, `'${text}' is not a variable, direct address or literal`);
    return { text, kind, start, end };
  }

  /** `( Name := operand, Out => var )`, possibly over several lines; sets args and the instruction's end. */
  private argList(instr: IlInstruction): void {
    const t = this.text;
    const open = { start: this.i, end: this.i + 1 };
    instr.argsOpen = open;
    instr.args = [];
    this.i++;
    for (;;) {
      this.trivia(true);
      if (this.i >= t.length) {
        this.error('IL1004', open.start, open.end, `the argument list of ${instr.word} is never closed with ')'`);
        instr.args = null;
        instr.end = t.length;
        return;
      }
      if (t[this.i] === ')') break;
      const itemStart = this.i;
      const name = this.ident();
      if (name) this.i += name.length;
      this.trivia(true);
      const output = t.startsWith('=>', this.i);
      if (!name || (!output && !t.startsWith(':=', this.i))) {
        this.badArg(instr, itemStart, itemStart + (name?.length ?? 1), name ? `expected ':=' or '=>' after ${name}` : 'expected an argument name');
        return;
      }
      this.i += 2;
      this.trivia(true);
      if (t[this.i] === '(') {
        this.error('IL1010', itemStart, this.i + 1, `${name}: a nested instruction list as an argument is not translated`);
        this.badArg(instr, itemStart, itemStart, null);
        return;
      }
      const value = this.operand();
      if (!value) {
        this.badArg(instr, itemStart, this.i, `${name}: expected a value`);
        return;
      }
      instr.args.push({ name, output, value, start: itemStart, end: value.end });
      this.trivia(true);
      if (t[this.i] === ',') this.i++;
      else if (t[this.i] !== ')' && this.i < t.length) {
        this.badArg(instr, this.i, this.i + 1, `expected ',' or ')' in the argument list of ${instr.word}`);
        return;
      }
    }
    this.i++;
    instr.end = this.i;
  }

  /** Reports a malformed argument and skips to the closing parenthesis (or the end of the line). */
  private badArg(instr: IlInstruction, at: number, end: number, message: string | null): void {
    const t = this.text;
    let depth = 0;
    while (this.i < t.length && !(depth === 0 && (t[this.i] === ')' || isEol(t[this.i])))) {
      if (t[this.i] === '(') depth++;
      else if (t[this.i] === ')') depth--;
      this.i++;
    }
    if (message) this.error('IL1011', at, Math.min(Math.max(at, end), this.text.length), message);
    if (t[this.i] === ')') this.i++;
    instr.args = null;
    instr.end = this.i;
  }
}

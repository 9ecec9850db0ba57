import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Identifier, Pragma } from './ast.js';
import type { Dialect } from './dialect.js';
import { T, TOKEN_NAMES, type Token } from './tokens.js';

/** Words that end or structure a block: never read as a variable name, and where error recovery stops. */
export const RESERVED = new Set([
  'IF', 'THEN', 'ELSIF', 'ELSE', 'END_IF', 'CASE', 'OF', 'END_CASE', 'FOR', 'TO', 'BY', 'DO', 'END_FOR', 'WHILE',
  'END_WHILE', 'REPEAT', 'UNTIL', 'END_REPEAT', 'EXIT', 'CONTINUE', 'RETURN', 'JMP', 'VAR', 'VAR_INPUT', 'VAR_OUTPUT',
  'VAR_IN_OUT', 'VAR_TEMP', 'VAR_GLOBAL', 'VAR_EXTERNAL', 'VAR_STAT', 'VAR_INST', 'VAR_CONFIG', 'VAR_ACCESS', 'END_VAR',
  'PROGRAM', 'END_PROGRAM', 'FUNCTION', 'END_FUNCTION', 'FUNCTION_BLOCK', 'END_FUNCTION_BLOCK', 'METHOD', 'END_METHOD',
  'PROPERTY', 'END_PROPERTY', 'ACTION', 'END_ACTION', 'INTERFACE', 'END_INTERFACE', 'TYPE', 'END_TYPE', 'STRUCT',
  'END_STRUCT', 'CONFIGURATION', 'END_CONFIGURATION', 'RESOURCE', 'END_RESOURCE', 'END_GET', 'END_SET',
  'DATA_BLOCK', 'END_DATA_BLOCK', 'ORGANIZATION_BLOCK', 'END_ORGANIZATION_BLOCK', 'END_REGION',
]);

/**
 * Words no statement list may run past, whatever block it is in: the ends and starts of POUs and other
 * declarations. A missing END_WHILE is then reported at the POU's end instead of swallowing the next POU.
 */
export const HARD_STOP = new Set([
  'END_PROGRAM', 'END_FUNCTION', 'END_FUNCTION_BLOCK', 'END_METHOD', 'END_ACTION', 'END_PROPERTY', 'END_GET', 'END_SET',
  'END_INTERFACE', 'END_DATA_BLOCK', 'END_ORGANIZATION_BLOCK', 'PROGRAM', 'FUNCTION_BLOCK', 'FUNCTION', 'TYPE',
  'VAR_GLOBAL', 'CONFIGURATION', 'METHOD', 'PROPERTY', 'ACTION', 'DATA_BLOCK', 'ORGANIZATION_BLOCK', 'INTERFACE', 'VAR',
  'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP', 'VAR_STAT', 'VAR_INST', 'VAR_EXTERNAL', 'END_VAR',
]);

/** Tokens where statement-level recovery stops (before them), so one bad line does not swallow a block. */
export const STATEMENT_SYNC = new Set([
  'IF', 'ELSIF', 'ELSE', 'END_IF', 'CASE', 'END_CASE', 'FOR', 'END_FOR', 'WHILE', 'END_WHILE', 'REPEAT', 'UNTIL',
  'END_REPEAT', 'RETURN', 'EXIT', 'CONTINUE', 'JMP', 'END_PROGRAM', 'END_FUNCTION', 'END_FUNCTION_BLOCK', 'END_METHOD',
  'END_ACTION', 'END_GET', 'END_SET', 'END_PROPERTY', 'METHOD', 'PROPERTY', 'ACTION', 'END_REGION', 'REGION',
  'END_DATA_BLOCK', 'END_ORGANIZATION_BLOCK', 'VAR', 'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP', 'PROGRAM',
  'FUNCTION_BLOCK', 'FUNCTION', 'TYPE', 'VAR_GLOBAL',
]);

/** Token cursor with diagnostics, pragma collection and progress guards shared by all parse functions. */
export class Cursor {
  pos = 0;
  readonly diagnostics: Diagnostic[] = [];
  pending: Pragma[] = [];
  private lastErrorAt = -1;
  readonly scl: boolean;

  constructor(
    readonly tokens: Token[],
    readonly text: string,
    readonly file: string,
    readonly dialect: Dialect,
  ) {
    this.scl = dialect === 'scl';
  }

  /** The current significant token; pragmas in the way are collected for the next declaration. */
  peek(): Token {
    let t = this.tokens[this.pos]!;
    while (t.kind === T.Pragma) {
      this.pending.push(this.makePragma(t));
      t = this.tokens[++this.pos]!;
    }
    return t;
  }

  /** The significant token `k` places ahead (0 = current), skipping pragmas without collecting them. */
  ahead(k: number): Token {
    let i = this.pos;
    let seen = -1;
    for (;;) {
      const t = this.tokens[i]!;
      if (t.kind === T.EOF) return t;
      if (t.kind !== T.Pragma && ++seen === k) return t;
      i++;
    }
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== T.EOF) this.pos++;
    return t;
  }

  at(kind: T): boolean {
    return this.peek().kind === kind;
  }

  atKw(word: string): boolean {
    const t = this.peek();
    return t.kind === T.Ident && t.upper === word;
  }

  eat(kind: T): Token | null {
    return this.at(kind) ? this.next() : null;
  }

  eatKw(word: string): Token | null {
    return this.atKw(word) ? this.next() : null;
  }

  /** Consumes the expected token or reports what was expected and returns null (nothing consumed). */
  expect(kind: T, context: string): Token | null {
    if (this.at(kind)) return this.next();
    this.errorHere('ST1005', `expected ${TOKEN_NAMES[kind]} ${context}, found ${this.describe(this.peek())}`);
    return null;
  }

  expectKw(word: string, context: string): Token | null {
    if (this.atKw(word)) return this.next();
    this.errorHere('ST1005', `expected ${word} ${context}, found ${this.describe(this.peek())}`);
    return null;
  }

  describe(t: Token): string {
    if (t.kind === T.EOF) return 'end of file';
    const s = this.text.slice(t.start, t.end);
    return `'${s.length > 40 ? s.slice(0, 40) + '…' : s}'`;
  }

  /** Reports at the current token; a second error at the same token is dropped (it is a consequence). */
  errorHere(code: string, message: string): void {
    const t = this.peek();
    this.errorAt(code, t.start, Math.max(t.end, t.start), message);
  }

  errorAt(code: string, start: number, end: number, message: string): void {
    if (start === this.lastErrorAt) return;
    this.lastErrorAt = start;
    this.diagnostics.push(diag(code, { file: this.file, start, end }, message));
  }

  /** End offset of the last consumed token. */
  get lastEnd(): number {
    for (let i = this.pos - 1; i >= 0; i--) {
      const t = this.tokens[i]!;
      if (t.kind !== T.Pragma) return t.end;
    }
    return 0;
  }

  takePragmas(): Pragma[] {
    const p = this.pending;
    this.pending = [];
    return p;
  }

  isIdentLike(t: Token): boolean {
    return (t.kind === T.Ident && !RESERVED.has(t.upper)) || t.kind === T.QuotedIdent || t.kind === T.HashIdent;
  }

  identFrom(t: Token): Identifier {
    if (t.kind === T.QuotedIdent) return { kind: 'Identifier', name: this.text.slice(t.start + 1, t.end - 1), quoting: 'quoted', start: t.start, end: t.end };
    if (t.kind === T.HashIdent) return { kind: 'Identifier', name: this.text.slice(t.start + 1, t.end), quoting: 'hash', start: t.start, end: t.end };
    return { kind: 'Identifier', name: this.text.slice(t.start, t.end), quoting: 'plain', start: t.start, end: t.end };
  }

  /** Reads a name (plain, "quoted" or #hash), or reports and returns a placeholder without consuming. */
  ident(context: string): Identifier {
    const t = this.peek();
    if (this.isIdentLike(t)) {
      this.pos++;
      return this.identFrom(t);
    }
    this.errorHere('ST1005', `expected a name ${context}, found ${this.describe(t)}`);
    return { kind: 'Identifier', name: '', quoting: 'plain', start: t.start, end: t.start };
  }

  /** Consumes tokens to the end of the current line (SCL `TITLE = ...`, `REGION text`); returns the text. */
  restOfLine(): string {
    const first = this.peek();
    if (first.newlineBefore || first.kind === T.EOF) return '';
    const start = first.start;
    let end = start;
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos]!;
      if (t.kind === T.EOF || (t.newlineBefore && t.start > start)) break;
      end = t.end;
      this.pos++;
    }
    return this.text.slice(start, end).trim();
  }

  private makePragma(t: Token): Pragma {
    const text = this.text.slice(t.start, t.end);
    const inner = text.slice(1, -1).trim();
    let attribute: Pragma['attribute'] = null;
    const attr = /^attribute\s+'([^']*)'(?:\s*:=\s*'([^']*)')?$/i.exec(inner);
    const kv = /^([A-Za-z_][\w]*)\s*:=\s*'([^']*)'$/.exec(inner);
    if (attr) attribute = { name: attr[1]!, value: attr[2] ?? null };
    else if (kv) attribute = { name: kv[1]!, value: kv[2]! };
    return { kind: 'Pragma', text, attribute, start: t.start, end: t.end };
  }
}

import type { AnyNode, Statement } from '../st/ast.js';
import type { Token } from '../st/tokens.js';
import { walk } from '../st/walk.js';
import { printStatements } from './printer.js';
import { detectStyle, type HouseStyle } from './style.js';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Span {
  start: number;
  end: number;
}

/** Every node of `kind` under `root` (pre-order), optionally filtered. */
export function findAll<K extends AnyNode['kind']>(root: AnyNode, kind: K, pred?: (n: Extract<AnyNode, { kind: K }>) => boolean): Extract<AnyNode, { kind: K }>[] {
  const out: Extract<AnyNode, { kind: K }>[] = [];
  walk(root, (n) => {
    if (n.kind === kind && (!pred || pred(n as Extract<AnyNode, { kind: K }>))) out.push(n as Extract<AnyNode, { kind: K }>);
  });
  return out;
}

/**
 * Span-based editing of one source text. Edits name the exact bytes they replace, so the result differs from
 * the original only there: comments, pragmas, indentation and line endings elsewhere stay byte for byte.
 * Overlapping edits are a programming error and are refused when applied.
 */
export class Codemod {
  private readonly edits: TextEdit[] = [];

  constructor(
    readonly text: string,
    readonly style: HouseStyle,
  ) {}

  static for(text: string, tokens: readonly Token[]): Codemod {
    return new Codemod(text, detectStyle(text, tokens));
  }

  replace(target: Span, text: string): this {
    this.edits.push({ start: target.start, end: target.end, text });
    return this;
  }

  insertBefore(target: Span, text: string): this {
    this.edits.push({ start: target.start, end: target.start, text });
    return this;
  }

  insertAfter(target: Span, text: string): this {
    this.edits.push({ start: target.end, end: target.end, text });
    return this;
  }

  delete(target: Span): this {
    return this.replace(target, '');
  }

  /** The whitespace a line starts with, for the line holding `offset`. */
  indentAt(offset: number): string {
    const lineStart = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(lineStart, offset))![0];
  }

  private lineStart(offset: number): number {
    let i = offset;
    while (i > 0 && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  /** Offset just after the line break that ends the line holding `offset` (or the end of the text). */
  private lineEndAfter(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    if (this.text[i] === '\r') i++;
    if (this.text[i] === '\n') i++;
    return i;
  }

  private levelOf(offset: number): number {
    const ind = this.indentAt(offset);
    if (this.style.indent === '\t') return ind.split('\t').length - 1;
    return Math.round(ind.replace(/\t/g, '    ').length / Math.max(1, this.style.indent.length));
  }

  /** Renders statements for insertion at the indentation of `anchor`'s line. */
  render(stmts: readonly Statement[] | string, anchor: Span): string {
    if (typeof stmts === 'string') {
      const ind = this.indentAt(anchor.start);
      return stmts
        .split(/\r?\n/)
        .filter((l, i, all) => l !== '' || i < all.length - 1)
        .map((l) => (l ? ind + l : l) + this.style.eol)
        .join('');
    }
    return printStatements(stmts, this.style, this.levelOf(anchor.start));
  }

  /** Inserts whole lines after the line where `stmt` ends, indented like it. */
  insertStatementsAfter(stmt: Span, stmts: readonly Statement[] | string): this {
    const at = this.lineEndAfter(stmt.end);
    const rendered = this.render(stmts, stmt);
    const needsBreak = at === this.text.length && !/[\r\n]$/.test(this.text);
    return this.insertBefore({ start: at, end: at }, (needsBreak ? this.style.eol : '') + rendered);
  }

  /** Inserts whole lines before the line where `stmt` starts, indented like it. */
  insertStatementsBefore(stmt: Span, stmts: readonly Statement[] | string): this {
    const at = this.lineStart(stmt.start);
    return this.insertBefore({ start: at, end: at }, this.render(stmts, stmt));
  }

  /** Replaces a statement; where it fills its lines alone, the replacement takes whole lines in house style. */
  replaceStatement(stmt: Span, stmts: readonly Statement[] | string): this {
    const ls = this.lineStart(stmt.start);
    const le = this.lineEndAfter(stmt.end);
    const aloneBefore = this.text.slice(ls, stmt.start).trim() === '';
    const aloneAfter = this.text.slice(stmt.end, le).trim() === '';
    if (aloneBefore && aloneAfter) return this.replace({ start: ls, end: le }, this.render(stmts, stmt));
    const inline = typeof stmts === 'string' ? stmts : printStatements(stmts, this.style, 0).trimEnd();
    return this.replace(stmt, inline);
  }

  /** Deletes a statement; its line goes too when nothing else (code or comment) is on it. */
  deleteStatement(stmt: Span): this {
    const ls = this.lineStart(stmt.start);
    const le = this.lineEndAfter(stmt.end);
    if (this.text.slice(ls, stmt.start).trim() === '' && this.text.slice(stmt.end, le).trim() === '') return this.delete({ start: ls, end: le });
    return this.delete(stmt);
  }

  get pending(): readonly TextEdit[] {
    return this.edits;
  }

  apply(): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < sorted.length; i++) {
      const p = sorted[i - 1]!;
      const c = sorted[i]!;
      if (c.start < p.end) throw new Error(`codemod edits overlap at offsets ${p.start}-${p.end} and ${c.start}-${c.end}`);
    }
    let out = '';
    let pos = 0;
    for (const e of sorted) {
      out += this.text.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    return out + this.text.slice(pos);
  }
}

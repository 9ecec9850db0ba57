import { commentAt, type CommentSpan, type CommentStyle } from '../../plc/source/comment-spans.js';
import { key, type VarBlock, type VarDecl } from '../../plc/st/ast.js';

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset just after the line break that ends the line holding `offset` (or the end of the text). */
export function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i;
}

/** The comment after a declaration's `;` on the same line, if any. */
function trailingComment(text: string, decl: VarDecl): CommentSpan | null {
  const m = /^[ \t]*;?[ \t]*/.exec(text.slice(decl.end))!;
  return commentAt(text, decl.end + m[0].length);
}

const aloneOnLine = (text: string, decl: VarDecl): boolean => /^[ \t]*$/.test(text.slice(lineStartOf(text, decl.start), decl.start));

function render(style: CommentStyle, comment: string): string {
  if (style === 'line') return `// ${comment}`;
  return style === 'block' ? `(* ${comment} *)` : `/* ${comment} */`;
}

/** Where the declaration's own line, trailing comment included, ends. */
function endOfDeclaration(text: string, decl: VarDecl): number {
  const own = trailingComment(text, decl);
  return lineEndAfter(text, own ? own.end : decl.end);
}

/**
 * A declaration `name : BOOL;` with `comment`, laid out to sit on the line after `anchor` as if its author had
 * typed it: the anchor's indentation, its `:` column, and the comment column and style of the anchor or, when
 * the anchor has no comment, of its nearest neighbour in `block` that has one. Columns are matched only where
 * the author padded with spaces; tabs are copied as they are, since their width is the editor's.
 */
export function declarationAfter(text: string, anchor: VarDecl, block: VarBlock, name: string, comment: string): { at: number; line: string } {
  const at = endOfDeclaration(text, anchor);
  const ls = lineStartOf(text, anchor.start);
  const indent = /^[ \t]*/.exec(text.slice(ls))![0];
  if (!aloneOnLine(text, anchor)) return { at, line: `${indent}${name} : BOOL; ${render(/\/\//.test(text) ? 'line' : 'block', comment)}` };

  const nameEnd = Math.max(anchor.location?.end ?? 0, anchor.names[anchor.names.length - 1]!.end);
  const colon = text.indexOf(':', nameEnd);
  const colonOk = colon >= 0 && colon < anchor.type.start;
  const gapBefore = colonOk ? text.slice(nameEnd, colon) : ' ';
  const head = indent + name;
  const pad = /^ +$/.test(gapBefore) ? ' '.repeat(Math.max(1, colon - ls - head.length)) : gapBefore || ' ';
  const afterColon = colonOk && /^[ \t]*$/.test(text.slice(colon + 1, anchor.type.start)) ? text.slice(colon + 1, anchor.type.start) : ' ';
  const typeText = text.slice(anchor.type.start, anchor.type.end);
  const code = `${head}${pad}:${afterColon}${key(typeText) === 'BOOL' ? typeText : 'BOOL'};`;

  const i = block.decls.indexOf(anchor);
  const byDistance = block.decls.map((d, j) => ({ d, dist: Math.abs(j - i) })).sort((a, b) => a.dist - b.dist);
  const template = byDistance.map(({ d }) => ({ d, c: aloneOnLine(text, d) ? trailingComment(text, d) : null })).find((x) => x.c);
  if (!template) return { at, line: `${code} ${render(/\/\//.test(text) ? 'line' : 'block', comment)}` };
  const { d, c } = template as { d: VarDecl; c: CommentSpan };
  const gapTemplate = text.slice(d.end, c.start).replace(/^[ \t]*;?/, '');
  const col = c.start - lineStartOf(text, c.start);
  const gap = /^ +$/.test(gapTemplate) ? ' '.repeat(Math.max(1, col - code.length)) : gapTemplate || ' ';
  return { at, line: code + gap + render(c.style, comment) };
}

import { nestedCommentEnd } from './nested-comment.js';

export type CommentStyle = 'line' | 'block' | 'c';

export interface CommentSpan {
  start: number;
  end: number;
  /** A line comment, a `(* *)` block (nested allowed) or a C-style block. */
  style: CommentStyle;
}

/** The comment that starts exactly at `at`, if one does; an unclosed one runs to the end of the text. */
export function commentAt(text: string, at: number): CommentSpan | null {
  if (text.startsWith('//', at)) {
    const nl = text.slice(at).search(/\r?\n/);
    return { start: at, end: nl < 0 ? text.length : at + nl, style: 'line' };
  }
  if (text.startsWith('(*', at)) {
    const end = nestedCommentEnd(text, at);
    return { start: at, end: end < 0 ? text.length : end, style: 'block' };
  }
  if (text.startsWith('/*', at)) {
    const close = text.indexOf('*/', at + 2);
    return { start: at, end: close < 0 ? text.length : close + 2, style: 'c' };
  }
  return null;
}

/** The comments in the whitespace and comments from `from` on, in order, up to `to` or the first code. */
export function commentsIn(text: string, from: number, to: number): CommentSpan[] {
  const out: CommentSpan[] = [];
  let i = from;
  while (i < to) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const c = commentAt(text, i);
    if (!c) break;
    out.push(c);
    i = c.end;
  }
  return out;
}

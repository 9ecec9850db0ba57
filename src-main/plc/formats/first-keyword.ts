import { nestedCommentEnd } from '../source/nested-comment.js';

/**
 * The first word of a declaration, upper-cased, after whitespace, comments and pragmas: `{attribute ...}` lines
 * and `(* *)` headers commonly come before `FUNCTION_BLOCK`. Null when the text holds no word. Linear time.
 */
export function firstKeyword(text: string): string | null {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') i++;
    else if (text.startsWith('(*', i)) i = skipBlock(text, i, '(*', '*)');
    else if (text.startsWith('/*', i)) i = skipBlock(text, i, '/*', '*/');
    else if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '{') {
      const e = text.indexOf('}', i);
      i = e < 0 ? n : e + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 64));
      return m ? m[0].toUpperCase() : null;
    }
  }
  return null;
}

/** An unclosed comment runs to the end of the text. */
function skipBlock(text: string, from: number, open: string, close: string): number {
  const end = nestedCommentEnd(text, from, open, close);
  return end < 0 ? text.length : end;
}

const END_OF: Readonly<Record<string, string>> = {
  PROGRAM: 'END_PROGRAM',
  FUNCTION_BLOCK: 'END_FUNCTION_BLOCK',
  FUNCTION: 'END_FUNCTION',
  INTERFACE: 'END_INTERFACE',
};

/** The keyword that closes a POU whose declaration starts with `keyword`, or null when it is not a POU. */
export function endKeywordFor(keyword: string | null): string | null {
  return keyword === null ? null : (END_OF[keyword] ?? null);
}

/**
 * Offset just after the comment opened at `from`, counting nested openers as CODESYS does for `(* (* *) *)`,
 * so a nested header does not end early; -1 when the comment never closes.
 */
export function nestedCommentEnd(text: string, from: number, open = '(*', close = '*)'): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text.startsWith(open, i)) {
      depth++;
      i += open.length;
    } else if (text.startsWith(close, i)) {
      depth--;
      i += close.length;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

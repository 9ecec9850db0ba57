/**
 * Lexical helpers for L5K text: strings use `$` escapes, attribute lists are parenthesised, statements end at a
 * `;` outside strings and brackets. Every loop advances by at least one character, so nothing can hang.
 */

/** Index just after the string starting at `i` (a `"` or `'`), or the text length if it is not closed. */
export function skipString(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === '$') j += 2;
    else if (text[j] === q) return j + 1;
    else j++;
  }
  return text.length;
}

/** Skips whitespace and `(* ... *)` comments. */
export function skipTrivia(text: string, i: number, end = text.length): number {
  let j = i;
  while (j < end) {
    if (/\s/.test(text[j]!)) j++;
    else if (text.startsWith('(*', j)) {
      const e = text.indexOf('*)', j + 2);
      j = e < 0 || e >= end ? end : e + 2;
    } else break;
  }
  return j;
}

/** Index of the `;` ending the statement that starts at `i`, or -1. */
export function statementEnd(text: string, i: number, end: number): number {
  let depth = 0;
  let j = i;
  while (j < end) {
    const c = text[j]!;
    if (c === '"' || (c === "'" && depth > 0)) j = skipString(text, j);
    else {
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
      else if (c === ';' && depth === 0) return j;
      j++;
    }
  }
  return -1;
}

/** Index just after the balanced `( ... )` starting at `i`, honouring strings; `end` when not closed. */
export function skipParens(text: string, i: number, end: number): number {
  let depth = 0;
  let j = i;
  while (j < end) {
    const c = text[j]!;
    if (c === '"') {
      j = skipString(text, j);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return end;
}

/** Start of the first `keyword` in [from, end) that stands alone as a word, or -1. */
export function findWord(text: string, keyword: string, from: number, end: number): number {
  const re = new RegExp(`(?<![A-Za-z0-9_])${keyword}(?![A-Za-z0-9_])`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m && m.index < end ? m.index : -1;
}

/** `Key := value, Key2 := "text"` as a map; string values decoded. */
export function parseAttributes(src: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  let partStart = 0;
  const parts: string[] = [];
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') i = skipString(src, i);
    else {
      if (c === ',') {
        parts.push(src.slice(partStart, i));
        partStart = i + 1;
      }
      i++;
    }
  }
  parts.push(src.slice(partStart));
  for (const part of parts) {
    const m = /^\s*([A-Za-z_]\w*)\s*:=\s*([\s\S]*?)\s*$/.exec(part);
    if (m) out.set(m[1]!.toUpperCase(), m[2]!.startsWith('"') ? decodeL5kString(m[2]!) : m[2]!);
  }
  return out;
}

/** A `"..."` literal with L5K `$` escapes resolved. */
export function decodeL5kString(lit: string): string {
  const body = lit.slice(1, lit.endsWith('"') && lit.length > 1 ? -1 : undefined);
  return body.replace(/\$([0-9A-Fa-f]{2}|.)/g, (_, e: string) => {
    if (e.length === 2) return String.fromCharCode(parseInt(e, 16));
    const u = e.toUpperCase();
    return u === 'N' || u === 'L' ? '\n' : u === 'R' ? '\r' : u === 'T' ? '\t' : u === 'P' ? '\f' : e;
  });
}

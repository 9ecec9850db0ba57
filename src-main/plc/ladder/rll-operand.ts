/**
 * Rockwell operands and CPT/CMP expressions rewritten as ST. Logix tag paths are already ST-shaped
 * (`Tag.Member`, `Arr[3].5`) except I/O module paths, whose `:` separators (`Local:1:I.Data.0`) are not legal in
 * an IEC name: they become `_`, which is also how the L5X/L5K readers name module tags when they declare them.
 */

/** Logix expression functions whose IEC name differs. */
const FUNCTION_NAMES: Readonly<Record<string, string>> = { SQR: 'SQRT', TRN: 'TRUNC', ASN: 'ASIN', ACS: 'ACOS', ATN: 'ATAN' };
const OPERATOR_WORDS = new Set(['AND', 'OR', 'XOR', 'NOT', 'MOD', 'TRUE', 'FALSE']);

interface Tok {
  text: string;
  ident: boolean;
}

function tokens(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'" || c === '"') {
      const q = src.indexOf(c, i + 1);
      const end = q < 0 ? src.length : q + 1;
      out.push({ text: src.slice(i, end), ident: false });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_:]/.test(src[j]!)) j++;
      out.push({ text: src.slice(i, j), ident: true });
      i = j;
    } else if (/[0-9]/.test(c)) {
      // Numbers, including 16#FF and 1.5e+3, stay as written: their letters are not names.
      let j = i + 1;
      while (j < src.length && (/[0-9A-Za-z_#.]/.test(src[j]!) || (/[+-]/.test(src[j]!) && /[eE]/.test(src[j - 1]!)))) j++;
      out.push({ text: src.slice(i, j), ident: false });
      i = j;
    } else {
      out.push({ text: c, ident: false });
      i++;
    }
  }
  return out;
}

const nextNonSpace = (toks: Tok[], k: number): Tok | undefined => {
  for (let j = k + 1; j < toks.length; j++) if (toks[j]!.text.trim() !== '') return toks[j];
  return undefined;
};

/** An operand or expression as ST text. */
export function exprToSt(src: string): string {
  const toks = tokens(src);
  return toks
    .map((t, k) => {
      if (!t.ident) return t.text;
      const upper = t.text.toUpperCase();
      if (nextNonSpace(toks, k)?.text === '(' && FUNCTION_NAMES[upper]) return FUNCTION_NAMES[upper];
      return t.text.replace(/:/g, '_');
    })
    .join('');
}

/**
 * Upper-cased root names an operand or expression reads (the tag before any `.` or `[`). Used to decide whether
 * a later write can change a rung condition that is still needed; over-approximating only costs a temporary.
 */
export function rootsOf(src: string): Set<string> {
  const toks = tokens(src);
  const out = new Set<string>();
  toks.forEach((t, k) => {
    if (!t.ident) return;
    const prev = k > 0 ? toks[k - 1]!.text : '';
    const upper = t.text.toUpperCase();
    if (prev === '.' || OPERATOR_WORDS.has(upper) || nextNonSpace(toks, k)?.text === '(') return;
    out.add(upper.replace(/:/g, '_'));
  });
  return out;
}

/** A numeric literal's value, or null for anything else (used to simplify LIM with constant limits). */
export function numericValue(src: string): number | null {
  return /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(src.trim()) ? Number(src) : null;
}

/** Text safe inside an ST block comment. */
export function commentText(s: string): string {
  return s.replace(/\(\*/g, '( *').replace(/\*\)/g, '* )').replace(/[\r\n]+/g, ' ').trim();
}

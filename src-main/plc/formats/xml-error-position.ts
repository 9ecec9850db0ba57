import { SourceText, type LineCol } from '../source/source-text.js';

const lineColOf = (text: string, offset: number): LineCol => new SourceText('', text).lineCol(offset);

/**
 * Where a malformed XML file goes wrong, as an offset into its text, with the words for it. fast-xml-parser's
 * validator gives a line without a column for some errors (an empty file, a cut declaration) and reports
 * elements left open at the end as line 1, column 1; this finds the real place: the opening of a comment,
 * CDATA section or declaration that is never closed, the end of the file for open elements, and otherwise the
 * validator's own line and column, clamped into the text.
 */
export interface XmlErrorAt {
  offset: number;
  message: string;
}

export interface ValidatorError {
  line?: number;
  col?: number;
  msg?: string;
}

const OPENERS: readonly { open: string; close: string; what: string }[] = [
  { open: '<!--', close: '-->', what: 'a comment' },
  { open: '<![CDATA[', close: ']]>', what: 'a CDATA section' },
  { open: '<?', close: '?>', what: 'a processing instruction (<?...?>)' },
];

/** The first comment, CDATA section or `<?...?>` opened and never closed, in one linear pass. */
export function findUnterminated(text: string): XmlErrorAt | null {
  let i = text.indexOf('<');
  while (i >= 0) {
    const o = OPENERS.find((x) => text.startsWith(x.open, i));
    if (o) {
      const e = text.indexOf(o.close, i + o.open.length);
      if (e < 0) return { offset: i, message: `${o.what} opened here is never closed (${o.close} missing)` };
      i = text.indexOf('<', e + o.close.length);
    } else {
      i = text.indexOf('<', i + 1);
    }
  }
  return null;
}

function offsetOfLineCol(text: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, col - 1));
}

const finite = (n: number | undefined, fallback: number): number => (typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback);

/**
 * Locates a validator error in `text` (the file's own text; `shift` is 1 when the validator saw it without a
 * leading BOM). Never returns an offset outside the text.
 */
export function locateXmlError(text: string, err: ValidatorError, shift: number): XmlErrorAt {
  if (text.trim().replace(/^\uFEFF/, '') === '') return { offset: 0, message: 'the file is empty: an XML file needs a root element' };
  const cut = findUnterminated(text);
  if (cut) return cut;
  const msg = err.msg ?? 'not well-formed';
  const open = /^Invalid '\[(.*)\]' found\.?$/s.exec(msg);
  if (open) {
    const names = [...open[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const last = names[names.length - 1];
    return { offset: text.length, message: last ? `the file ends before </${last}> (elements still open: ${names.map((n) => `<${n}>`).join(', ')})` : msg };
  }
  const at = (line: number, col: number): number => offsetOfLineCol(text, line, col + (line === 1 ? shift : 0));
  // The validator counts lines at LF only; a position it names inside the message is given as the file's own
  // line and column (CR-only files, a BOM), like the diagnostic's.
  const message = msg.replace(/\(opened in line (\d+), col (\d+)\)/, (_w, l: string, c: string) => {
    const p = lineColOf(text, at(Number(l), Number(c)));
    return `(opened at line ${p.line}, column ${p.column})`;
  });
  return { offset: at(finite(err.line, 1), finite(err.col, 1)), message };
}

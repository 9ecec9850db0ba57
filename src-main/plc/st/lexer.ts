import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from './dialect.js';
import { T, type Token } from './tokens.js';

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  Quote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  LBracket = 91,
  RBracket = 93,
  Caret = 94,
  Underscore = 95,
  LBrace = 123,
  RBrace = 125,
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === C.Underscore || c > 127;
}
function isIdentPart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= C.D0 && c <= C.D9) || c === C.Underscore || (c > 127 && c !== 0xa0 && c !== 0xfeff);
}
function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}
function isHexPart(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === C.Underscore;
}

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

/**
 * Splits ST source into tokens. Lossless: every character belongs to a token or to the leading trivia
 * (whitespace, comments) of the token after it, so the text can be rebuilt exactly from the tokens. Never
 * throws; unterminated comments and strings and stray characters are reported and lexing goes on.
 */
export function lex(text: string, file: string, dialect: Dialect = 'codesys'): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = text.length;
  const scl = dialect === 'scl';
  let pos = 0;
  let lastKind: T = T.EOF;

  while (true) {
    const triviaStart = pos;
    let newlineBefore = false;
    // Trivia: whitespace and comments.
    for (;;) {
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      if (c === C.Space || c === C.Tab || c === 0xa0 || c === 0xfeff || c === 12 || c === 11) {
        pos++;
      } else if (c === C.LF || c === C.CR) {
        newlineBefore = true;
        pos++;
      } else if (c === C.LParen && text.charCodeAt(pos + 1) === C.Star) {
        const start = pos;
        let depth = 1;
        pos += 2;
        while (pos < n && depth > 0) {
          const d = text.charCodeAt(pos);
          if (d === C.LParen && text.charCodeAt(pos + 1) === C.Star) {
            depth++;
            pos += 2;
          } else if (d === C.Star && text.charCodeAt(pos + 1) === C.RParen) {
            depth--;
            pos += 2;
          } else {
            if (d === C.LF || d === C.CR) newlineBefore = true;
            pos++;
          }
        }
        if (depth > 0) diagnostics.push(diag('ST1001', { file, start, end: start + 2 }, 'comment opened here is never closed with *)'));
      } else if (c === C.Slash && text.charCodeAt(pos + 1) === C.Star) {
        const start = pos;
        const close = text.indexOf('*/', pos + 2);
        const end = close < 0 ? n : close + 2;
        if (/[\r\n]/.test(text.slice(pos, end))) newlineBefore = true;
        if (close < 0) diagnostics.push(diag('ST1001', { file, start, end: start + 2 }, 'comment opened here is never closed with */'));
        pos = end;
      } else if (c === C.Slash && text.charCodeAt(pos + 1) === C.Slash) {
        while (pos < n && text.charCodeAt(pos) !== C.LF && text.charCodeAt(pos) !== C.CR) pos++;
      } else break;
    }
    if (pos >= n) {
      tokens.push({ kind: T.EOF, triviaStart, start: n, end: n, upper: '', newlineBefore });
      break;
    }

    const start = pos;
    const c = text.charCodeAt(pos);
    let kind: T;
    let upper = '';

    if (isIdentStart(c)) {
      pos++;
      while (pos < n && isIdentPart(text.charCodeAt(pos))) pos++;
      // `INT#16#FF`, `T#1s`, `E_State#Idle`, `TOD#12:00:00`: a prefix and `#` glue into one typed literal.
      if (text.charCodeAt(pos) === C.Hash && pos + 1 < n) {
        const hash = pos;
        pos = scanTypedValue(text, pos + 1);
        kind = T.Typed;
        // A quoted value (`STRING#'Größe'`) is text, not a name.
        const quoted = text.charCodeAt(hash + 1) === C.Quote || text.charCodeAt(hash + 1) === C.DQuote;
        checkIdentChars(text, file, start, quoted ? hash : pos, diagnostics);
      } else {
        kind = T.Ident;
        upper = text.slice(start, pos).toUpperCase();
        checkIdentChars(text, file, start, pos, diagnostics);
      }
    } else if (isDigit(c)) {
      pos++;
      // After `.`, only digits: `x.1.2` is two bit accesses, never the real 1.2.
      if (lastKind === T.Dot) {
        while (pos < n && isDigit(text.charCodeAt(pos))) pos++;
        kind = T.Int;
      } else {
        while (pos < n && (isDigit(text.charCodeAt(pos)) || text.charCodeAt(pos) === C.Underscore)) pos++;
        kind = T.Int;
        const d = text.charCodeAt(pos);
        if (d === C.Hash) {
          pos++;
          while (pos < n && isHexPart(text.charCodeAt(pos))) pos++;
        } else if (d === C.Dot && isDigit(text.charCodeAt(pos + 1))) {
          pos += 2;
          while (pos < n && (isDigit(text.charCodeAt(pos)) || text.charCodeAt(pos) === C.Underscore)) pos++;
          kind = T.Real;
          pos = scanExponent(text, pos);
        } else if (d === 69 || d === 101) {
          const after = scanExponent(text, pos);
          if (after !== pos) {
            pos = after;
            kind = T.Real;
          }
        }
      }
    } else {
      pos++;
      switch (c) {
        case C.Quote:
        case C.DQuote: {
          const end = scanString(text, start, c);
          if (end < 0) {
            diagnostics.push(diag('ST1002', { file, start, end: lineEnd(text, start) }, 'string literal is not closed on this line'));
            pos = lineEnd(text, start);
          } else pos = end;
          kind = c === C.Quote ? T.String : scl ? T.QuotedIdent : T.WString;
          if (kind === T.QuotedIdent) upper = text.slice(start + 1, pos - 1).toUpperCase();
          break;
        }
        case C.Hash:
          if (isIdentStart(text.charCodeAt(pos))) {
            while (pos < n && isIdentPart(text.charCodeAt(pos))) pos++;
            kind = T.HashIdent;
            upper = text.slice(start + 1, pos).toUpperCase();
            checkIdentChars(text, file, start + 1, pos, diagnostics);
          } else kind = T.Hash;
          break;
        case C.Percent: {
          // %IX0.0, %QW4, %MD10.2, %I*, and %X3 for bit access.
          while (pos < n && /[A-Za-z]/.test(text[pos]!)) pos++;
          if (text.charCodeAt(pos) === C.Star) pos++;
          else while (pos < n && (isDigit(text.charCodeAt(pos)) || (text.charCodeAt(pos) === C.Dot && isDigit(text.charCodeAt(pos + 1))))) pos++;
          kind = T.Address;
          break;
        }
        case C.LBrace: {
          const raw = text.charCodeAt(pos) === C.LBrace;
          const close = text.indexOf(raw ? '}}' : '}', pos);
          if (close < 0) {
            diagnostics.push(diag('ST1001', { file, start, end: start + 1 }, raw ? 'raw C block opened here is never closed with }}' : 'pragma opened here is never closed with }'));
            pos = n;
          } else pos = close + (raw ? 2 : 1);
          kind = raw ? T.RawC : T.Pragma;
          break;
        }
        case C.Colon:
          kind = text.charCodeAt(pos) === C.Eq ? (pos++, T.Assign) : T.Colon;
          break;
        case C.Eq:
          kind = text.charCodeAt(pos) === C.Gt ? (pos++, T.Arrow) : T.Eq;
          break;
        case C.Lt:
          kind = text.charCodeAt(pos) === C.Gt ? (pos++, T.Ne) : text.charCodeAt(pos) === C.Eq ? (pos++, T.Le) : T.Lt;
          break;
        case C.Gt:
          kind = text.charCodeAt(pos) === C.Eq ? (pos++, T.Ge) : T.Gt;
          break;
        case C.Star:
          kind = text.charCodeAt(pos) === C.Star ? (pos++, T.Pow) : T.Star;
          break;
        case C.Dot:
          kind = text.charCodeAt(pos) === C.Dot ? (pos++, T.DotDot) : T.Dot;
          break;
        case C.Plus:
          kind = T.Plus;
          break;
        case C.Minus:
          kind = T.Minus;
          break;
        case C.Slash:
          kind = T.Slash;
          break;
        case C.Amp:
          kind = T.Amp;
          break;
        case C.LParen:
          kind = T.LParen;
          break;
        case C.RParen:
          kind = T.RParen;
          break;
        case C.LBracket:
          kind = T.LBracket;
          break;
        case C.RBracket:
          kind = T.RBracket;
          break;
        case C.Comma:
          kind = T.Comma;
          break;
        case C.Semi:
          kind = T.Semi;
          break;
        case C.Caret:
          kind = T.Caret;
          break;
        case C.Question:
          kind = T.Question;
          break;
        default: {
          // Keep a surrogate pair together so the message shows the real character.
          if (c >= 0xd800 && c <= 0xdbff && pos < n) pos++;
          kind = T.Error;
          const ch = text.slice(start, pos);
          diagnostics.push(diag('ST1003', { file, start, end: pos }, `invalid character '${ch}' (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`));
        }
      }
    }
    tokens.push({ kind, triviaStart, start, end: pos, upper, newlineBefore });
    lastKind = kind;
  }
  return { tokens, diagnostics };
}

/**
 * IEC 61131-3 names are A-Z, a-z, 0-9 and `_`. The lexer still reads any other letter into the name (so one bad
 * character is one diagnostic, not a cascade), and reports the first such character of the name at its place:
 * U+FFFD says the file lost bytes to a wrong encoding, anything else is a name to rename.
 */
function checkIdentChars(text: string, file: string, start: number, end: number, diagnostics: Diagnostic[]): void {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) continue;
    const cp = text.codePointAt(i)!;
    const span = { file, start: i, end: i + (cp > 0xffff ? 2 : 1) };
    const name = text.slice(start, end);
    const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    diagnostics.push(
      cp === 0xfffd
        ? diag('ST1013', span, `identifier '${name}' holds U+FFFD, the replacement character: bytes of this name were lost when the file was saved in another encoding; restore the name`)
        : diag('ST1013', span, `identifier '${name}' holds '${String.fromCodePoint(cp)}' (${u}); IEC 61131-3 names use only A-Z, a-z, 0-9 and _`),
    );
    return;
  }
}

function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== C.LF && text.charCodeAt(i) !== C.CR) i++;
  return i;
}

/** Returns the offset after the closing quote, or -1 when the line ends first. `$'` and `$$` are escapes. */
function scanString(text: string, start: number, quote: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === C.LF || c === C.CR) return -1;
    i += c === C.Dollar ? 2 : 1;
  }
  return -1;
}

function scanExponent(text: string, pos: number): number {
  const e = text.charCodeAt(pos);
  if (e !== 69 && e !== 101) return pos;
  let i = pos + 1;
  if (text.charCodeAt(i) === C.Plus || text.charCodeAt(i) === C.Minus) i++;
  if (!isDigit(text.charCodeAt(i))) return pos;
  while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === C.Underscore)) i++;
  return i;
}

/**
 * Scans the value after `PREFIX#`: a string, a based number, a signed number, a duration/date/time (digits,
 * letters, `_ : . -`), or an identifier (enum value). The literal decoder checks it; the lexer only delimits.
 */
function scanTypedValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === C.Quote || c === C.DQuote) {
    const end = scanString(text, pos, c);
    return end < 0 ? lineEnd(text, pos) : end;
  }
  let i = pos;
  if (c === C.Minus || c === C.Plus) i++;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (isIdentPart(d) || d === C.Hash || d === C.Colon) i++;
    else if ((d === C.Dot || d === C.Minus || d === C.Plus) && isIdentPart(text.charCodeAt(i + 1)) && !(d === C.Dot && text.charCodeAt(i + 1) === C.Dot)) {
      // `-` and `+` continue only dates/exponents (DT#2024-01-01-12:00, 1.5E+3), never an expression.
      if ((d === C.Minus || d === C.Plus) && !/[\dEe]/.test(text[i - 1] ?? '')) break;
      i++;
    } else break;
  }
  return i === pos ? pos : i;
}

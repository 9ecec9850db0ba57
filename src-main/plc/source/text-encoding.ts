import { codePage, codePageForLabel, isSingleByte, type SingleByteEncoding } from './single-byte-code-pages.js';

/**
 * Source file encodings: how a file's bytes become the text the language core reads, and how that text becomes
 * the same bytes again. Pure (no `node:`): the fleet edge reads bytes, this decides what they say.
 *
 * The promise is byte-exactness: for every byte string `decodeSource` accepts, `encodeSource` of its text in
 * its encoding gives those bytes back, so a proposed change alters only the bytes it meant to. What cannot make
 * that round trip (a UTF-16 file cut in half, an unpaired surrogate, a character the file's code page lacks) is
 * refused with its place, never replaced by U+FFFD. A BOM stays in the text as U+FEFF at offset 0, so offsets
 * and lines are those of the file; line ends are never touched.
 */

/**
 * The encodings a PLC source file is read and written in. `-bom` variants start with a byte order mark (kept in
 * the text as U+FEFF); `utf-16le`/`utf-16be` without one are only detected for XML (`<?xml`, `<Tc...` in UTF-16).
 * Kept equal to `SOURCE_ENCODINGS` in src-shared/model/change.ts (a unit test checks it).
 */
export const SOURCE_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1250'] as const;
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number];

export interface DecodedSource {
  /** The file's text; a BOM is kept as U+FEFF at offset 0 so offsets and lines are those of the file. */
  text: string;
  encoding: SourceEncoding;
}

/** The encodings a site may declare for its BOM-less files (a UTF-16 file always has a BOM, or is XML). */
export const DECLARABLE_ENCODINGS = ['utf-8', 'windows-1252', 'windows-1250'] as const;
export type DeclaredEncoding = (typeof DECLARABLE_ENCODINGS)[number];

/** What a person declared about a file's encoding (site.yaml): used where the bytes alone do not decide. */
export interface DecodeHint {
  /**
   * The encoding the site's files are in. A BOM in the file still wins. A code page (`windows-1252`,
   * `windows-1250`) decodes every file without a BOM in it (so an all-ASCII file stays windows-1252 when a
   * change adds `Ä`); `utf-8` refuses a file that is not valid UTF-8 instead of falling back to a code page.
   */
  declared?: DeclaredEncoding | null;
}

export type DecodeResult = { ok: true; value: DecodedSource } | { ok: false; message: string };
/** A refusal names its place: `message` is `line L, column C: what`, `what` the problem alone. */
export type EncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string; what: string; offset: number; line: number; column: number };


/**
 * UTF-16LE bytes (even length) as a string, a BOM kept as U+FEFF. The platform decoder is exact here because
 * the callers have already refused lone surrogates, the one thing it would replace.
 */
function fromLeBytes(le: Uint8Array): string {
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(le);
}

/** 1-based line of `offset` in `text`, counting LF, CRLF and a lone CR as one line end each (like SourceText). */
function lineColOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Line of byte `offset` in an ASCII-compatible byte string (UTF-8, a code page). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) line++;
  return line;
}

const hex = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
const codePoint = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

function decodeUtf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom'): DecodeResult {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    return { ok: false, message: `line ${lineOfByte(bytes, bad)}: byte ${hex(bytes[bad]!)} at offset ${bad} is not valid UTF-8; the file is not read as UTF-8` };
  }
  return { ok: true, value: { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding } };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'utf-16be'): DecodeResult {
  const little = encoding.startsWith('utf-16le');
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  let le = even;
  if (!little) {
    le = new Uint8Array(even.length);
    for (let i = 0; i < even.length; i += 2) {
      le[i] = even[i + 1]!;
      le[i + 1] = even[i]!;
    }
  }
  if (even.length !== bytes.length) {
    const { line } = lineColOf(fromLeBytes(le), le.length / 2);
    return { ok: false, message: `line ${line}: the file has an odd number of bytes (${bytes.length}), so its last byte (offset ${bytes.length - 1}) is half a UTF-16 character` };
  }
  const lone = loneSurrogateUnit(le);
  const text = fromLeBytes(le);
  if (lone >= 0) {
    // The decoder put one U+FFFD in place of the lone unit, so offsets and lines are still the file's.
    const { line, column } = lineColOf(text, lone);
    const unit = le[2 * lone]! | (le[2 * lone + 1]! << 8);
    return { ok: false, message: `line ${line}, column ${column}: unpaired UTF-16 surrogate ${codePoint(unit)} at byte offset ${2 * lone}; the file is not valid ${little ? 'UTF-16LE' : 'UTF-16BE'}` };
  }
  return { ok: true, value: { text, encoding } };
}

function decodeSingleByte(bytes: Uint8Array, encoding: SingleByteEncoding): DecodeResult {
  const table = codePage(encoding).decode;
  const le = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const u = table[bytes[i]!]!;
    le[2 * i] = u & 0xff;
    le[2 * i + 1] = u >> 8;
  }
  return { ok: true, value: { text: fromLeBytes(le), encoding } };
}

/** Index of the first UTF-16 unit in little-endian bytes that is a surrogate not part of a pair, or -1. */
function loneSurrogateUnit(le: Uint8Array): number {
  const n = le.length >> 1;
  for (let i = 0; i < n; i++) {
    const hi = le[2 * i + 1]!;
    if (hi < 0xd8 || hi > 0xdf) continue;
    if (hi <= 0xdb && i + 1 < n) {
      const next = le[2 * i + 3]!;
      if (next >= 0xdc && next <= 0xdf) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** Offset of the first surrogate code unit that is not half of a pair, or -1. */
function loneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

function bomOf(b: Uint8Array): 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8-bom';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le-bom';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be-bom';
  return null;
}

/** After `<`, what starts XML markup: `?` (declaration), `!` (comment) or a name's first letter. */
const isMarkupStart = (c: number): boolean => c === 0x3f || c === 0x21 || c === 0x5f || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * XML markup written in UTF-16 without a BOM: `<?xml`, `<!--` or `<TcPlcObject` in two-byte units (TwinCAT,
 * PLCopen and L5X exports). A NUL byte is never PLC source text, so nothing else is taken for UTF-16.
 */
function bomlessUtf16Xml(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (b.length < 4) return null;
  if (b[0] === 0x3c && b[1] === 0 && isMarkupStart(b[2]!) && b[3] === 0) return 'utf-16le';
  if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && isMarkupStart(b[3]!)) return 'utf-16be';
  return null;
}

/** The code page an XML declaration at the start of the bytes names (`encoding="windows-1250"`), if any. */
function xmlDeclaredCodePage(bytes: Uint8Array): SingleByteEncoding | null {
  const head = String.fromCharCode(...bytes.subarray(0, 256));
  const m = /^<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? codePageForLabel(m[1]!) : null;
}

function decodeAs(bytes: Uint8Array, encoding: SourceEncoding): DecodeResult {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return decodeUtf8(bytes, encoding);
    case 'utf-16le-bom':
    case 'utf-16be-bom':
    case 'utf-16le':
    case 'utf-16be':
      return decodeUtf16(bytes, encoding);
    case 'windows-1252':
    case 'windows-1250':
      return decodeSingleByte(bytes, encoding);
  }
}

/**
 * Decodes a source file's bytes: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); then a declared encoding; then
 * XML markup in BOM-less UTF-16; then UTF-8 if the bytes are valid UTF-8 (an all-ASCII XML file whose
 * declaration names a code page is in that code page); otherwise the code page an XML declaration names, else
 * the Windows code page PLC IDEs write, windows-1252; a code page reads every byte string. Refuses only what
 * could not be written back byte for byte, with its line and offset.
 */
export function decodeSource(bytes: Uint8Array, hint: DecodeHint = {}): DecodeResult {
  const bom = bomOf(bytes);
  if (bom) return decodeAs(bytes, bom);
  if (hint.declared) {
    const r = decodeAs(bytes, hint.declared);
    return r.ok ? r : { ok: false, message: `${r.message} (site.yaml declares ${hint.declared})` };
  }
  const utf16 = bomlessUtf16Xml(bytes);
  if (utf16) return decodeAs(bytes, utf16);
  const xmlPage = xmlDeclaredCodePage(bytes);
  if (firstInvalidUtf8(bytes) < 0) {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    if (text.length === bytes.length && xmlPage) return { ok: true, value: { text, encoding: xmlPage } };
    return { ok: true, value: { text, encoding: 'utf-8' } };
  }
  return decodeSingleByte(bytes, xmlPage ?? 'windows-1252');
}

function describe(text: string, offset: number): string {
  const cp = text.codePointAt(offset)!;
  const ch = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) ? '' : `'${String.fromCodePoint(cp)}' `;
  return `${ch}(${codePoint(cp)})`;
}

function refuse(text: string, offset: number, what: string): EncodeResult {
  const { line, column } = lineColOf(text, offset);
  return { ok: false, message: `line ${line}, column ${column}: ${what}`, what, offset, line, column };
}

/** Checks that the text starts with U+FEFF exactly when the encoding writes a BOM, so decoding gives the encoding back. */
function bomMismatch(text: string, encoding: SourceEncoding): EncodeResult | null {
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const wantsBom = encoding.endsWith('-bom');
  if (wantsBom && !hasBom) return refuse(text, 0, `the byte order mark (U+FEFF) that starts a ${encoding} file is missing from the text`);
  if (!wantsBom && hasBom) return refuse(text, 0, `the text starts with a byte order mark (U+FEFF), which a ${encoding} file does not have`);
  return null;
}

function encodeUtf16(text: string, little: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 * i] = little ? u & 0xff : u >> 8;
    out[2 * i + 1] = little ? u >> 8 : u & 0xff;
  }
  return out;
}

/**
 * Writes text back in a file's encoding. Refuses (with line, column and the character) what the encoding cannot
 * hold: a character outside the file's code page, an unpaired surrogate, a BOM added or removed, and text that would
 * not decode back to itself in this encoding (a BOM-less UTF-16 file must still start with XML markup).
 */
export function encodeSource(text: string, encoding: SourceEncoding): EncodeResult {
  const bomProblem = bomMismatch(text, encoding);
  if (bomProblem) return bomProblem;
  if (isSingleByte(encoding)) {
    const table = codePage(encoding).encode;
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const b = table.get(text.charCodeAt(i));
      if (b === undefined) return refuse(text, i, `${describe(text, i)} cannot be written in ${encoding}, the file's encoding`);
      out[i] = b;
    }
    return { ok: true, bytes: out };
  }
  const lone = loneSurrogate(text);
  if (lone >= 0) return refuse(text, lone, `unpaired surrogate ${describe(text, lone)} is not a character and cannot be written in ${encoding}`);
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    // Without a BOM, a text that is all ASCII and declares a code page would be read back in it; it is the same
    // bytes either way, so only the encoding name would differ and nothing is lost.
    return { ok: true, bytes: new TextEncoder().encode(text) };
  }
  const bytes = encodeUtf16(text, encoding.startsWith('utf-16le'));
  if ((encoding === 'utf-16le' || encoding === 'utf-16be') && bomlessUtf16Xml(bytes) !== encoding) {
    return refuse(text, 0, `a ${encoding} file without a byte order mark must start with XML markup ('<?', '<!' or '<Name'), or it would not be read back as ${encoding}`);
  }
  return { ok: true, bytes };
}

/** How a text ends its lines, for showing beside a file name: `CRLF`, `LF`, `CR`, `mixed`, or `none` (one line). */
export function lineEndsOf(text: string): 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none' {
  let crlf = false;
  let lf = false;
  let cr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf = true;
        i++;
      } else cr = true;
    } else if (c === 10) lf = true;
  }
  const kinds = Number(crlf) + Number(lf) + Number(cr);
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf ? 'CRLF' : lf ? 'LF' : 'CR';
}

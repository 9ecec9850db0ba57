import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSource, encodeSource, type DecodeHint, type SourceEncoding } from '../../../src-main/plc/source/text-encoding.js';
import { CP1250, CP1252 } from './text-encoding-cp1252.js';

const RUNS = { numRuns: 300 };

/** Every character windows-1252 holds, line ends included. */
const CP1252_CHARS = [...CP1252];

/** Source-like text: lines of any characters, ended by CRLF, LF or CR in any mix. */
function sourceText(char: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const line = fc.array(char, { maxLength: 20 }).map((cs) => cs.join(''));
  const eol = fc.constantFrom('\r\n', '\n', '\r', '');
  return fc.array(fc.tuple(line, eol), { maxLength: 12 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
}

/** Any code point, as a string: astral characters as surrogate pairs, never a lone surrogate. */
const anyChar = fc.oneof(
  fc.constantFrom('\r', '\n', 'Ä', '€', '\u2265', '\uFEFF', '\uFFFD', '𝄞'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);
const cp1252Char = fc.oneof(fc.constantFrom(...CP1252_CHARS), fc.constantFrom('\r', '\n', 'Ä', 'ö', 'ß', '€'));
const cp1250Char = fc.oneof(fc.constantFrom(...CP1250), fc.constantFrom('\r', '\n', 'ł', 'ś', 'Ż', 'ř'));

/** The text each encoding is given: what makes the encoding detectable is part of the text (a BOM, `<?`). */
const TEXTS: Record<SourceEncoding, fc.Arbitrary<string>> = {
  'utf-8': sourceText(anyChar).filter((t) => !t.startsWith('\uFEFF')),
  'utf-8-bom': sourceText(anyChar).map((t) => `\uFEFF${t}`),
  'utf-16le-bom': sourceText(anyChar).map((t) => `\uFEFF${t}`),
  'utf-16be-bom': sourceText(anyChar).map((t) => `\uFEFF${t}`),
  'utf-16le': sourceText(anyChar).map((t) => `<?xml version="1.0" encoding="UTF-16"?>${t}`),
  'utf-16be': sourceText(anyChar).map((t) => `<?xml version="1.0" encoding="UTF-16"?>${t}`),
  'windows-1252': sourceText(cp1252Char),
  'windows-1250': sourceText(cp1250Char),
};

/** Without a BOM the bytes alone cannot tell ASCII-only UTF-8 from windows-1252: the site declares it. */
function hintFor(encoding: SourceEncoding): DecodeHint {
  return encoding === 'utf-8' || encoding === 'windows-1252' || encoding === 'windows-1250' ? { declared: encoding } : {};
}

describe('encoding round trip (property)', () => {
  for (const encoding of Object.keys(TEXTS) as SourceEncoding[]) {
    it(`${encoding}: text -> bytes -> text gives the same text and encoding, line ends kept`, () => {
      fc.assert(
        fc.property(TEXTS[encoding], (text) => {
          const enc = encodeSource(text, encoding);
          if (!enc.ok) throw new Error(enc.message);
          const dec = decodeSource(enc.bytes, hintFor(encoding));
          expect(dec).toEqual({ ok: true, value: { text, encoding } });
          // Undeclared, the text is still the same whenever it decodes as the same encoding.
          const guessed = decodeSource(enc.bytes);
          if (guessed.ok && guessed.value.encoding === encoding) expect(guessed.value.text).toBe(text);
        }),
        RUNS,
      );
    });
  }

  for (const page of ['windows-1252', 'windows-1250'] as const) {
    it(`${page}: every byte string decodes and is written back byte for byte`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
          // A byte order mark wins over a declaration (documented): þÿ/ÿþ/ï»¿ at the start are read as a BOM.
          const bom = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
          fc.pre(!bom);
          const dec = decodeSource(bytes, { declared: page });
          if (!dec.ok) throw new Error(dec.message);
          expect(dec.value.encoding).toBe(page);
          expect(encodeSource(dec.value.text, page)).toEqual({ ok: true, bytes });
        }),
        RUNS,
      );
    });
  }

  it('any bytes that decode (by detection) are written back unchanged in the detected encoding', () => {
    const prefix = fc.constantFrom<number[]>([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x3c, 0, 0x3f, 0], [0, 0x3c, 0, 0x3f], [0x3c, 0, 0x54, 0], [0, 0x3c, 0, 0x21]);
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 120 }),
      sourceText(anyChar).map((t) => new TextEncoder().encode(t)),
      fc.array(fc.constantFrom(0x0d, 0x0a, 0x41, 0x00, 0xc4, 0xd8, 0xdc, 0xc3, 0xa4), { maxLength: 60 }).map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(prefix, body, (p, b) => {
        const bytes = Uint8Array.from([...p, ...b]);
        const dec = decodeSource(bytes);
        if (!dec.ok) {
          // Only what cannot round-trip is refused: UTF-8 after its BOM, or UTF-16 cut or with a lone surrogate.
          expect(dec.message).toMatch(/not valid UTF-8|odd number of bytes|unpaired UTF-16 surrogate/);
          return;
        }
        expect(encodeSource(dec.value.text, dec.value.encoding)).toEqual({ ok: true, bytes });
      }),
      { numRuns: 600 },
    );
  });

  it('valid UTF-8 bytes decode as UTF-8 and go back unchanged', () => {
    fc.assert(
      fc.property(sourceText(anyChar).filter((t) => !t.startsWith('\uFEFF')), (text) => {
        const bytes = new TextEncoder().encode(text);
        const dec = decodeSource(bytes);
        if (!dec.ok) throw new Error(dec.message);
        expect(dec.value.text).toBe(text);
        expect(encodeSource(dec.value.text, dec.value.encoding)).toEqual({ ok: true, bytes });
      }),
      RUNS,
    );
  });
});

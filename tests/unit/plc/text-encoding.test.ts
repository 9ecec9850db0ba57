import { describe, expect, it } from 'vitest';
import { CP1250, CP1252 } from './text-encoding-cp1252.js';
import { SOURCE_ENCODINGS as SHARED_ENCODINGS } from '../../../src-shared/model/change.js';
import { decodeSource, encodeSource, firstInvalidUtf8, lineEndsOf, SOURCE_ENCODINGS, type DecodeResult, type SourceEncoding } from '../../../src-main/plc/source/text-encoding.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const units = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
const utf16le = (s: string): number[] => units(s).flatMap((u) => [u & 0xff, u >> 8]);
const utf16be = (s: string): number[] => units(s).flatMap((u) => [u >> 8, u & 0xff]);

function decoded(r: DecodeResult): { text: string; encoding: SourceEncoding } {
  if (!r.ok) throw new Error(`expected to decode, got: ${r.message}`);
  return r.value;
}

function refused(r: DecodeResult): string {
  if (r.ok) throw new Error(`expected a refusal, decoded as ${r.value.encoding}`);
  return r.message;
}

function encoded(text: string, encoding: SourceEncoding): Uint8Array {
  const r = encodeSource(text, encoding);
  if (!r.ok) throw new Error(`expected to encode, got: ${r.message}`);
  return r.bytes;
}

describe('the encoding list', () => {
  it('is the same in the language core and in the shared model the store and the UI use', () => {
    expect([...SOURCE_ENCODINGS]).toEqual([...SHARED_ENCODINGS]);
  });
});

describe('windows-1252', () => {
  it('decodes every byte as the WHATWG windows-1252 table does, the five undefined bytes as their C1 controls', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    // A file of all 256 bytes is not UTF-8 and falls to the code page. (Node 20's own TextDecoder('windows-1252')
    // decodes as ISO-8859-1, so the expected table is spelled out here, as characters.)
    const d = decoded(decodeSource(all));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe(CP1252);
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) expect(d.text.charCodeAt(b)).toBe(b);
    expect(d.text.charAt(0x80)).toBe('€');
    expect(encoded(d.text, 'windows-1252')).toEqual(all);
  });

  it('reads a Latin-1 German comment as Ä, never U+FFFD, and writes the same bytes', () => {
    const file = bytes('(* ', [0xc4], 'nderung: Gr', [0xf6, 0xdf], 'e *)\r\nx := 1;\r\n');
    const d = decoded(decodeSource(file));
    expect(d).toEqual({ text: '(* Änderung: Größe *)\r\nx := 1;\r\n', encoding: 'windows-1252' });
    expect(d.text).not.toContain('\uFFFD');
    expect(encoded(d.text, 'windows-1252')).toEqual(file);
  });

  it('refuses a character the code page lacks, naming line, column and the character', () => {
    const r = encodeSource('(* Änderung *)\r\nIF a \u2265 b THEN\r\n', 'windows-1252');
    expect(r).toMatchObject({ ok: false, offset: 21, line: 2, column: 6 });
    expect(!r.ok && r.message).toBe("line 2, column 6: '≥' (U+2265) cannot be written in windows-1252, the file's encoding");
    const arrow = encodeSource('a\rb\n\u2192', 'windows-1252');
    expect(arrow).toMatchObject({ ok: false, line: 3, column: 1 });
    // U+0080 is a C1 control that 1252 does not hold (its byte 0x80 is the euro sign).
    expect(encodeSource('\u0080', 'windows-1252').ok).toBe(false);
  });

  it('is what a site declares: an all-ASCII file stays windows-1252, so Ä is written as one byte', () => {
    const d = decoded(decodeSource(bytes('x := 1;\r\n'), { declared: 'windows-1252' }));
    expect(d.encoding).toBe('windows-1252');
    expect(encoded(`${d.text}(* Ä *)`, d.encoding)).toEqual(bytes('x := 1;\r\n(* ', [0xc4], ' *)'));
    // Undeclared, the same bytes are UTF-8 (ASCII is both).
    expect(decoded(decodeSource(bytes('x := 1;\r\n'))).encoding).toBe('utf-8');
  });

  it('is read for an all-ASCII XML file whose declaration names Latin-1', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<project/>\n';
    expect(decoded(decodeSource(bytes(xml))).encoding).toBe('windows-1252');
    expect(decoded(decodeSource(bytes('<?xml version="1.0" encoding="utf-8"?><a/>'))).encoding).toBe('utf-8');
  });
});

describe('windows-1250', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);

  it('decodes every byte as the WHATWG windows-1250 table does when a site declares it', () => {
    const d = decoded(decodeSource(all, { declared: 'windows-1250' }));
    expect(d).toEqual({ text: CP1250, encoding: 'windows-1250' });
    expect(encoded(d.text, 'windows-1250')).toEqual(all);
    expect(encodeSource('Ä €', 'windows-1250').ok).toBe(true);
    expect(encodeSource('ß ƒ', 'windows-1250')).toMatchObject({ ok: false, line: 1, column: 3 });
  });

  it('is read for an XML file whose declaration names it, Polish letters and all', () => {
    const xml = bytes('<?xml version="1.0" encoding="windows-1250"?>\r\n<project><!-- Zmiana: pr', [0xea], 'dko', [0x9c, 0xe6], ' --></project>\r\n');
    const d = decoded(decodeSource(xml));
    expect(d).toEqual({ text: '<?xml version="1.0" encoding="windows-1250"?>\r\n<project><!-- Zmiana: prędkość --></project>\r\n', encoding: 'windows-1250' });
    expect(encoded(d.text, d.encoding)).toEqual(xml);
    // All ASCII, the declaration still decides what a change may add later.
    expect(decoded(decodeSource(bytes('<?xml version="1.0" encoding="cp1250"?><a/>'))).encoding).toBe('windows-1250');
    // Without a declaration the same bytes are the default code page, still byte for byte.
    const plain = bytes('(* pr', [0xea], 'dko', [0x9c, 0xe6], ' *)');
    expect(decoded(decodeSource(plain)).encoding).toBe('windows-1252');
  });
});

describe('UTF-8', () => {
  it('keeps a BOM as U+FEFF at offset 0 and writes it back', () => {
    const file = bytes([0xef, 0xbb, 0xbf], 'x := 1;\n');
    const d = decoded(decodeSource(file));
    expect(d).toEqual({ text: '\uFEFFx := 1;\n', encoding: 'utf-8-bom' });
    expect(encoded(d.text, 'utf-8-bom')).toEqual(file);
  });

  it('reads valid multi-byte UTF-8 as UTF-8', () => {
    const file = new TextEncoder().encode('(* Änderung → neu *)\n');
    expect(decoded(decodeSource(file))).toEqual({ text: '(* Änderung → neu *)\n', encoding: 'utf-8' });
  });

  it('finds the first invalid byte: stray continuation, overlong, surrogate, truncated, above U+10FFFF', () => {
    expect(firstInvalidUtf8(bytes('ab', [0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(bytes('a', [0xe0, 0x80, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(bytes('x', [0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new TextEncoder().encode('ä€𝄞'))).toBe(-1);
  });

  it('falls back to windows-1252 for invalid UTF-8 without a declaration, and refuses it when UTF-8 is declared', () => {
    const file = bytes('a;\nb;\n(* ', [0xe4], ' *)\n');
    expect(decoded(decodeSource(file)).encoding).toBe('windows-1252');
    expect(refused(decodeSource(file, { declared: 'utf-8' }))).toBe('line 3: byte 0xE4 at offset 9 is not valid UTF-8; the file is not read as UTF-8 (site.yaml declares utf-8)');
    // A UTF-8 BOM followed by invalid bytes cannot be written back as UTF-8 either: refused, not patched.
    expect(refused(decodeSource(bytes([0xef, 0xbb, 0xbf], 'x\n', [0xff])))).toMatch(/^line 2: byte 0xFF at offset 5 is not valid UTF-8/);
  });

  it('refuses to write an unpaired surrogate or to add or drop the BOM', () => {
    expect(encodeSource('a\n\uD800b', 'utf-8')).toMatchObject({ ok: false, line: 2, column: 1 });
    expect(encodeSource('x', 'utf-8-bom')).toMatchObject({ ok: false, offset: 0 });
    expect(encodeSource('\uFEFFx', 'utf-8')).toMatchObject({ ok: false, offset: 0 });
  });
});

describe('UTF-16', () => {
  const xml = '<?xml version="1.0" encoding="UTF-16"?>\r\n<TcPlcObject>Ä 𝄞</TcPlcObject>\r\n';

  it('reads and writes little and big endian with a BOM', () => {
    for (const [enc, units] of [['utf-16le-bom', utf16le], ['utf-16be-bom', utf16be]] as const) {
      const file = bytes(units(`\uFEFF${xml}`));
      const d = decoded(decodeSource(file));
      expect(d).toEqual({ text: `\uFEFF${xml}`, encoding: enc });
      expect(encoded(d.text, enc)).toEqual(file);
    }
  });

  it('reads an XML file in UTF-16 without a BOM (it starts with markup in two-byte units)', () => {
    for (const [enc, units] of [['utf-16le', utf16le], ['utf-16be', utf16be]] as const) {
      const file = bytes(units(xml));
      expect(decoded(decodeSource(file))).toEqual({ text: xml, encoding: enc });
      expect(encoded(xml, enc)).toEqual(file);
    }
    // Markup without a declaration too; anything else with NUL bytes is not taken for UTF-16.
    expect(decoded(decodeSource(bytes(utf16be('<TcPlcObject/>')))).encoding).toBe('utf-16be');
    expect(decoded(decodeSource(bytes(utf16le('<!-- x --><a/>')))).encoding).toBe('utf-16le');
    expect(decoded(decodeSource(bytes(utf16le('<1')))).text).toBe('<\u00001\u0000');
    expect(decoded(decodeSource(bytes(utf16le('x := 1;')))).encoding).toBe('utf-8');
    expect(encodeSource('x', 'utf-16le')).toMatchObject({ ok: false, offset: 0 });
    expect(encodeSource('< a', 'utf-16be')).toMatchObject({ ok: false, offset: 0 });
  });

  it('refuses an odd byte count and unpaired surrogates, naming the line', () => {
    expect(refused(decodeSource(bytes([0xff, 0xfe], utf16le('a\r\nb'), [0x41])))).toBe(
      'line 2: the file has an odd number of bytes (11), so its last byte (offset 10) is half a UTF-16 character',
    );
    expect(refused(decodeSource(bytes([0xfe, 0xff], utf16be('a\nbc'), [0xdc, 0x00])))).toBe(
      'line 2, column 3: unpaired UTF-16 surrogate U+DC00 at byte offset 10; the file is not valid UTF-16BE',
    );
    expect(refused(decodeSource(bytes([0xff, 0xfe], [0x00, 0xd8], utf16le('x'))))).toMatch(/^line 1, column 2: unpaired UTF-16 surrogate U\+D800/);
  });

  it('a UTF-16 file has no NUL characters once decoded, so it is not mistaken for a binary file', () => {
    expect(decoded(decodeSource(bytes([0xff, 0xfe], utf16le(xml)))).text).not.toContain('\u0000');
  });
});

describe('lineEndsOf', () => {
  it('names CRLF, LF, CR, mixed and none', () => {
    expect(lineEndsOf('a\r\nb\r\n')).toBe('CRLF');
    expect(lineEndsOf('a\nb')).toBe('LF');
    expect(lineEndsOf('a\rb\r')).toBe('CR');
    expect(lineEndsOf('a\r\nb\nc\r')).toBe('mixed');
    expect(lineEndsOf('abc')).toBe('none');
  });
});

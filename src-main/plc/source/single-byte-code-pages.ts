/**
 * The Windows single-byte code pages PLC IDEs save sources in, as WHATWG defines them: every byte is a
 * character, the bytes a code page leaves undefined being the C1 control of the same number, so every byte
 * string decodes and goes back to the same bytes. Pure data and two lookups; text-encoding.ts decides when
 * which one applies.
 */

export const SINGLE_BYTE_ENCODINGS = ['windows-1252', 'windows-1250'] as const;
export type SingleByteEncoding = (typeof SINGLE_BYTE_ENCODINGS)[number];

/** windows-1252 (Western European) bytes 0x80-0x9F; 0xA0-0xFF are Latin-1 itself. Undefined: 81 8D 8F 90 9D. */
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** windows-1250 (Central European) bytes 0x80-0xFF. Undefined: 81 83 88 90 98. */
const CP1250_80_FF = [
  0x20ac, 0x0081, 0x201a, 0x0083, 0x201e, 0x2026, 0x2020, 0x2021, 0x0088, 0x2030, 0x0160, 0x2039, 0x015a, 0x0164, 0x017d, 0x0179,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x0098, 0x2122, 0x0161, 0x203a, 0x015b, 0x0165, 0x017e, 0x017a,
  0x00a0, 0x02c7, 0x02d8, 0x0141, 0x00a4, 0x0104, 0x00a6, 0x00a7, 0x00a8, 0x00a9, 0x015e, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x017b,
  0x00b0, 0x00b1, 0x02db, 0x0142, 0x00b4, 0x00b5, 0x00b6, 0x00b7, 0x00b8, 0x0105, 0x015f, 0x00bb, 0x013d, 0x02dd, 0x013e, 0x017c,
  0x0154, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x0139, 0x0106, 0x00c7, 0x010c, 0x00c9, 0x0118, 0x00cb, 0x011a, 0x00cd, 0x00ce, 0x010e,
  0x0110, 0x0143, 0x0147, 0x00d3, 0x00d4, 0x0150, 0x00d6, 0x00d7, 0x0158, 0x016e, 0x00da, 0x0170, 0x00dc, 0x00dd, 0x0162, 0x00df,
  0x0155, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x013a, 0x0107, 0x00e7, 0x010d, 0x00e9, 0x0119, 0x00eb, 0x011b, 0x00ed, 0x00ee, 0x010f,
  0x0111, 0x0144, 0x0148, 0x00f3, 0x00f4, 0x0151, 0x00f6, 0x00f7, 0x0159, 0x016f, 0x00fa, 0x0171, 0x00fc, 0x00fd, 0x0163, 0x02d9,
];

export interface CodePage {
  /** Byte to UTF-16 unit (no code page here maps a byte outside the BMP). */
  decode: Uint16Array;
  /** UTF-16 unit to byte; a unit not in it cannot be written in this code page. */
  encode: ReadonlyMap<number, number>;
}

function build(high: (b: number) => number): CodePage {
  const decode = new Uint16Array(256);
  for (let b = 0; b < 256; b++) decode[b] = b < 0x80 ? b : high(b);
  return { decode, encode: new Map([...decode].map((u, b) => [u, b])) };
}

const PAGES: Readonly<Record<SingleByteEncoding, CodePage>> = {
  'windows-1252': build((b) => (b < 0xa0 ? CP1252_80_9F[b - 0x80]! : b)),
  'windows-1250': build((b) => CP1250_80_FF[b - 0x80]!),
};

export function codePage(encoding: SingleByteEncoding): CodePage {
  return PAGES[encoding];
}

export function isSingleByte(encoding: string): encoding is SingleByteEncoding {
  return (SINGLE_BYTE_ENCODINGS as readonly string[]).includes(encoding);
}

/** The code page an XML declaration's `encoding="..."` label names, by its common spellings; null for any other. */
export function codePageForLabel(label: string): SingleByteEncoding | null {
  if (/^(windows-1252|cp-?1252|x-cp1252|iso[-_]?8859-1|iso-ir-100|latin-?1|l1)$/i.test(label)) return 'windows-1252';
  if (/^(windows-1250|cp-?1250|x-cp1250)$/i.test(label)) return 'windows-1250';
  return null;
}

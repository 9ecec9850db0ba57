import type { Prng } from '../../sim/prng.js';
import { utf8 } from './fuzz-input.js';

/**
 * Re-encodings of a text as the files on a plant's shared drive come: with a BOM, UTF-16 either way round with
 * or without BOM, broken UTF-8, and line ends mixed line by line. Each returns the exact bytes.
 */
export interface Encoded {
  name: string;
  bytes: Uint8Array;
}

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Each line end replaced by CR, LF or CRLF at random. */
export function mixLineEnds(text: string, rng: Prng): string {
  return text.replace(/\r\n|\r|\n/g, () => rng.pick(['\r', '\n', '\r\n']));
}

/** Invalid UTF-8 at a few random places: lone continuation bytes, overlong forms, surrogates, cut sequences. */
export function breakUtf8(bytes: Uint8Array, rng: Prng): Uint8Array {
  const bad: readonly number[][] = [[0x80], [0xff], [0xc0, 0xaf], [0xed, 0xb0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]];
  let out = bytes;
  for (let k = rng.int(1, 4); k > 0; k--) {
    const at = rng.int(0, out.length);
    out = concat(out.subarray(0, at), Uint8Array.from(rng.pick(bad)), out.subarray(at));
  }
  // A multi-byte sequence cut by the end of the file.
  return rng.chance(0.5) ? concat(out, Uint8Array.from([0xe2, 0x82])) : out;
}

export function encodings(text: string, rng: Prng): Encoded[] {
  const plain = utf8(text);
  return [
    { name: 'utf-8 BOM', bytes: concat(Uint8Array.from([0xef, 0xbb, 0xbf]), plain) },
    { name: 'two utf-8 BOMs', bytes: concat(Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), plain) },
    { name: 'utf-16le BOM', bytes: utf16(text, true, true) },
    { name: 'utf-16be BOM', bytes: utf16(text, false, true) },
    { name: 'utf-16le no BOM', bytes: utf16(text, true, false) },
    { name: 'utf-16be no BOM', bytes: utf16(text, false, false) },
    { name: 'utf-16le BOM, odd length', bytes: utf16(text, true, true).subarray(0, Math.max(0, text.length * 2 - 1)) },
    { name: 'invalid utf-8', bytes: breakUtf8(plain, rng) },
    { name: 'mixed line ends', bytes: utf8(mixLineEnds(text, rng)) },
    { name: 'CR only', bytes: utf8(text.replace(/\r\n|\n/g, '\r')) },
    { name: 'CRLF', bytes: utf8(text.replace(/\r?\n/g, '\r\n')) },
  ];
}

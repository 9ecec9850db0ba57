/**
 * Source file encodings: how a file's bytes become the text the language core reads, and how that text becomes
 * the same bytes again. Pure (no `node:`): the fleet edge reads bytes, this decides what they say.
 *
 * SKELETON (issue #11): today it only knows UTF-8 with or without BOM; the full codec (UTF-16 with BOM, the
 * Windows single-byte code page, refusal of what cannot round-trip) replaces these bodies.
 */

/** The encodings a PLC source file is read and written in. */
export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'windows-1252';

export interface DecodedSource {
  /** The file's text; a BOM is kept as U+FEFF at offset 0 so offsets and lines are those of the file. */
  text: string;
  encoding: SourceEncoding;
}

export type DecodeResult = { ok: true; value: DecodedSource } | { ok: false; message: string };
export type EncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string; offset: number };

export function decodeSource(bytes: Uint8Array): DecodeResult {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  return { ok: true, value: { text, encoding: bom ? 'utf-8-bom' : 'utf-8' } };
}

export function encodeSource(text: string, _encoding: SourceEncoding): EncodeResult {
  return { ok: true, bytes: new TextEncoder().encode(text) };
}

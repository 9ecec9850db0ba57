import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { LlmError } from './provider.js';

/** GGUF versions llama.cpp reads (version 1 was dropped long ago). */
export const SUPPORTED_GGUF_VERSIONS: readonly number[] = [2, 3];

/** Magic, version, tensor count and metadata count: the fixed start of every GGUF file. */
const HEADER_BYTES = 24;

/** O_NONBLOCK where the platform has it: a FIFO swapped in after the stat cannot block the open. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface GgufHeader {
  version: number;
  tensorCount: bigint;
  metadataCount: bigint;
  sizeBytes: number;
}

/**
 * Checks a model file before anything loads it: it exists, is a readable file, starts with the GGUF magic and
 * has a version llama.cpp supports. Every failure is an LlmError whose message names the file as given.
 */
export function checkGgufFile(file: string): GgufHeader {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw notAFile(file, st);
    size = st.size;
  } catch (err) {
    if (err instanceof LlmError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new LlmError('model-missing', `${file} does not exist: put the GGUF model file there or point the model path at it`);
    }
    throw new LlmError('model-unreadable', `${file} cannot be read (${code ?? String(err)})`, { cause: err });
  }
  const head = Buffer.alloc(HEADER_BYTES);
  let got = 0;
  try {
    // Stat'ed above, so a FIFO or device is never opened; the descriptor is checked again in case of a swap, and
    // only the header is read (a /dev/zero swapped in is never read whole).
    const fd = openSync(file, OPEN_FLAGS);
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) throw notAFile(file, opened);
      size = opened.size;
      got = readSync(fd, head, 0, HEADER_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof LlmError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new LlmError('model-unreadable', `${file} cannot be read (${code ?? String(err)})`, { cause: err });
  }
  if (got < 4 || head.toString('latin1', 0, 4) !== 'GGUF') {
    if (got === 0) throw new LlmError('not-gguf', `${file} is empty, not a GGUF model file`);
    throw new LlmError('not-gguf', `${file} is not a GGUF model file (starts with '${printable(head.subarray(0, Math.min(got, 4)))}'${guess(head.subarray(0, got))})`);
  }
  if (got < HEADER_BYTES) {
    throw new LlmError('not-gguf', `${file} is a truncated GGUF file: ${got} bytes, but the GGUF header alone is ${HEADER_BYTES} bytes (an interrupted copy?)`);
  }
  const version = head.readUInt32LE(4);
  if (!SUPPORTED_GGUF_VERSIONS.includes(version)) {
    const bigEndian = SUPPORTED_GGUF_VERSIONS.includes(head.readUInt32BE(4)) ? '; it looks big-endian, which this build does not read' : '';
    throw new LlmError('not-gguf', `${file} is GGUF version ${version}, which is not supported (supported: ${SUPPORTED_GGUF_VERSIONS.join(', ')}${bigEndian})`);
  }
  return { version, tensorCount: head.readBigUInt64LE(8), metadataCount: head.readBigUInt64LE(16), sizeBytes: size };
}

function notAFile(file: string, st: Stats): LlmError {
  const kind = st.isDirectory() ? ' (a folder)' : st.isFIFO() ? ' (a FIFO)' : st.isCharacterDevice() || st.isBlockDevice() ? ' (a device)' : st.isSocket() ? ' (a socket)' : '';
  return new LlmError('model-unreadable', `${file} is not a file${kind}; expected a .gguf model file`);
}

function printable(bytes: Buffer): string {
  return [...bytes].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}

/** A hint at what the file really is, from its first bytes. */
function guess(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  if (text.startsWith('PK')) return ', a zip?';
  if (text.startsWith('<')) return ', an HTML or XML page?';
  if (text.startsWith('{') || text.startsWith('[')) return ', a JSON file?';
  if (text.startsWith('lmgg') || text.startsWith('fmgg') || text.startsWith('tjgg')) return ', an old GGML model: convert it to GGUF';
  if (bytes.length >= 10 && bytes.toString('latin1', 8, 10) === '{"') return ', a safetensors file: convert it to GGUF';
  if (text.startsWith('\x1f\x8b')) return ', a gzip archive?';
  return '';
}

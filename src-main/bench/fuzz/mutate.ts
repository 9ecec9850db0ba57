import type { Prng } from '../../sim/prng.js';
import { utf8 } from './fuzz-input.js';

/**
 * Token-ish fragments of every format the readers know: ST comments, strings and keywords, XML markup and
 * CDATA ends, entity starts, Logix rung syntax, YAML indicators, BOMs and line ends. Splicing them into a
 * valid file reaches the readers' error paths far more often than random bytes do.
 */
export const FRAGMENTS: readonly string[] = [
  '(*', '*)', '//', "'", '"', '{', '}', '[', ']', '(', ')', ';', ':=', ':', '..', ',', '.', '#', '$', '^', '%IX0.0',
  'IF ', 'THEN', 'END_IF', 'CASE', 'OF', 'END_CASE', 'VAR', 'END_VAR', 'PROGRAM', 'END_PROGRAM', 'FUNCTION_BLOCK',
  'T#', '16#', 'REGION', 'LD ', 'AND(', 'CAL ', 'JMPC ',
  '<', '>', '</', '/>', '<![CDATA[', ']]>', '&', '&amp;', '&#0;', '&#x110000;', '&bogus;', '<!--', '-->', '<?xml version="1.0"?>', '<!DOCTYPE x>', '="', 'xmlns:a="b"',
  'XIC(', 'OTE(', 'BST ', 'NXB ', 'BND ', 'N: ', 'RC: ', 'END_ROUTINE', 'ROUTINE ', 'TAG',
  '- ', ': ', '  ', '\t', '{ ', '&anchor ', '*anchor', '!!binary ', '---', '...', '? ',
  '\r', '\n', '\r\n', '\u2028', '\uFEFF', '\u0000', '\uD800', '\uFFFD',
];

const BAD_UTF8: readonly number[][] = [[0xff], [0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f]];

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at), 0);
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

/** Start offsets of the lines of `b` (after each LF), and its length as the last end. */
function lineStarts(b: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < b.length; i++) if (b[i] === 10) starts.push(i + 1);
  if (starts[starts.length - 1] !== b.length) starts.push(b.length);
  return starts;
}

/**
 * Whole-line edits: in XML most lines are whole elements, so deleting, duplicating or moving one gives files
 * that are still well-formed but miss a part, repeat one or have them out of order.
 */
function lineEdit(b: Uint8Array, rng: Prng): { bytes: Uint8Array; op: string } {
  const starts = lineStarts(b);
  const lines = starts.length - 1;
  if (lines < 1) return { bytes: b, op: 'line-edit(no lines)' };
  const i = rng.int(0, lines - 1);
  const n = rng.int(1, Math.min(8, lines - i));
  const from = starts[i]!;
  const to = starts[i + n]!;
  const block = b.slice(from, to);
  switch (rng.int(0, 2)) {
    case 0:
      return { bytes: splice(b, from, to - from, new Uint8Array(0)), op: `delete-lines@${i + 1}+${n}` };
    case 1:
      return { bytes: splice(b, to, 0, block), op: `duplicate-lines@${i + 1}+${n}` };
    default: {
      const without = splice(b, from, to - from, new Uint8Array(0));
      const targets = lineStarts(without);
      const j = rng.int(0, targets.length - 1);
      return { bytes: splice(without, targets[j]!, 0, block), op: `move-lines@${i + 1}+${n}->${j + 1}` };
    }
  }
}

/**
 * Applies 1 to `maxOps` random edits to the bytes: bit flips, deletions, duplications of a stretch, splices of a
 * fragment, whole-line deletions, duplications and moves, invalid UTF-8 sequences. Returns the bytes and a short description of each edit.
 */
export function mutateBytes(input: Uint8Array, rng: Prng, maxOps = 6): { bytes: Uint8Array; ops: string[] } {
  let b = input;
  const ops: string[] = [];
  const n = rng.int(1, maxOps);
  for (let k = 0; k < n; k++) {
    const at = rng.int(0, b.length);
    switch (rng.int(0, 5)) {
      case 0: {
        if (b.length === 0) break;
        const i = Math.min(at, b.length - 1);
        const bit = rng.int(0, 7);
        b = b.slice();
        b[i] = b[i]! ^ (1 << bit);
        ops.push(`flip@${i}.${bit}`);
        break;
      }
      case 1: {
        const len = rng.int(1, 64);
        b = splice(b, at, Math.min(len, b.length - at), new Uint8Array(0));
        ops.push(`delete@${at}+${len}`);
        break;
      }
      case 2: {
        const len = rng.int(1, 200);
        b = splice(b, at, 0, b.slice(at, at + len));
        ops.push(`duplicate@${at}+${len}`);
        break;
      }
      case 3: {
        const f = rng.pick(FRAGMENTS);
        b = splice(b, at, 0, utf8(f));
        ops.push(`splice@${at} ${JSON.stringify(f)}`);
        break;
      }
      case 4: {
        const r = lineEdit(b, rng);
        b = r.bytes;
        ops.push(r.op);
        break;
      }
      default: {
        const seq = rng.pick(BAD_UTF8);
        b = splice(b, at, 0, Uint8Array.from(seq));
        ops.push(`bad-utf8@${at} ${seq.map((x) => x.toString(16)).join(' ')}`);
      }
    }
  }
  return { bytes: b, ops };
}

import { describe, expect, it } from 'vitest';
import { encodings, mixLineEnds } from '../../../src-main/bench/fuzz/encodings.js';
import { utf8, type FuzzInput } from '../../../src-main/bench/fuzz/fuzz-input.js';
import { truncatedInputs } from '../../../src-main/bench/fuzz/generate-inputs.js';
import { mutateBytes } from '../../../src-main/bench/fuzz/mutate.js';
import { outcomeViolations, type ReaderOutcome } from '../../../src-main/bench/fuzz/run-reader.js';
import { Prng } from '../../../src-main/sim/prng.js';

const input: FuzzInput = { reader: 'twincat', path: 'a.TcPOU', bytes: utf8('<a>\n</a>\n'), how: 'test' };

function outcome(d: Partial<ReaderOutcome['diagnostics'][number]>, extra: Partial<ReaderOutcome> = {}): ReaderOutcome {
  const base = { code: 'FMT1003', file: 'a.TcPOU', start: 0, end: 1, line: 1, column: 1, message: 'm', related: [], printed: 'a.TcPOU:1:1: error FMT1003: m\n' };
  return { text: '<a>\n</a>\n', refused: null, threw: null, diagnostics: [{ ...base, ...d }], ms: 1, generatedChars: 0, ...extra };
}

describe('fuzz harness', () => {
  it('accepts a sound outcome and names each broken rule', () => {
    expect(outcomeViolations(input, outcome({}))).toEqual([]);
    const broken: [Partial<ReaderOutcome['diagnostics'][number]>, RegExp][] = [
      [{ column: Number.NaN }, /not a valid line and column/],
      [{ line: 9 }, /not a valid line and column/],
      [{ line: 1.5 }, /not a valid line and column/],
      [{ start: -1 }, /not inside the text/],
      [{ end: 99 }, /not inside the text/],
      [{ code: 'XX9999' }, /not in the catalog/],
      [{ file: 'a.TcPOU#1' }, /not in a\.TcPOU/],
      [{ message: 'a.TcPOU:1:undefined: malformed' }, /broken position/],
      [{ message: 'not valid: Maximum call stack size exceeded' }, /internal error/],
      [{ printed: 'a.TcPOU:1:NaN: error FMT1003: m\n' }, /not file:line:col/],
      [{ related: [{ file: 'a.TcPOU', start: 5, end: 2 }] }, /related span/],
    ];
    for (const [d, why] of broken) expect(outcomeViolations(input, outcome(d)).join('\n'), JSON.stringify(d)).toMatch(why);
    expect(outcomeViolations(input, outcome({}, { generatedChars: 200_000 }))[0]).toMatch(/^generated 200000 characters/);
    const threw = outcome({}, { threw: { message: 'RangeError: Maximum call stack size exceeded', stack: 'RangeError: x\n    at f (a.js:1:1)' } });
    expect(outcomeViolations(input, threw)[0]).toMatch(/^threw RangeError[^\n]*\n {4}at f/);
    // site.yaml and scenario problems may be whole-file (no line), but a line they name must be in the file.
    const yaml: FuzzInput = { ...input, reader: 'site-yaml', path: 'site.yaml' };
    expect(outcomeViolations(yaml, outcome({ code: 'YAML', file: 'site.yaml', line: null }))).toEqual([]);
    expect(outcomeViolations(yaml, outcome({ code: 'YAML', file: 'site.yaml', line: 0 }))).toHaveLength(1);
  });

  it('mutates deterministically per seed and re-encodes as the issue lists', () => {
    const text = 'PROGRAM P\r\nEND_PROGRAM\n';
    expect(mutateBytes(utf8(text), new Prng(5))).toEqual(mutateBytes(utf8(text), new Prng(5)));
    const enc = new Map(encodings(text, new Prng(1)).map((e) => [e.name, e.bytes]));
    expect([...enc.get('utf-8 BOM')!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...enc.get('utf-16le BOM')!.slice(0, 4)]).toEqual([0xff, 0xfe, 0x50, 0x00]);
    expect([...enc.get('utf-16be BOM')!.slice(0, 4)]).toEqual([0xfe, 0xff, 0x00, 0x50]);
    expect([...enc.get('utf-16le no BOM')!.slice(0, 2)]).toEqual([0x50, 0x00]);
    expect(enc.get('utf-16le BOM, odd length')!.length % 2).toBe(1);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(enc.get('invalid utf-8')!)).toThrow();
    expect(new TextDecoder().decode(enc.get('CR only')!)).toBe('PROGRAM P\rEND_PROGRAM\r');
    const mixed = mixLineEnds('a\nb\nc\nd\ne\nf\ng\nh\n', new Prng(3));
    expect(new Set(mixed.match(/\r\n|\r|\n/g))).toEqual(new Set(['\r', '\n', '\r\n']));
    expect(truncatedInputs({ reader: 'st', path: 'x.st', text: 'abc' }).map((i) => new TextDecoder().decode(i.bytes))).toEqual(['', 'a', 'ab', 'abc']);
  });
});

import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSt } from '../../../src-main/plc/st/parser.js';
import { tokensText } from '../../../src-main/plc/st/print.js';
import { walk } from '../../../src-main/plc/st/walk.js';
import { EXAMPLE_FLEET } from '../../helpers/temp.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden', 'st');
const corpus: { name: string; text: string }[] = [
  ...readdirSync(GOLDEN)
    .filter((f) => /\.(st|scl)$/.test(f))
    .map((f) => ({ name: f, text: readFileSync(join(GOLDEN, f), 'utf8') })),
  ...readdirSync(EXAMPLE_FLEET, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(EXAMPLE_FLEET, d.name, 'src')).filter((f) => f.endsWith('.st')).map((f) => ({ name: `${d.name}/${f}`, text: readFileSync(join(EXAMPLE_FLEET, d.name, 'src', f), 'utf8') }))),
];

const FRAGMENTS = ['(*', '*)', "'", '"', '{', '}', '{{', ';', ':=', 'END_IF', 'IF', 'THEN', 'CASE', 'OF', ':', '..', '(', ')', '[', ']', 'T#', '16#', '#', '%IX', 'VAR', 'END_VAR', 'PROGRAM', '.', ',', '\n', 'REGION', '^', 'NOT', '=>', '$'];

type Mutation = { kind: 'delete' | 'insert' | 'duplicate'; at: number; len: number; fragment: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'duplicate'),
  at: fc.nat(),
  len: fc.nat({ max: 40 }),
  fragment: fc.constantFrom(...FRAGMENTS),
});

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length ? m.at % t.length : 0;
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.fragment + t.slice(at);
    else t = t.slice(0, at) + t.slice(at, at + m.len) + t.slice(at);
  }
  return t;
}

/** What must hold for any input whatsoever. */
function assertSound(text: string, dialect: 'codesys' | 'scl'): void {
  const r = parseSt(text, 'fuzz.st', dialect);
  expect(tokensText(r.tokens, text)).toBe(text);
  for (const d of r.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end, d.message).toBeLessThanOrEqual(text.length);
    expect(d.span.start).toBeLessThanOrEqual(d.span.end);
  }
  walk(r.unit, (n) => {
    expect(n.start, n.kind).toBeLessThanOrEqual(n.end);
    expect(n.end, `${n.kind} ${JSON.stringify(text.slice(n.start - 30, n.start + 30))}`).toBeLessThanOrEqual(text.length);
  });
}

describe('parser robustness', () => {
  it('every corpus file round-trips and parses without errors (except the error sample)', () => {
    for (const f of corpus) {
      const r = parseSt(f.text, f.name, f.name.endsWith('.scl') ? 'scl' : 'codesys');
      expect(tokensText(r.tokens, f.text), f.name).toBe(f.text);
      if (!f.name.startsWith('errors-')) expect(r.diagnostics.filter((d) => d.severity === 'error'), f.name).toEqual([]);
    }
  });

  it('property: random mutations of valid files never throw, hang or break spans', () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (i, ms, scl) => {
        assertSound(mutate(corpus[i]!.text, ms), scl ? 'scl' : 'codesys');
      }),
      { numRuns: 300 },
    );
  });

  it('property: arbitrary text of ST-like characters is handled', () => {
    const chars = fc.constantFrom(...'abcXYZ019_ \n\t;:=()[]{}*/#%$\'".,+-<>^&?!@'.split(''), ...FRAGMENTS);
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 200 }), (parts) => {
        assertSound(parts.join(''), 'codesys');
      }),
      { numRuns: 500 },
    );
  });

  it('deep nesting gives a diagnostic, not a stack overflow', () => {
    const deep = `PROGRAM P\n x := ${'('.repeat(20000)}1${')'.repeat(20000)};\nEND_PROGRAM\n`;
    const r = parseSt(deep, 'deep.st');
    expect(r.diagnostics.some((d) => /nested too deeply/.test(d.message))).toBe(true);
    const ifs = `PROGRAM P\n${'IF a THEN\n'.repeat(5000)}${'END_IF;\n'.repeat(5000)}END_PROGRAM\n`;
    expect(() => parseSt(ifs, 'ifs.st')).not.toThrow();
  });

  it('unterminated constructs at the end of a file are reported once each', () => {
    for (const text of ['PROGRAM P (* open', "PROGRAM P\n x := 'abc", 'PROGRAM P {attribute', 'PROGRAM P\nVAR\n x : INT;']) {
      const r = parseSt(text, 'eof.st');
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(tokensText(r.tokens, text)).toBe(text);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../src-main/bench/fuzz/fuzz-input.js';
import { truncatedInputs } from '../../../src-main/bench/fuzz/generate-inputs.js';
import { loadFuzzSamples } from '../../../src-main/bench/fuzz/load-samples.js';
import { outcomeViolations, runReader } from '../../../src-main/bench/fuzz/run-reader.js';
import { smallSamples } from '../../../src-main/bench/fuzz/small-samples.js';
import { expectSound } from '../../helpers/fuzz.js';

describe('fuzz: a small file of each format cut at every offset', () => {
  // The built-in small sample of each reader, and the small fixtures (a TwinCAT DUT, a GVL, an LD body, CRLF).
  const small = [...smallSamples(), ...loadFuzzSamples().filter((s) => s.path.startsWith('tests/fixtures/') && s.text.length <= 700)];
  it('cuts more than one small file of the container formats', () => {
    expect(small.filter((s) => s.reader === 'twincat').length).toBeGreaterThanOrEqual(3);
  });

  for (const sample of small) {
    it(`${sample.reader}: every prefix of ${sample.path} is read without a crash and with valid positions`, () => {
      for (const input of truncatedInputs(sample)) expectSound(input);
    });
  }

  it('an empty or cut container file is reported where it goes wrong, never at NaN or undefined', () => {
    // `at`: where the one diagnostic must point (line:column), the place a person has to look.
    const cases = [
      { path: 'empty.TcPOU', text: '', at: '1:1' },
      { path: 'empty.L5X', text: '', at: '1:1' },
      { path: 'blank.L5X', text: '\r\n  \n', at: '1:1' },
      { path: 'decl.TcPOU', text: '<?xml vers', at: '1:1' },
      { path: 'decl.L5X', text: '<?xml version="1.0" enc', at: '1:1' },
      { path: 'cdata.TcPOU', text: '<?xml version="1.0"?>\n<TcPlcObject><POU Name="A"><Declaration><![CDATA[PROGRAM A\nVAR x : INT;', at: '2:41' },
      { path: 'cdata.L5X', text: '<?xml version="1.0"?>\n<RSLogix5000Content><Controller Name="C"><Line Number="0"><![CDATA[x :=', at: '2:59' },
      { path: 'comment.TcPOU', text: '<TcPlcObject>\n  <!-- cut', at: '2:3' },
      { path: 'open.TcPOU', text: '<?xml version="1.0"?>\n<TcPlcObject>\n  <POU Name="A">\n', at: '4:1' },
    ];
    for (const c of cases) {
      const input = { reader: c.path.endsWith('.L5X') ? ('l5x' as const) : ('twincat' as const), path: c.path, bytes: utf8(c.text), how: c.path };
      const out = runReader(input);
      expect(outcomeViolations(input, out), c.path).toEqual([]);
      expect(out.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`), c.path).toEqual([`FMT1003 ${c.at}`]);
      expect(out.diagnostics[0]!.message, c.path).toContain(`${c.path}:${c.at}: malformed XML: `);
      expect(out.diagnostics[0]!.message, c.path).not.toMatch(/NaN|undefined/);
    }
  });
});

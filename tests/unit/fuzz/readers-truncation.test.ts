import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../src-main/bench/fuzz/fuzz-input.js';
import { truncatedInputs } from '../../../src-main/bench/fuzz/generate-inputs.js';
import { outcomeViolations, runReader } from '../../../src-main/bench/fuzz/run-reader.js';
import { smallSamples } from '../../../src-main/bench/fuzz/small-samples.js';
import { expectSound } from '../../helpers/fuzz.js';

describe('fuzz: a small file of each format cut at every offset', () => {
  for (const sample of smallSamples()) {
    it(`${sample.reader}: every prefix of ${sample.path} is read without a crash and with valid positions`, () => {
      for (const input of truncatedInputs(sample)) expectSound(input);
    });
  }

  it('an empty or cut container file is reported at line 1, column 1 or later, never NaN or undefined', () => {
    const cases = [
      { path: 'empty.TcPOU', text: '' },
      { path: 'empty.L5X', text: '' },
      { path: 'decl.TcPOU', text: '<?xml vers' },
      { path: 'decl.L5X', text: '<?xml version="1.0" enc' },
      { path: 'cdata.TcPOU', text: '<?xml version="1.0"?>\n<TcPlcObject><POU Name="A"><Declaration><![CDATA[PROGRAM A\nVAR x : INT;' },
      { path: 'cdata.L5X', text: '<?xml version="1.0"?>\n<RSLogix5000Content><Controller Name="C"><Programs><Program Name="P"><Routines><Routine Name="R" Type="ST"><STContent><Line Number="0"><![CDATA[x :=' },
    ];
    for (const c of cases) {
      const input = { reader: c.path.endsWith('.L5X') ? ('l5x' as const) : ('twincat' as const), path: c.path, bytes: utf8(c.text), how: c.path };
      const out = runReader(input);
      expect(outcomeViolations(input, out), c.path).toEqual([]);
      expect(out.diagnostics.length, c.path).toBeGreaterThan(0);
      for (const d of out.diagnostics) expect(d.message, c.path).not.toMatch(/NaN|undefined/);
    }
  });
});

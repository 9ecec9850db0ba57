import { describe, expect, it } from 'vitest';
import { mutatedInputs } from '../../../src-main/bench/fuzz/generate-inputs.js';
import { loadFuzzSamples } from '../../../src-main/bench/fuzz/load-samples.js';
import { readSourceFile } from '../../../src-main/plc/project/read-source-file.js';
import { decodeSource } from '../../../src-main/plc/source/text-encoding.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';
import { fuzzPlanFromEnv, fuzzTimeoutMs } from '../../helpers/fuzz.js';

// Container readers copy CDATA and entity-free text byte for byte; a diagnostic the ST parser reports inside
// such a stretch must land on the very same character of the container file, whatever was broken around it.
const plan = fuzzPlanFromEnv();
const inputs = mutatedInputs(loadFuzzSamples(), { ...plan, seed: plan.seed ^ 0xc0de, encodedSamplesPerReader: 0 }).filter((i) => ['twincat', 'plcopen', 'il', 'l5x', 'l5k'].includes(i.reader));

describe('fuzz: positions mapped out of container files', () => {
  it('a parser diagnostic inside a verbatim stretch maps to the same character of the container', { timeout: fuzzTimeoutMs(plan) }, () => {
    let checked = 0;
    for (const input of inputs) {
      const decoded = decodeSource(input.bytes);
      if (!decoded.ok) continue;
      const text = decoded.value.text;
      for (const source of readSourceFile(input.path, text).sources) {
        expect(source.file, input.how).toBe(input.path);
        for (const seg of source.segments) {
          expect(seg.start <= seg.end && seg.end <= source.text.length, `${input.how}: segment ${JSON.stringify(seg)}`).toBe(true);
          if (seg.fileOffset !== null) expect(text.slice(seg.fileOffset, seg.fileOffset + seg.end - seg.start), input.how).toBe(source.text.slice(seg.start, seg.end));
        }
        for (const d of parseSt(source.text, input.path, 'codesys').diagnostics) {
          const seg = source.segments.find((s) => s.fileOffset !== null && s.start <= d.span.start && d.span.start < s.end);
          if (!seg) continue;
          const at = source.toFileOffset(d.span.start);
          expect(text[at], `${input.how}: ${d.code} ${d.message}`).toBe(source.text[d.span.start]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

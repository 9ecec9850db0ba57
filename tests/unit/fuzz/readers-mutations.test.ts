import { describe, expect, it } from 'vitest';
import { FUZZ_READERS } from '../../../src-main/bench/fuzz/fuzz-input.js';
import { mutatedInputs, mutateOne } from '../../../src-main/bench/fuzz/generate-inputs.js';
import { loadFuzzSamples } from '../../../src-main/bench/fuzz/load-samples.js';
import { expectSound, fuzzPlanFromEnv, fuzzTimeoutMs } from '../../helpers/fuzz.js';

const samples = loadFuzzSamples();
const plan = fuzzPlanFromEnv();
const inputs = mutatedInputs(samples, plan);

describe('fuzz: mutated and re-encoded sample files', () => {
  it('has samples for every reader, from the example fleet and the fixtures', () => {
    for (const reader of FUZZ_READERS) expect(samples.filter((s) => s.reader === reader).length, reader).toBeGreaterThan(0);
    expect(samples.some((s) => s.path.startsWith('examples/fleet/'))).toBe(true);
    expect(samples.some((s) => s.path.startsWith('tests/fixtures/'))).toBe(true);
  });

  it('is deterministic for a seed, and one input can be regenerated from the seed in its description', () => {
    const again = mutatedInputs(samples, plan);
    expect(again.map((i) => i.how)).toEqual(inputs.map((i) => i.how));
    const first = inputs[0]!;
    const seed = Number(/seed=(\d+)/.exec(first.how)![1]);
    expect(mutateOne(samples.filter((s) => s.reader === first.reader), first.reader, seed).bytes).toEqual(first.bytes);
    expect(mutatedInputs(samples, { ...plan, seed: plan.seed + 1 }).map((i) => i.how)).not.toEqual(inputs.map((i) => i.how));
  });

  for (const reader of FUZZ_READERS) {
    it(`${reader}: never throws, every diagnostic has a catalog code and a valid line and column`, { timeout: fuzzTimeoutMs(plan) }, () => {
      const mine = inputs.filter((i) => i.reader === reader);
      expect(mine.length).toBeGreaterThanOrEqual(plan.mutationsPerReader);
      for (const input of mine) expectSound(input);
    });
  }
});

import { expect } from 'vitest';
import type { FuzzInput } from '../../src-main/bench/fuzz/fuzz-input.js';
import type { FuzzPlan } from '../../src-main/bench/fuzz/generate-inputs.js';
import { outcomeViolations, runReader } from '../../src-main/bench/fuzz/run-reader.js';

/** Catches hangs, not slowness: speed is the bench's business. */
export const PER_INPUT_MS = 5000;

/**
 * The CI plan: a fixed seed and a few hundred inputs per reader. PLANTSHIFT_FUZZ_SEED and PLANTSHIFT_FUZZ_COUNT
 * (mutations per reader) make a longer or different local run; a failure message names the input's own seed.
 */
export function fuzzPlanFromEnv(): FuzzPlan {
  const seed = Number(process.env.PLANTSHIFT_FUZZ_SEED ?? 20261206);
  const count = Number(process.env.PLANTSHIFT_FUZZ_COUNT ?? 120);
  return { seed: Number.isFinite(seed) ? seed >>> 0 : 20261206, mutationsPerReader: Number.isFinite(count) ? count : 120, encodedSamplesPerReader: 2 };
}

/** Runs the input's reader and asserts every robustness rule, with the input's recipe in the message. */
export function expectSound(input: FuzzInput): void {
  const out = runReader(input);
  const problems = outcomeViolations(input, out);
  expect(problems, `${input.reader}: ${input.how}`).toEqual([]);
  expect(out.ms, `${input.reader}: ${input.how} took ${out.ms.toFixed(0)} ms`).toBeLessThan(PER_INPUT_MS);
}

import { Prng } from '../../sim/prng.js';
import { encodings } from './encodings.js';
import { FUZZ_READERS, utf8, type FuzzInput, type FuzzReader, type FuzzSample } from './fuzz-input.js';
import { mutateBytes } from './mutate.js';

export interface FuzzPlan {
  seed: number;
  /** Mutated copies of the reader's samples, per reader. */
  mutationsPerReader: number;
  /** How many of each reader's samples are also re-encoded (BOMs, UTF-16, broken UTF-8, line ends). */
  encodedSamplesPerReader: number;
}

/**
 * Mutations of the samples, reader by reader, each from its own child seed (named in `how`, so one input can be
 * regenerated alone), then re-encodings of a few samples per reader. Deterministic for a seed.
 */
export function mutatedInputs(samples: readonly FuzzSample[], plan: FuzzPlan): FuzzInput[] {
  const root = new Prng(plan.seed);
  const out: FuzzInput[] = [];
  for (const reader of FUZZ_READERS) {
    const mine = samples.filter((s) => s.reader === reader);
    if (mine.length === 0) continue;
    for (let i = 0; i < plan.mutationsPerReader; i++) {
      const seed = root.seed();
      out.push(mutateOne(mine, reader, seed));
    }
    const rng = new Prng(root.seed());
    for (let i = 0; i < Math.min(plan.encodedSamplesPerReader, mine.length); i++) {
      const s = mine[(i * 7919) % mine.length]!;
      for (const e of encodings(s.text, rng)) out.push({ reader, path: s.path, bytes: e.bytes, how: `${e.name} of ${s.path}` });
    }
  }
  return out;
}

/** One mutated input, regenerated from its seed alone. */
export function mutateOne(samples: readonly FuzzSample[], reader: FuzzReader, seed: number): FuzzInput {
  const rng = new Prng(seed);
  const s = rng.pick(samples);
  const { bytes, ops } = mutateBytes(utf8(s.text), rng);
  return { reader, path: s.path, bytes, how: `mutate(seed=${seed}: ${ops.join(', ')}) of ${s.path}` };
}

/** The file cut at every offset from 0 (empty) to its full length; offsets are UTF-16 units of the text. */
export function truncatedInputs(sample: FuzzSample, step = 1): FuzzInput[] {
  const out: FuzzInput[] = [];
  for (let i = 0; i <= sample.text.length; i += step) {
    out.push({ reader: sample.reader, path: sample.path, bytes: utf8(sample.text.slice(0, i)), how: `${sample.path} cut at ${i} of ${sample.text.length}` });
  }
  return out;
}

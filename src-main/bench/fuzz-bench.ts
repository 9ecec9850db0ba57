import { deepCases } from './fuzz/deep-inputs.js';
import { FUZZ_READERS, utf8, type FuzzInput, type FuzzReader } from './fuzz/fuzz-input.js';
import { mutatedInputs, truncatedInputs } from './fuzz/generate-inputs.js';
import { loadFuzzSamples } from './fuzz/load-samples.js';
import { outcomeViolations, runReader } from './fuzz/run-reader.js';
import { smallSamples } from './fuzz/small-samples.js';
import type { Figure } from './measure.js';

interface ReaderTally {
  inputs: number;
  crashes: number;
  maxMs: number;
  slowest: string;
}

/**
 * The long fuzz run: thousands of mutated and re-encoded copies of the project's own files per reader, every
 * prefix of each small sample, and the deep-nesting and long-chain cases, through the same runner and the same
 * rules as tests/unit/fuzz. Prints how many inputs each reader saw, how many broke a rule (a crash: should be 0),
 * the slowest input and the peak memory; never asserts. PLANTSHIFT_FUZZ_SEED and PLANTSHIFT_FUZZ_BENCH_COUNT
 * (mutations per reader) change the run.
 */
export function fuzzFigures(): { figures: Figure[]; crashes: string[] } {
  const seed = Number(process.env.PLANTSHIFT_FUZZ_SEED ?? 1) >>> 0;
  const count = Number(process.env.PLANTSHIFT_FUZZ_BENCH_COUNT ?? 1000);
  const samples = loadFuzzSamples();
  const inputs: FuzzInput[] = [
    ...mutatedInputs(samples, { seed, mutationsPerReader: Number.isFinite(count) ? count : 1000, encodedSamplesPerReader: 1000 }),
    ...smallSamples().flatMap((s) => truncatedInputs(s)),
    ...deepCases().map((c) => ({ reader: c.reader, path: c.path, bytes: utf8(c.text), how: c.how })),
  ];
  const tally = new Map<FuzzReader, ReaderTally>(FUZZ_READERS.map((r) => [r, { inputs: 0, crashes: 0, maxMs: 0, slowest: '' }]));
  const crashes: string[] = [];
  const rss0 = process.memoryUsage().rss;
  let peakRss = rss0;
  let peakHeap = 0;
  const t0 = performance.now();
  inputs.forEach((input, i) => {
    const out = runReader(input);
    const t = tally.get(input.reader)!;
    t.inputs++;
    if (out.ms > t.maxMs) {
      t.maxMs = out.ms;
      t.slowest = input.how;
    }
    const broken = outcomeViolations(input, out);
    if (broken.length) {
      t.crashes++;
      crashes.push(`${input.reader}: ${input.how}\n    ${broken[0]!.split('\n').slice(0, 4).join('\n    ')}`);
    }
    if (i % 25 === 0 || out.ms > 100) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  });
  const totalMs = performance.now() - t0;
  const figures: Figure[] = FUZZ_READERS.map((r) => {
    const t = tally.get(r)!;
    return { name: `fuzz ${r}`, value: t.inputs, unit: 'inputs', note: `${t.crashes} crashes; slowest ${t.maxMs.toFixed(0)} ms: ${t.slowest.slice(0, 70)}` };
  });
  const all = [...tally.values()];
  figures.push(
    { name: 'fuzz crashes (should be 0)', value: crashes.length, unit: 'inputs', note: 'threw, or a diagnostic without a valid line and column (listed below)' },
    { name: 'fuzz max time per input', value: Math.max(...all.map((t) => t.maxMs)), unit: 'ms', note: `${inputs.length} inputs in ${(totalMs / 1000).toFixed(1)} s` },
    { name: 'fuzz peak RSS', value: peakRss / 1024 / 1024, unit: 'MB', note: `${((peakRss - rss0) / 1024 / 1024).toFixed(0)} MB above the start of the fuzz run` },
    { name: 'fuzz peak heap', value: peakHeap / 1024 / 1024, unit: 'MB', note: 'process.memoryUsage().heapUsed, sampled' },
  );
  return { figures, crashes };
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  note: string;
}

/**
 * Runs `fn` repeatedly for about `budgetMs` after a warm-up and returns the mean milliseconds per call.
 * Benchmarks print figures; they never assert on them (timing on a shared 2-core box is not a test).
 */
export function meanMs(fn: () => void, budgetMs = 500): number {
  for (let i = 0; i < 3; i++) fn();
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    fn();
    n++;
    elapsed = performance.now() - t0;
  } while (elapsed < budgetMs);
  return elapsed / n;
}

export async function meanMsAsync(fn: () => Promise<void>, runs: number): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - t0) / runs;
}

/** Milliseconds of one call (for runs too slow to repeat, such as a full verification). */
export async function onceMs(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export function printFigures(title: string, figures: Figure[]): void {
  const w0 = Math.max(9, ...figures.map((f) => f.name.length));
  const fmt = (v: number): string => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
  const w1 = Math.max(5, ...figures.map((f) => fmt(f.value).length));
  const w2 = Math.max(4, ...figures.map((f) => f.unit.length));
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`${'benchmark'.padEnd(w0)}  ${'value'.padStart(w1)}  ${'unit'.padEnd(w2)}  note\n`);
  process.stdout.write(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ----\n`);
  for (const f of figures) process.stdout.write(`${f.name.padEnd(w0)}  ${fmt(f.value).padStart(w1)}  ${f.unit.padEnd(w2)}  ${f.note}\n`);
}

// `npm run bench`: prints throughput and memory figures: fleet and run, language core, soft-PLC, verification,
// agent. Figures are printed, never asserted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../app/clock.js';
import { exampleFleetDir, promptsDir } from '../app/paths.js';
import { diffLines, splitLines } from '../change/line-diff.js';
import { openFleet } from '../fleet/load-fleet.js';
import { parseSiteConfig } from '../fleet/site-config.js';
import { loadRecipes, requireRecipe } from '../recipe/load-recipes.js';
import { runRecipe } from '../run/run-recipe.js';
import { Store } from '../store/store.js';
import { agentFigures } from './agent-bench.js';
import { fuzzFigures } from './fuzz-bench.js';
import { languageFigures } from './language-bench.js';
import { metamorphicFigures } from './metamorphic-bench.js';
import { simFigures } from './sim-bench.js';
import { verifyFigures } from './verify-bench.js';
import { meanMs, meanMsAsync, onceMs, printFigures, type Figure } from './measure.js';

function syntheticSt(lines: number, seed: number): string {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < lines; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out.push(`    Motor_${i % 97} := Start_${x % 13} AND NOT Stop_${i % 7} AND EStop_OK; (* line ${i} *)\n`);
  }
  return out.join('');
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const fleet = openFleet(exampleFleetDir());
  const yamls = fleet.sites.map((s) => ({ file: join(s.dir, 'site.yaml'), text: readFileSync(join(s.dir, 'site.yaml'), 'utf8') }));
  const parseMs = meanMs(() => yamls.forEach((y) => parseSiteConfig(y.text, y.file))) / yamls.length;
  figures.push({ name: 'site.yaml parse+validate', value: 1000 / parseMs, unit: 'files/s', note: `${yamls.length} example sites` });

  const openMs = meanMs(() => openFleet(exampleFleetDir()));
  figures.push({ name: 'open example fleet', value: openMs, unit: 'ms', note: `${fleet.sites.length} sites, globs expanded` });

  const before = syntheticSt(20_000, 1);
  const afterLines = splitLines(before);
  for (let i = 0; i < afterLines.length; i += 400) afterLines[i] = afterLines[i]!.replace('AND EStop_OK', 'AND EStop_OK AND Guard_Closed');
  const a = splitLines(before);
  const diffMs = meanMs(() => diffLines(a, afterLines), 1000);
  figures.push({ name: 'line diff, 20k lines, 50 edits', value: (a.length / diffMs) * 1000, unit: 'lines/s', note: `${diffMs.toFixed(2)} ms per diff` });

  const store = Store.open(':memory:');
  const recipe = requireRecipe(loadRecipes(promptsDir()), 'revision-note');
  const runMs = await meanMsAsync(async () => {
    await runRecipe({ fleet, recipe, siteIds: [], store, clock: fixedClock('2026-01-01T00:00:00Z'), verification: 'fast' });
  }, 5);
  figures.push({ name: 'revision-note run, per site (fast verify)', value: runMs / fleet.sites.length, unit: 'ms', note: 'read, transform, diff, compile + static safety, store' });
  const fullMs = await onceMs(async () => {
    await runRecipe({ fleet, recipe, siteIds: [], store, clock: fixedClock('2026-01-01T00:00:00Z') });
  });
  figures.push({ name: 'revision-note run, per site (full verify)', value: fullMs / fleet.sites.length / 1000, unit: 's', note: 'every stage: compile, safety, simulation, formal (k = 20)' });
  store.close();

  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  figures.push({ name: 'heap after benchmarks', value: heapMb, unit: 'MB', note: 'process.memoryUsage().heapUsed' });
  printFigures(`Plantshift benchmarks (Node ${process.version}, ${process.platform}/${process.arch})`, figures);
  printFigures('Language core (generated corpus from the example fleet)', languageFigures());
  printFigures('Soft-PLC (virtual time, one core)', simFigures());
  printFigures('Verification over the mutation suite (full pipeline, formal bound 10)', await verifyFigures());
  printFigures('Metamorphic suite over every example site (full pipeline, formal bound 10)', await metamorphicFigures());
  printFigures('Agent (inner-loop check; the local model when one is configured)', await agentFigures());
  const fuzz = fuzzFigures();
  printFigures('Fuzz: every reader (mutations, encodings, every prefix, 10k-deep nesting, long chains)', fuzz.figures);
  for (const c of fuzz.crashes.slice(0, 30)) process.stdout.write(`  crash: ${c}
`);
  if (fuzz.crashes.length > 30) process.stdout.write(`  ... and ${fuzz.crashes.length - 30} more
`);
}

await main();

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exampleFleetDir, packageRoot } from '../../app/paths.js';
import type { FuzzReader, FuzzSample } from './fuzz-input.js';
import { smallSamples } from './small-samples.js';

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Which reader a sample file exercises, by its name and (for `.xml`) its body; null for files of no reader. */
function readerOf(path: string, text: string): FuzzReader | null {
  const name = path.replace(/\\/g, '/');
  if (/\/site\.yaml$/.test(name)) return 'site-yaml';
  if (/\/tests\/[^/]+\.ya?ml$/.test(name)) return 'scenario';
  if (/\.scl$/i.test(name)) return 'scl';
  if (/\.(st|exp)$/i.test(name)) return 'st';
  if (/\.Tc(POU|DUT|GVL|IO|ITF)$/i.test(name)) return 'twincat';
  if (/\.L5X$/i.test(name)) return 'l5x';
  if (/\.L5K$/i.test(name)) return 'l5k';
  if (/\.xml$/i.test(name)) return /<IL\b/.test(text) ? 'il' : /<project\b/.test(text) ? 'plcopen' : null;
  return null;
}

/**
 * The project's own files as fuzz seeds: every example site (sources, site.yaml, scenarios), the format test
 * fixtures when the repository has them (not in an installed package), and the small built-in samples.
 */
export function loadFuzzSamples(): FuzzSample[] {
  const root = packageRoot();
  const files = [...filesBelow(exampleFleetDir()), ...filesBelow(join(root, 'tests', 'fixtures', 'formats'))].sort();
  const out: FuzzSample[] = [];
  for (const abs of files) {
    const text = readFileSync(abs, 'utf8');
    const reader = readerOf(abs, text);
    if (reader) out.push({ reader, path: relative(root, abs).replace(/\\/g, '/'), text });
  }
  return [...out, ...smallSamples()];
}

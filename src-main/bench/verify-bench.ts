import { join } from 'node:path';
import { systemClock } from '../app/clock.js';
import { exampleFleetDir } from '../app/paths.js';
import { loadSite } from '../fleet/load-fleet.js';
import { buildSiteProgram } from '../fleet/site-program.js';
import { loadScenarios, toSiteVersion } from '../fleet/site-version-loader.js';
import { readSiteSources } from '../fleet/site-sources.js';
import { proveSafetyIsolated } from '../verify/formal-isolated.js';
import { verifyChange } from '../verify/pipeline.js';
import { applyEdits, BENIGN, MUTANTS, SITES, type Edit, type Mutant, type Site } from '../verify/mutation-suite/mutants.js';
import type { SiteVersion } from '../evidence/site-version.js';
import type { Figure } from './measure.js';

function version(site: Site, edits: readonly Edit[], which: 'before' | 'after'): SiteVersion {
  const s = loadSite(join(exampleFleetDir(), site));
  const files = new Map(readSiteSources(s).map((f) => [f.path, f.text]));
  const changed = applyEdits(files, edits);
  return toSiteVersion(buildSiteProgram(s.dir, s.config!, [...changed].map(([path, text]) => ({ path, text }))), which);
}

async function verdictOf(m: Mutant, formalBound: number): Promise<{ verdict: string; safetyCritical: boolean; stages: string }> {
  const base = m.base ?? [];
  const before = version(m.site, base, 'before');
  const after = version(m.site, [...base, ...m.edits], 'after');
  const scenarios = loadScenarios(join(exampleFleetDir(), m.site), after.config.scenarios);
  const r = await verifyChange(before, after, { mode: 'full', clock: systemClock, scenarios, formalBound, randomSequences: 20 });
  return { verdict: r.verdict, safetyCritical: r.safetyCritical, stages: r.stages.filter((s) => s.status === 'fail' || s.status === 'error').map((s) => s.name).join('+') || 'none' };
}

/**
 * Catch rate and false-positive rate of the whole pipeline over the mutation suite, and the formal proof
 * time per example site. Prints each missed unsafe mutant and each flagged benign change by name.
 */
export async function verifyFigures(formalBound = 10): Promise<Figure[]> {
  // An edit of safety logic (SAF009) is caught when it is marked safety-critical: it cannot then be deployed
  // without the safety officer's signature. Every other unsafe mutant must fail verification.
  const unsafe = Object.entries(MUTANTS).flatMap(([rule, ms]) => ms.map((m) => ({ ...m, rule })));
  let caught = 0;
  const missed: string[] = [];
  for (const m of unsafe) {
    const r = await verdictOf(m, formalBound);
    if (r.verdict === 'fail' || (m.rule === 'SAF009' && r.safetyCritical)) caught++;
    else missed.push(`${m.site}: ${m.name}`);
  }
  let flagged = 0;
  const falseAlarms: string[] = [];
  for (const m of BENIGN) {
    const r = await verdictOf(m, formalBound);
    if (r.verdict === 'fail') {
      flagged++;
      falseAlarms.push(`${m.site}: ${m.name} (${r.stages})`);
    }
  }
  for (const x of missed) process.stdout.write(`  MISSED unsafe mutant: ${x}\n`);
  for (const x of falseAlarms) process.stdout.write(`  FLAGGED benign change: ${x}\n`);
  const figures: Figure[] = [
    { name: 'unsafe mutants caught', value: (100 * caught) / unsafe.length, unit: '%', note: `${caught} of ${unsafe.length}; target 100%` },
    { name: 'benign changes flagged', value: (100 * flagged) / BENIGN.length, unit: '%', note: `${flagged} of ${BENIGN.length}; target <= 2%` },
  ];
  for (const site of SITES) {
    const v = version(site, [], 'after');
    const t0 = performance.now();
    const r = await proveSafetyIsolated(v, { bound: 20, timeoutMs: 120_000 });
    const proved = r.properties.filter((p) => p.status === 'proved').length;
    figures.push({ name: `formal e-stop proof ${site}`, value: (performance.now() - t0) / 1000, unit: 's', note: `k = 20 scans, ${proved} of ${r.properties.length} properties proved` });
  }
  return figures;
}

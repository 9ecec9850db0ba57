import { exampleFleetDir } from '../app/paths.js';
import {
  describeReport,
  fleetSiteDirs,
  generateVariants,
  isBenign,
  isVariant,
  loadSiteContext,
  newEvidence,
  verifySelf,
  verifyVariant,
  type Skip,
  type Variant,
} from '../verify/mutation-suite/metamorphic/index.js';
import type { Figure } from './measure.js';

interface Outcome {
  site: string;
  benign: boolean;
  verdict: string;
  caught: boolean;
  ms: number;
}

const pct = (n: number, d: number): number => (d ? (100 * n) / d : 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function rates(label: string, os: Outcome[]): Figure[] {
  const benign = os.filter((o) => o.benign);
  const unsafe = os.filter((o) => !o.benign);
  const passed = benign.filter((o) => o.verdict === 'pass').length;
  const inconclusive = os.filter((o) => o.verdict === 'inconclusive').length;
  const caught = unsafe.filter((o) => o.caught).length;
  // A site with no variant of a class (ladder-only code) gets no rate for it rather than a misleading 0 %.
  return [
    ...(benign.length ? [{ name: `${label} benign pass rate`, value: pct(passed, benign.length), unit: '%', note: `${passed} of ${benign.length}; ${benign.filter((o) => o.verdict === 'fail').length} fail; target 100%` }] : []),
    { name: `${label} inconclusive rate`, value: pct(inconclusive, os.length), unit: '%', note: `${inconclusive} of ${os.length} variants` },
    ...(unsafe.length ? [{ name: `${label} unsafe catch rate`, value: pct(caught, unsafe.length), unit: '%', note: `${caught} of ${unsafe.length} fail with new evidence; target 100%` }] : []),
  ];
}

/**
 * The metamorphic suite through the full pipeline: every example site against itself, then every variant
 * the generator makes for `seeds`. Prints each benign variant that did not pass and each unsafe one not caught,
 * by name, and the figures overall and per site. Never asserts.
 */
export async function metamorphicFigures(seeds: readonly number[] = [1], formalBound = 10): Promise<Figure[]> {
  const outcomes: Outcome[] = [];
  const skips: Skip[] = [];
  const selfNotPass: string[] = [];
  const log = (s: string): void => void process.stdout.write(`  ${s}\n`);
  const opts = { mode: 'full' as const, formalBound };
  const sites = fleetSiteDirs(exampleFleetDir()).map(loadSiteContext);
  for (const ctx of sites) {
    const self = await verifySelf(ctx, opts);
    if (self.verdict !== 'pass') selfNotPass.push(`${ctx.id}: ${describeReport(self)}`);
    const seen = new Set<string>();
    for (const seed of seeds) {
      for (const g of generateVariants(ctx, seed)) {
        if (!isVariant(g)) {
          if (seed === seeds[0]) skips.push(g);
          continue;
        }
        const key = g.files.map((f) => f.text).join('\0');
        if (seen.has(key)) continue;
        seen.add(key);
        const v: Variant = g;
        const t0 = performance.now();
        const r = await verifyVariant(ctx, v, opts);
        const ms = performance.now() - t0;
        const benign = isBenign(v.kind);
        const caught = r.verdict === 'fail' && newEvidence(r).length > 0;
        outcomes.push({ site: ctx.id, benign, verdict: r.verdict, caught, ms });
        if (ms > 30_000) log(`slow: ${v.id} took ${(ms / 1000).toFixed(0)} s (${r.stages.map((st) => `${st.name} ${(st.durationMs / 1000).toFixed(0)} s`).join(', ')})`);
        if (benign && r.verdict !== 'pass') log(`BENIGN NOT PASSED ${v.id} (${v.description}): ${describeReport(r).replace(/\n/g, '\n    ')}`);
        if (!benign && !caught) log(`UNSAFE NOT CAUGHT ${v.id} (${v.description}): ${describeReport(r).replace(/\n/g, '\n    ')}`);
      }
    }
  }
  for (const s of selfNotPass) log(`SITE NOT CLEAN AGAINST ITSELF ${s.replace(/\n/g, '\n    ')}`);
  for (const s of skips) log(`skipped ${s.site}/${s.kind}: ${s.reason.length > 160 ? `${s.reason.slice(0, 157)}...` : s.reason}`);
  const times = outcomes.map((o) => o.ms / 1000);
  const figures: Figure[] = [
    { name: 'sites clean against themselves', value: sites.length - selfNotPass.length, unit: 'sites', note: `of ${sites.length}; target all` },
    ...rates('all sites', outcomes),
    { name: 'time per verification (median)', value: median(times), unit: 's', note: `${outcomes.length} variants, full pipeline, formal bound ${formalBound}` },
    { name: 'time per verification (max)', value: Math.max(0, ...times), unit: 's', note: 'slowest variant' },
  ];
  for (const ctx of sites) {
    const os = outcomes.filter((o) => o.site === ctx.id);
    if (os.length) figures.push(...rates(ctx.id, os));
  }
  return figures;
}

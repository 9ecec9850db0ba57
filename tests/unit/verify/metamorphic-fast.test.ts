import { beforeAll, describe, expect, test } from 'vitest';
import { exampleFleetDir } from '../../../src-main/app/paths.js';
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
  type SiteContext,
  type Variant,
} from '../../../src-main/verify/mutation-suite/metamorphic/index.js';

/**
 * The metamorphic relations in fast mode (compile + static safety) over every variant of every example site
 * for two seeds: the site verifies clean against itself; a benign variant (semantics-preserving or
 * safety-neutral) passes; an unsafe one fails with evidence the change brought in. The full pipeline runs on
 * a seeded sample in tests/integration/metamorphic.test.ts and over everything in `npm run bench`.
 */
const SEEDS = [1, 2];
let sites: SiteContext[] = [];
const variants: { ctx: SiteContext; v: Variant }[] = [];

beforeAll(() => {
  sites = fleetSiteDirs(exampleFleetDir()).map(loadSiteContext);
  const seen = new Set<string>();
  for (const ctx of sites) {
    for (const seed of SEEDS) {
      for (const v of generateVariants(ctx, seed).filter(isVariant)) {
        const k = v.files.map((f) => f.text).join('\0');
        if (seen.has(k)) continue;
        seen.add(k);
        variants.push({ ctx, v });
      }
    }
  }
}, 120_000);

describe('metamorphic relations, fast verification', () => {
  test('each example site verifies clean against itself', async () => {
    for (const ctx of sites) {
      const r = await verifySelf(ctx, { mode: 'fast' });
      expect(r.verdict, `${ctx.id}: ${describeReport(r)}`).toBe('pass');
    }
  });

  test('benign variants are never fail and pass outright', async () => {
    const wrong: string[] = [];
    for (const { ctx, v } of variants.filter((x) => isBenign(x.v.kind))) {
      const r = await verifyVariant(ctx, v, { mode: 'fast' });
      if (r.verdict !== 'pass') wrong.push(`${v.id} (${v.description}): ${describeReport(r)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  test('unsafe variants fail with new evidence', async () => {
    const missed: string[] = [];
    for (const { ctx, v } of variants.filter((x) => !isBenign(x.v.kind))) {
      const r = await verifyVariant(ctx, v, { mode: 'fast' });
      if (r.verdict !== 'fail' || newEvidence(r).length === 0) missed.push(`${v.id} (${v.description}): ${describeReport(r)}`);
    }
    expect(missed).toEqual([]);
  }, 120_000);
});

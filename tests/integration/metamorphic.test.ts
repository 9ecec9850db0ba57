import { beforeAll, describe, expect, test } from 'vitest';
import { exampleFleetDir } from '../../src-main/app/paths.js';
import {
  describeReport,
  fleetSiteDirs,
  generateVariants,
  isBenign,
  isVariant,
  loadSiteContext,
  newEvidence,
  Rng,
  verifySelf,
  verifyVariant,
  type SiteContext,
  type Variant,
} from '../../src-main/verify/mutation-suite/metamorphic/index.js';

/**
 * The metamorphic relations through the full pipeline (compile, static safety, soft-PLC simulation, formal
 * proof, judge): every example site against itself, and a small seeded sample of variants (a few benign, a
 * few unsafe, drawn over all sites). Fast mode covers every variant in tests/unit/verify/metamorphic-fast;
 * `npm run bench` runs the full pipeline over everything.
 */
const SAMPLE_SEED = 20261205;
const PER_CLASS = 5;
// Bounded so the suite stays within CI's budget on two cores; a proof cut off is an open point, never a pass.
const FULL = { mode: 'full' as const, formalBound: 8, formalTimeoutMs: 20_000, randomSequences: 12, randomScans: 200 };

/**
 * Example sites whose self-verification cannot pass yet, each with the reason the report must give: a known
 * limit of the tools (issue #10 stays open on it), not a failure hidden. When the limit is lifted the site
 * passes and this test fails until it is taken off the list.
 */
const KNOWN_LIMITS: Record<string, RegExp> = {};

let sites: SiteContext[] = [];
let sample: { ctx: SiteContext; v: Variant }[] = [];

beforeAll(() => {
  sites = fleetSiteDirs(exampleFleetDir()).map(loadSiteContext);
  const all = sites.flatMap((ctx) => generateVariants(ctx, 1).filter(isVariant).map((v) => ({ ctx, v })));
  const rng = new Rng(SAMPLE_SEED);
  const usable = all.filter((x) => !(x.ctx.id in KNOWN_LIMITS));
  sample = [...rng.shuffle(usable.filter((x) => isBenign(x.v.kind))).slice(0, PER_CLASS), ...rng.shuffle(usable.filter((x) => !isBenign(x.v.kind))).slice(0, PER_CLASS)];
}, 60_000);

describe('metamorphic relations, full pipeline', () => {
  test('each example site verifies clean against itself', async () => {
    const notClean: string[] = [];
    for (const ctx of sites) {
      const r = await verifySelf(ctx, FULL);
      const limit = KNOWN_LIMITS[ctx.id];
      if (limit) {
        if (r.verdict === 'pass' || !limit.test(describeReport(r))) notClean.push(`${ctx.id} (listed as a known limit): ${r.verdict}: ${describeReport(r)}`);
      } else if (r.verdict !== 'pass') notClean.push(`${ctx.id}: ${describeReport(r)}`);
    }
    expect(notClean).toEqual([]);
  }, 150_000);

  test('a seeded sample: benign variants pass, unsafe variants fail with new evidence', async () => {
    expect(sample.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const { ctx, v } of sample) {
      const r = await verifyVariant(ctx, v, FULL);
      if (isBenign(v.kind) ? r.verdict !== 'pass' : r.verdict !== 'fail' || newEvidence(r).length === 0) wrong.push(`${v.id} (${v.description}): ${describeReport(r)}`);
    }
    expect(wrong).toEqual([]);
  }, 150_000);
});

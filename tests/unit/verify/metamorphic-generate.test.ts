import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { exampleFleetDir } from '../../../src-main/app/paths.js';
import { buildSiteProgram } from '../../../src-main/fleet/site-program.js';
import { globToRegExp } from '../../../src-main/fleet/glob.js';
import { sourceFormat } from '../../../src-main/plc/project/read-source-file.js';
import {
  fleetSiteDirs,
  generateVariant,
  generateVariants,
  isVariant,
  KINDS,
  loadSiteContext,
  type SiteContext,
  type Variant,
} from '../../../src-main/verify/mutation-suite/metamorphic/index.js';

let sites: SiteContext[] = [];

beforeAll(() => {
  sites = fleetSiteDirs(exampleFleetDir()).map(loadSiteContext);
});

const compileErrors = (ctx: SiteContext, v: Variant): string[] =>
  buildSiteProgram(ctx.dir, ctx.config, v.files).errors.map((e) => `${e.span.file}: ${e.code} ${e.message}`);

describe('metamorphic generator over every example site', () => {
  test('the fleet has the example sites and each compiles as it is', () => {
    expect(sites.length).toBeGreaterThanOrEqual(6);
    for (const s of sites) expect(s.program.errors.map((e) => e.message), s.id).toEqual([]);
  });

  test('every kind either makes a variant or says why it does not apply, for every site', () => {
    for (const ctx of sites) {
      for (const g of generateVariants(ctx, 1)) {
        if (isVariant(g)) {
          expect(g.changed.length, g.id).toBeGreaterThan(0);
          expect(g.description.length).toBeGreaterThan(5);
        } else expect(g.reason.length, `${g.site}/${g.kind}`).toBeGreaterThan(10);
      }
    }
  });

  test('deterministic for a seed', () => {
    for (const ctx of sites.slice(0, 3)) {
      for (const kind of KINDS) expect(generateVariant(ctx, kind, 7)).toEqual(generateVariant(ctx, kind, 7));
    }
  });

  test('edits land in the container files: every changed file keeps its format and is one of the site sources', () => {
    for (const ctx of sites) {
      for (const g of generateVariants(ctx, 3).filter(isVariant)) {
        for (const path of g.changed) {
          const after = g.files.find((f) => f.path === path)!;
          const before = ctx.files.get(path);
          if (before !== undefined) expect(sourceFormat(path, after.text), g.id).toBe(sourceFormat(path, before));
          else expect(ctx.config.sources.some((glob) => globToRegExp(glob).test(path)), `${g.id}: ${path}`).toBe(true);
        }
      }
    }
  });

  test('every variant of seeds 1 and 2 parses and compiles (compile stage clean)', () => {
    const broken: string[] = [];
    for (const ctx of sites) {
      for (const seed of [1, 2]) {
        for (const g of generateVariants(ctx, seed).filter(isVariant)) {
          const errs = compileErrors(ctx, g);
          if (errs.length) broken.push(`${g.id} (${g.description}): ${errs.slice(0, 2).join('; ')}`);
        }
      }
    }
    expect(broken).toEqual([]);
  }, 60_000);

  test('property: every generated variant parses and compiles', () => {
    fc.assert(
      fc.property(fc.nat({ max: sites.length - 1 }), fc.constantFrom(...KINDS), fc.nat(), (i, kind, seed) => {
        const ctx = sites[i]!;
        const g = generateVariant(ctx, kind, seed);
        if (!isVariant(g)) return;
        expect(compileErrors(ctx, g), `${g.id}: ${g.description}`).toEqual([]);
      }),
      { numRuns: 80, seed: 20261205 },
    );
  });
});

import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compiles, firstVariant, keepsScenarios, type Acceptance, type Attempt } from './attempt.js';
import { withLadder } from './ladder-generators.js';
import { newLamp } from './neutral-lamp.js';
import { processConstant, timerPt } from './neutral-constants.js';
import { strongerCondition } from './neutral-stronger-condition.js';
import { extractFunction } from './preserving-extract-function.js';
import { addComments, reindent } from './preserving-layout.js';
import { renameInternal } from './preserving-rename.js';
import { reorderAssignments } from './preserving-reorder.js';
import { Rng, subSeed } from './random.js';
import type { SiteContext } from './site-context.js';
import { autoReset, resetToStart } from './unsafe-reset.js';
import { bypassOr, bypassSet, realBypass } from './unsafe-bypass.js';
import { selfLatchingGuard } from './unsafe-guard-latch.js';
import { secondWriter } from './unsafe-writer.js';
import { KINDS, type Generated, type VariantKind } from './variant.js';

type Generator = (ctx: SiteContext, rng: Rng) => Attempt[] | string;

/**
 * Each kind's generator, and what a candidate must pass before it is a variant: a change of behaviour that
 * is meant to be neutral keeps the site's scenarios; new code in a dialect must compile. Nothing else is
 * filtered, so a generator bug shows up in the tests rather than being skipped.
 */
const GENERATORS: Record<VariantKind, { gen: Generator; accept?: Acceptance }> = {
  'rename-internal': { gen: renameInternal },
  'reorder-assignments': { gen: reorderAssignments },
  'extract-function': { gen: extractFunction, accept: compiles },
  'add-comments': { gen: addComments },
  reindent: { gen: reindent },
  'new-lamp': { gen: newLamp },
  'stronger-condition': { gen: strongerCondition, accept: keepsScenarios },
  'timer-pt': { gen: timerPt, accept: keepsScenarios },
  'process-constant': { gen: processConstant, accept: keepsScenarios },
  'bypass-or': { gen: bypassOr },
  'bypass-set': { gen: bypassSet },
  'second-writer': { gen: secondWriter },
  'auto-reset': { gen: autoReset },
  'reset-to-start': { gen: resetToStart },
  'self-latching-guard': { gen: selfLatchingGuard },
  'real-bypass': { gen: realBypass },
};

/** One variant of `kind` for the site, or why the kind does not apply. Deterministic in (site, kind, seed). */
export function generateVariant(ctx: SiteContext, kind: VariantKind, seed: number): Generated {
  const g = GENERATORS[kind];
  return firstVariant(ctx, kind, seed, withLadder(kind, g.gen)(ctx, new Rng(subSeed(seed, `${ctx.id}/${kind}`))), g.accept);
}

/** Every kind for the site (or the kinds given), one variant each for the seed. */
export function generateVariants(ctx: SiteContext, seed: number, kinds: readonly VariantKind[] = KINDS): Generated[] {
  return kinds.map((k) => generateVariant(ctx, k, seed));
}

/** The site folders of a fleet (every folder with a site.yaml), sorted. */
export function fleetSiteDirs(fleetDir: string): string[] {
  return readdirSync(fleetDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(fleetDir, d.name, 'site.yaml')))
    .map((d) => join(fleetDir, d.name))
    .sort();
}

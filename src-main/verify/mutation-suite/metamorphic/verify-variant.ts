import { fixedClock } from '../../../app/clock.js';
import { buildSiteProgram } from '../../../fleet/site-program.js';
import { toSiteVersion } from '../../../fleet/site-version-loader.js';
import type { Finding, VerificationReport } from '../../../evidence/report.js';
import { isNew } from '../../../evidence/verdict.js';
import type { SiteVersion } from '../../../evidence/site-version.js';
import { verifyChange } from '../../pipeline.js';
import type { SiteContext } from './site-context.js';
import type { Variant } from './variant.js';

export interface VariantVerifyOptions {
  mode: 'fast' | 'full';
  formalBound?: number;
  formalTimeoutMs?: number;
  randomSequences?: number;
  randomScans?: number;
}

/** The site as it is, as the before side of a change. */
export function baseVersion(ctx: SiteContext, which: 'before' | 'after' = 'before'): SiteVersion {
  return toSiteVersion(ctx.program, which);
}

export function variantVersion(ctx: SiteContext, v: Variant): SiteVersion {
  return toSiteVersion(buildSiteProgram(ctx.dir, ctx.config, v.files), 'after');
}

const CLOCK = fixedClock('2026-01-01T00:00:00Z');

/** Verifies the site against itself (after = an unchanged copy): the baseline every variant is measured from. */
export function verifySelf(ctx: SiteContext, o: VariantVerifyOptions): Promise<VerificationReport> {
  return verifyChange(baseVersion(ctx), baseVersion(ctx, 'after'), { ...options(o), scenarios: ctx.scenarios });
}

/** Verifies the site (before) against the variant (after), declaring only what the variant declares. */
export function verifyVariant(ctx: SiteContext, v: Variant, o: VariantVerifyOptions): Promise<VerificationReport> {
  return verifyChange(baseVersion(ctx), variantVersion(ctx, v), { ...options(o), scenarios: ctx.scenarios, allowedDifferences: v.allowedDifferences });
}

function options(o: VariantVerifyOptions): Omit<Parameters<typeof verifyChange>[2], 'scenarios'> {
  return {
    mode: o.mode,
    clock: CLOCK,
    formalBound: o.formalBound ?? 10,
    formalTimeoutMs: o.formalTimeoutMs ?? 60_000,
    randomSequences: o.randomSequences ?? 20,
    randomScans: o.randomScans ?? 300,
  };
}

/** The evidence a fail rests on: error findings the change brought in (not pre-existing, not open points). */
export function newEvidence(r: VerificationReport): Finding[] {
  return r.stages.filter((s) => s.status === 'fail' || s.status === 'error').flatMap((s) => s.findings.filter((f) => isNew(f) && f.severity === 'error' && f.undecided !== true));
}

/** A line per failing or inconclusive stage, for a test message or the bench's list. */
export function describeReport(r: VerificationReport): string {
  const lines = r.stages
    .filter((s) => s.status !== 'pass' && s.status !== 'skipped')
    .map((s) => {
      const shown = s.findings.filter((f) => isNew(f) && f.severity !== 'info').map((f) => `${f.rule} ${f.message}`);
      return `${s.name}: ${s.status}: ${shown.length ? shown.slice(0, 3).join(' | ') : s.summary}`;
    });
  return `${r.verdict}${lines.length ? `\n  ${lines.join('\n  ')}` : ''}`;
}

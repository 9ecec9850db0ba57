import { proveSafetyIsolated } from './formal-isolated.js';
import { formalFindings } from '../formal/findings.js';
import { stageStatusOf } from '../evidence/verdict.js';
import type { StageResult } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';

/**
 * Formal stage: bounded model checking of the site's safety properties on the after version. A confirmed
 * violation fails the stage; a timeout, an unconfirmed counterexample or a construct that could not be encoded
 * makes it inconclusive (an open point); only "proved up to k scans" (under stated over-approximations) passes.
 */
export async function formalStage(after: SiteVersion, o: { bound: number; timeoutMs: number }): Promise<Omit<StageResult, 'durationMs'>> {
  const r = await proveSafetyIsolated(after, { bound: o.bound, timeoutMs: o.timeoutMs });
  const findings = formalFindings(r);
  const proved = r.properties.filter((p) => p.status === 'proved').length;
  const havocs = r.havocs?.length ?? 0;
  return {
    name: 'formal',
    status: stageStatusOf(findings),
    findings,
    summary: `bounded model check of ${r.properties.length} safety properties to ${r.bound} scans: ${proved} proved, ${r.properties.length - proved} not (${r.abstractions.length} abstractions stated${havocs ? `, ${havocs} of them havocs in the cone of influence` : ''})`,
  };
}

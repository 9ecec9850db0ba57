import { proveSafetyIsolated } from './formal-isolated.js';
import { formalFindings } from '../formal/findings.js';
import type { StageResult } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';

/**
 * Formal stage: bounded model checking of the site's safety properties on the after version. A property that
 * is violated, timed out or could not be encoded fails the stage: only "proved up to k scans" passes it.
 */
export async function formalStage(after: SiteVersion, o: { bound: number; timeoutMs: number }): Promise<Omit<StageResult, 'durationMs'>> {
  const r = await proveSafetyIsolated(after, { bound: o.bound, timeoutMs: o.timeoutMs });
  const findings = formalFindings(r);
  const failed = findings.some((f) => f.severity === 'error');
  const proved = r.properties.filter((p) => p.status === 'proved').length;
  return {
    name: 'formal',
    status: failed ? 'fail' : 'pass',
    findings,
    summary: `bounded model check of ${r.properties.length} safety properties to ${r.bound} scans: ${proved} proved, ${r.properties.length - proved} not (${r.abstractions.length} abstractions stated)`,
  };
}

import type { Finding } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';
import { SAFETY_RULES } from './rules/index.js';
import { buildSafetyModel, mergeSafetyModels, type SafetyModel } from './safety-model.js';

export interface SafetyCheckResult {
  findings: Finding[];
  /** The change touches safety logic or a safety variable, or a rule found a defect. */
  safetyCritical: boolean;
  reasons: string[];
}

/**
 * Runs every static safety rule on a change. The model is widened with what the before version infers, so
 * removing the code an inference came from cannot hide a safety item. A rule that fails to run is reported
 * as an error finding: nothing here ever passes on a crash.
 */
export function checkSafety(before: SiteVersion, after: SiteVersion, safety: SafetyModel): SafetyCheckResult {
  const model = mergeSafetyModels(safety, buildSafetyModel(safety.declared, before));
  const findings: Finding[] = [];
  for (const rule of SAFETY_RULES) {
    try {
      findings.push(...rule.check(before, after, model));
    } catch (err) {
      findings.push({
        rule: rule.info.id,
        severity: 'error',
        message: `${rule.info.id} could not be evaluated: ${(err as Error).message}; treated as a failure`,
        file: null,
        line: null,
        evidence: { locations: [], trace: null, facts: ['the rule threw while analysing this change; undecided is never a pass'] },
      });
    }
  }
  const reasons: string[] = [];
  for (const f of findings) {
    if (f.rule === 'SAF009' || f.severity === 'error') reasons.push(`${f.rule}: ${f.message}`);
  }
  return { findings, safetyCritical: reasons.length > 0, reasons };
}

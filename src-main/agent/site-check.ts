import type { SiteConfig } from '../../src-shared/model/site.js';
import type { Clock } from '../app/clock.js';
import { buildSiteProgram } from '../fleet/site-program.js';
import { toSiteVersion } from '../fleet/site-version-loader.js';
import { verifyChange } from '../verify/pipeline.js';
import type { VerificationReport } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';
import type { WorkingCopy } from './working-copy.js';

/** One finding the change introduced, compared with the original sources. */
export interface CheckFinding {
  stage: 'compile' | 'safety' | 'scope';
  rule: string;
  severity: 'error' | 'warning';
  file: string | null;
  line: number | null;
  message: string;
}

export interface CheckResult {
  /** No new error (compile or safety) compared with the original. */
  clean: boolean;
  findings: CheckFinding[];
  /** What the model is shown. */
  text: string;
  verdict: VerificationReport['verdict'];
  safetyCritical: boolean;
}

/**
 * Fast verification (compile + static safety, `verifyChange` mode 'fast') of the working copy against its
 * original. Only findings the change brought in are reported, each with file:line: the pipeline marks what the
 * original already has as pre-existing. An open point (the analysis could not decide) is shown as a warning:
 * it is the tools' limit, not an error the agent can fix, and the full verification reports it for review.
 */
export class SiteChecker {
  private original: SiteVersion | null = null;

  constructor(
    private readonly config: SiteConfig,
    private readonly clock: Clock,
    private readonly dir = '',
    /** false: the recipe may not touch safety logic, so a safety-critical change is an error at once. */
    private readonly mayTouchSafety = true,
  ) {}

  private version(sources: { path: string; text: string }[], v: 'before' | 'after'): SiteVersion {
    return toSiteVersion(buildSiteProgram(this.dir, this.config, sources), v);
  }

  async check(copy: WorkingCopy): Promise<CheckResult> {
    this.original ??= this.version(copy.originalSources(), 'before');
    const after = this.version(copy.sources(), 'after');
    const report = await verifyChange(this.original, after, { mode: 'fast', clock: this.clock, scenarios: [] });
    const findings: CheckFinding[] = [];
    for (const s of report.stages) {
      if (s.name !== 'compile' && s.name !== 'safety') continue;
      for (const f of s.findings) {
        if (f.severity === 'info' || f.preExisting) continue;
        const open = f.undecided === true;
        findings.push({ stage: s.name, rule: f.rule, severity: open ? 'warning' : f.severity, file: f.file, line: f.line, message: open ? `open point (the analysis could not decide): ${f.message}` : f.message });
      }
    }
    // The same scope rule the judge stage applies, told to the agent after the edit rather than after the run.
    if (!this.mayTouchSafety && report.safetyCritical) {
      findings.push({ stage: 'scope', rule: 'SCOPE-SAFETY', severity: 'error', file: null, line: null, message: `this recipe may not touch safety logic, but the change is now safety-critical: ${report.safetyCriticalReasons.join('; ')}` });
    }
    const errors = findings.filter((f) => f.severity === 'error');
    const clean = errors.length === 0;
    const head = clean
      ? `check: clean - no new compile errors or safety findings compared with the original${findings.length ? ` (${findings.length} new warning(s))` : ''}`
      : `check: FAILED - ${errors.length} new error(s) compared with the original; fix them before finishing`;
    const lines = findings.map((f) => `${f.file ?? '(site)'}${f.line !== null ? `:${f.line}` : ''}: ${f.severity} ${f.rule}: ${f.message}`);
    return { clean, findings, text: [head, ...lines].join('\n'), verdict: report.verdict, safetyCritical: report.safetyCritical };
  }
}

import type { SiteConfig } from '../../src-shared/model/site.js';
import type { Clock } from '../app/clock.js';
import { buildSiteProgram } from '../fleet/site-program.js';
import { toSiteVersion } from '../fleet/site-version-loader.js';
import { verifyChange } from '../verify/pipeline.js';
import type { Finding, VerificationReport } from '../evidence/report.js';
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

const key = (stage: string, f: Finding): string => `${stage}|${f.rule}|${f.severity}|${f.file ?? ''}|${f.message}`;

/**
 * Fast verification (compile + static safety, `verifyChange` mode 'fast') of the working copy against its
 * original. Only findings that the original does not already have are reported, each with file:line.
 */
export class SiteChecker {
  private baseline: { version: SiteVersion; known: Set<string> } | null = null;

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

  private async base(copy: WorkingCopy): Promise<{ version: SiteVersion; known: Set<string> }> {
    if (!this.baseline) {
      const version = this.version(copy.originalSources(), 'before');
      // What the original already reports against itself is not the agent's doing.
      const self = await verifyChange(version, version, { mode: 'fast', clock: this.clock, scenarios: [] });
      const known = new Set(self.stages.flatMap((s) => s.findings.map((f) => key(s.name, f))));
      this.baseline = { version, known };
    }
    return this.baseline;
  }

  async check(copy: WorkingCopy): Promise<CheckResult> {
    const { version: before, known } = await this.base(copy);
    const after = this.version(copy.sources(), 'after');
    const report = await verifyChange(before, after, { mode: 'fast', clock: this.clock, scenarios: [] });
    const findings: CheckFinding[] = [];
    for (const s of report.stages) {
      if (s.name !== 'compile' && s.name !== 'safety') continue;
      for (const f of s.findings) {
        if (f.severity === 'info' || known.has(key(s.name, f))) continue;
        findings.push({ stage: s.name, rule: f.rule, severity: f.severity, file: f.file, line: f.line, message: f.message });
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

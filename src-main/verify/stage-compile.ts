import type { Diagnostic } from '../plc/diagnostics/diagnostic.js';
import type { Finding, StageResult } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';
import { stageStatusOf } from '../evidence/verdict.js';

/** Parse and semantic diagnostics alike, each mapped to its container file by compileProject. */
function allDiagnostics(v: SiteVersion): { d: Diagnostic; inSource: boolean }[] {
  const files = new Set(v.sources.map((s) => s.path));
  return v.project.diagnostics.map((d) => ({ d, inSource: files.has(d.span.file) }));
}

/**
 * Compile stage: the after version must compile without new errors (an error the before version has too is
 * reported as pre-existing: a site that did not compile before still cannot run, which the simulation stage
 * reports); warnings it adds over the before version are reported so a reviewer sees them, but do not fail
 * the change.
 */
export function compileStage(before: SiteVersion, after: SiteVersion): Omit<StageResult, 'durationMs'> {
  const key = (x: { d: Diagnostic }): string => `${x.d.code}|${x.d.message}`;
  const known = new Set(allDiagnostics(before).map(key));
  const findings: Finding[] = [];
  for (const x of allDiagnostics(after)) {
    const isError = x.d.severity === 'error';
    if (!isError && known.has(key(x))) continue;
    if (x.d.severity === 'info') continue;
    const loc = x.inSource ? after.locate(x.d.span.file, x.d.span.start) : null;
    findings.push({
      rule: x.d.code,
      severity: isError ? 'error' : 'warning',
      message: x.d.message,
      file: loc?.file ?? x.d.span.file,
      line: loc?.line ?? null,
      evidence: { locations: loc ? [loc] : [], trace: null, facts: known.has(key(x)) ? ['also present before the change'] : ['new with this change'] },
      ...(isError && known.has(key(x)) ? { preExisting: true } : {}),
    });
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const beforeErrors = allDiagnostics(before).filter((x) => x.d.severity === 'error').length;
  return {
    name: 'compile',
    status: stageStatusOf(findings),
    findings,
    summary: `${errors} error(s) after the change (${beforeErrors} before), ${findings.length - errors} new warning(s)`,
  };
}

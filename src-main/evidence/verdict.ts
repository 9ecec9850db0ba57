import type { Finding, OpenPoint, StageName, StageResult, StageStatus, Verdict } from './report.js';

/**
 * How findings make a stage's status and stages make the verdict: one place, so no stage can count an open
 * point as a pass or a pre-existing defect against a change.
 *
 * - a new error finding (not undecided, not pre-existing) fails its stage;
 * - otherwise any undecided finding makes it inconclusive, pre-existing or not: what the tools could not decide
 *   about the version after the change is not shown to be safe because they could not decide it before either;
 * - other pre-existing findings are shown but decide nothing;
 * - any failed or errored stage fails the verdict; otherwise any inconclusive stage makes it inconclusive.
 */

/** A finding that counts against the change: brought in by it (or not known to be older). */
export const isNew = (f: Finding): boolean => f.preExisting !== true;

export function stageStatusOf(findings: readonly Finding[]): Extract<StageStatus, 'pass' | 'fail' | 'inconclusive'> {
  const fresh = findings.filter(isNew);
  if (fresh.some((f) => f.severity === 'error' && f.undecided !== true)) return 'fail';
  if (findings.some((f) => f.undecided === true)) return 'inconclusive';
  return 'pass';
}

export function verdictOf(stages: readonly Pick<StageResult, 'status'>[]): Verdict {
  if (stages.some((s) => s.status === 'fail' || s.status === 'error')) return 'fail';
  if (stages.some((s) => s.status === 'inconclusive')) return 'inconclusive';
  return 'pass';
}

/** Every undecided finding (pre-existing ones too) as an open point: what could not be decided, and where. */
export function openPointsOf(stages: readonly StageResult[]): OpenPoint[] {
  const out: OpenPoint[] = [];
  for (const s of stages) {
    let n = 0;
    for (const f of s.findings) {
      if (f.undecided !== true) continue;
      const what = f.preExisting ? `${f.message} (not decided before this change either)` : f.message;
      out.push({ id: `${s.name}:${f.rule}:${n++}`, stage: s.name as StageName, rule: f.rule, what, file: f.file, line: f.line });
    }
  }
  return out;
}

/**
 * What identifies a finding across the two versions of a change, without its place (lines move): the rule and
 * the message with line and column numbers taken out.
 */
export function findingKey(f: Finding): string {
  return `${f.rule}|${f.message.replace(/\b(line|lines|at) \d+(:\d+)?/gi, '$1 #').replace(/\d+ ms\b/g, '# ms')}`;
}

/**
 * Marks the findings that the unchanged site already has (same key in `baseline`, the stage run on the before
 * version) as pre-existing. Counted: a finding occurring twice after and once before is new once.
 */
export function markPreExisting(findings: readonly Finding[], baseline: readonly Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of baseline) left.set(findingKey(f), (left.get(findingKey(f)) ?? 0) + 1);
  return findings.map((f) => {
    const k = findingKey(f);
    const n = left.get(k) ?? 0;
    if (n <= 0 || f.severity === 'info') return f;
    left.set(k, n - 1);
    return { ...f, preExisting: true };
  });
}

/** How a finding is labelled in text: an open point and a pre-existing finding are not plain errors. */
export function findingLabel(f: Finding): string {
  if (f.preExisting) return `${f.severity} (already before this change)`;
  if (f.undecided) return 'open point';
  return f.severity;
}

import type { SiteConfig, SiteSummary } from '../../src-shared/model/site.js';
import type { Clock } from '../app/clock.js';
import { diffLines, diffStats, splitLines, unifiedDiff } from '../change/line-diff.js';
import { buildSiteProgram } from '../fleet/site-program.js';
import type { SiteSourceFile, SourceFile } from '../fleet/site-sources.js';
import { encodeSource } from '../plc/source/text-encoding.js';
import type { NewChangedFile } from '../store/changes-repo.js';
import { loadScenarios, toSiteVersion } from '../fleet/site-version-loader.js';
import type { Recipe } from '../recipe/recipe.js';
import type { Store } from '../store/store.js';
import { verifyChange } from '../verify/pipeline.js';
import type { VerificationReport } from '../evidence/report.js';
import { findingLabel } from '../evidence/verdict.js';
import type { JudgeFn } from '../verify/stage-judge.js';
import type { SiteRecorder } from './site-recorder.js';

export interface ProposedChange {
  /** Each with the encoding it was read in, which its after text is written back in. */
  files: NewChangedFile[];
  linesAdded: number;
  linesRemoved: number;
  /** The change's unified diff, all files. */
  diff: string;
}

/** The files whose text differs between the original sources and `current`, with diffs and line counts. */
export function proposedChange(original: readonly SiteSourceFile[], current: ReadonlyMap<string, string>): ProposedChange {
  const files = original
    .filter((f) => current.get(f.path) !== undefined && current.get(f.path) !== f.text)
    .map((f) => {
      const after = current.get(f.path)!;
      return { path: f.path, before: f.text, after, unifiedDiff: unifiedDiff(f.path, f.text, after), encoding: f.encoding };
    });
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const f of files) {
    const s = diffStats(diffLines(splitLines(f.before), splitLines(f.after)));
    linesAdded += s.added;
    linesRemoved += s.removed;
  }
  return { files, linesAdded, linesRemoved, diff: files.map((f) => f.unifiedDiff).join('') };
}

/**
 * The texts with each file's byte order mark as it was read. A BOM is how the file is encoded, not what it says,
 * and an edit that replaced the first line may drop the invisible U+FEFF (or copy one in): the file's first
 * bytes stay as they were either way.
 */
export function keepByteOrderMarks(original: readonly SiteSourceFile[], current: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(current);
  for (const f of original) {
    const text = out.get(f.path);
    if (text === undefined) continue;
    const had = f.text.charCodeAt(0) === 0xfeff;
    const has = text.charCodeAt(0) === 0xfeff;
    if (had && !has) out.set(f.path, `\uFEFF${text}`);
    else if (!had && has) out.set(f.path, text.slice(1));
  }
  return out;
}

/**
 * Why `current` cannot be offered as a change: the first changed file whose new text cannot be written back in
 * the file's own encoding (a character its code page lacks, a BOM removed), as `path:line:column: what`. A change
 * that cannot be written byte for byte is never stored; null when every changed file can be.
 */
export function unwritableChange(original: readonly SiteSourceFile[], current: ReadonlyMap<string, string>): string | null {
  for (const f of original) {
    const after = current.get(f.path);
    if (after === undefined || after === f.text) continue;
    const r = encodeSource(after, f.encoding);
    if (!r.ok) return `${f.path}:${r.line}:${r.column}: ${r.what}`;
  }
  return null;
}

export interface VerifyRequest {
  site: SiteSummary;
  config: SiteConfig;
  recipe: Recipe;
  original: readonly SourceFile[];
  current: ReadonlyMap<string, string>;
  mode: 'fast' | 'full';
  clock: Clock;
  judge?: JudgeFn;
}

/** Runs the verification pipeline on the site as `current` has it against the original sources. */
export async function verifySiteChange(r: VerifyRequest): Promise<VerificationReport> {
  const afterSources = r.original.map((f) => ({ path: f.path, text: r.current.get(f.path) ?? f.text }));
  const before = toSiteVersion(buildSiteProgram(r.site.dir, r.config, [...r.original]), 'before');
  const after = toSiteVersion(buildSiteProgram(r.site.dir, r.config, afterSources), 'after');
  return verifyChange(before, after, {
    mode: r.mode,
    clock: r.clock,
    scenarios: loadScenarios(r.site.dir, [...r.config.scenarios, ...r.recipe.requiredScenarios], r.site.root),
    allowedDifferences: r.recipe.allowedDifferences,
    scope: { recipeId: r.recipe.id, touchesSafety: r.recipe.touchesSafety },
    ...(r.judge ? { judge: r.judge } : {}),
  });
}

/** Stores the change, its report and the link from the site's recorded steps, in one transaction. */
export function storeChange(store: Store, recorder: SiteRecorder, c: { runId: number; config: SiteConfig; siteDir: string; recipeId: string; createdAt: string; change: ProposedChange; report: VerificationReport }): number {
  return store.db.transaction(() => {
    const id = store.changes.insert({
      runId: c.runId,
      siteId: c.config.id,
      siteDir: c.siteDir,
      recipeId: c.recipeId,
      createdAt: c.createdAt,
      files: c.change.files,
      linesAdded: c.change.linesAdded,
      linesRemoved: c.change.linesRemoved,
    });
    store.verifications.insert(id, c.report);
    recorder.link(id);
    return id;
  })();
}

/** One line per stage, for the step log and the progress output. */
export function reportLines(report: VerificationReport): string[] {
  return report.stages.flatMap((s) => [
    `${s.name}: ${s.status} - ${s.summary}`,
    ...s.findings.filter((f) => f.severity !== 'info').map((f) => `  ${findingLabel(f)} ${f.rule}${f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : ''}: ${f.message}`),
  ]);
}

/** Error, warning and open-point findings the change brought in (what the site already had is not counted). */
export function findingCount(report: VerificationReport): number {
  return report.stages.reduce((n, s) => n + s.findings.filter((f) => f.severity !== 'info' && !f.preExisting).length, 0);
}

/** The verdict in a phrase for the run's table and messages. */
export function verdictPhrase(report: VerificationReport): string {
  if (report.verdict === 'pass') return 'verification passed';
  if (report.verdict === 'inconclusive') return `verification INCONCLUSIVE (${report.openPoints.length} open point(s); not shown to be safe)`;
  const failed = report.stages.filter((x) => x.status === 'fail' || x.status === 'error').map((x) => x.name);
  return `verification FAILED (${failed.join(', ')})`;
}

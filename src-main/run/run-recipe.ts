import type { RunResult, SiteRunResult } from '../../src-shared/model/change.js';
import type { FleetSummary, SiteSummary } from '../../src-shared/model/site.js';
import { AppError, errorMessage } from '../app/app-error.js';
import type { Clock } from '../app/clock.js';
import { diffLines, diffStats, splitLines, unifiedDiff } from '../change/line-diff.js';
import { isRunnable, siteId } from '../fleet/load-fleet.js';
import { readSiteSources, type SourceFile } from '../fleet/site-sources.js';
import { appliesToPlatform, type Recipe } from '../recipe/recipe.js';
import { findTransform } from '../recipe/transforms/registry.js';
import type { Store } from '../store/store.js';
import { buildSiteProgram } from '../fleet/site-program.js';
import { loadScenarios, toSiteVersion } from '../fleet/site-version-loader.js';
import { verifyChange } from '../verify/pipeline.js';
import { unmetPrecondition } from './preconditions.js';

export interface RunProgress {
  runId: number;
  siteId: string;
  phase: 'started' | 'finished';
  status: SiteRunResult['status'] | null;
  message: string;
}

export interface RunRequest {
  fleet: FleetSummary;
  recipe: Recipe;
  /** Empty means every site. */
  siteIds: readonly string[];
  /** Sites left out (an unknown id is an error, like in siteIds). */
  excludeIds?: readonly string[];
  store: Store;
  clock: Clock;
  /** How each proposed change is verified before it is offered for review (default full). */
  verification?: 'fast' | 'full';
  onProgress?: (p: RunProgress) => void;
}

/** Picks the requested sites; an unknown id is an error before anything runs, never a silent skip. */
export function selectSites(fleet: FleetSummary, ids: readonly string[], exclude: readonly string[] = []): SiteSummary[] {
  const unknown = [...ids, ...exclude].filter((id) => !fleet.sites.some((s) => siteId(s) === id));
  if (unknown.length) {
    const known = fleet.sites.map(siteId).join(', ') || 'none';
    throw new AppError('invalid-input', `unknown site ${unknown.map((u) => `"${u}"`).join(', ')} in ${fleet.path}; sites: ${known}`, unknown);
  }
  return fleet.sites.filter((s) => (ids.length === 0 || ids.includes(siteId(s))) && !exclude.includes(siteId(s)));
}

/**
 * Runs one recipe over the chosen sites. The fleet folder is only read: every result is a proposed change in
 * the store, waiting for review. One site's failure is recorded and the run goes on with the next site.
 */
export async function runRecipe(req: RunRequest): Promise<RunResult> {
  const { fleet, recipe, store, clock } = req;
  const sites = selectSites(fleet, req.siteIds, req.excludeIds ?? []);
  const startedAt = clock.now().toISOString();
  const runId = store.runs.create(recipe.id, fleet.path, startedAt);
  const results: SiteRunResult[] = [];
  try {
    for (const site of sites) {
      const id = siteId(site);
      req.onProgress?.({ runId, siteId: id, phase: 'started', status: null, message: `running ${recipe.id}` });
      const t0 = performance.now();
      const partial = await runSite(site, recipe, runId, req);
      const result: SiteRunResult = { ...partial, siteId: id, durationMs: Math.round((performance.now() - t0) * 10) / 10 };
      results.push(result);
      req.onProgress?.({ runId, siteId: id, phase: 'finished', status: result.status, message: result.message });
      // Yield so progress events reach the UI between sites.
      await new Promise((r) => setImmediate(r));
    }
  } catch (err) {
    store.runs.finish(runId, 'failed', clock.now().toISOString());
    throw err;
  }
  const finishedAt = clock.now().toISOString();
  store.runs.finish(runId, 'finished', finishedAt);
  return { runId, recipeId: recipe.id, fleetPath: fleet.path, startedAt, finishedAt, sites: results };
}

type SiteOutcome = Omit<SiteRunResult, 'siteId' | 'durationMs'>;

async function runSite(site: SiteSummary, recipe: Recipe, runId: number, req: RunRequest): Promise<SiteOutcome> {
  const none = { changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false };
  if (!isRunnable(site) || !site.config) {
    const first = site.problems[0];
    const where = first ? `${first.file}${first.line ? `:${first.line}` : ''}: ${first.message}` : 'site is not runnable';
    const more = site.problems.length > 1 ? ` (+${site.problems.length - 1} more)` : '';
    return { ...none, status: 'failed', message: where + more };
  }
  const config = site.config;
  if (!appliesToPlatform(recipe, config.platform)) {
    return { ...none, status: 'skipped', message: `recipe applies to ${recipe.appliesTo.join(', ')}, site is ${config.platform}` };
  }
  if (recipe.transforms.length === 0) {
    return { ...none, status: 'skipped', message: 'recipe has no deterministic steps and the agent is not available in this build' };
  }
  try {
    const original = readSiteSources(site);
    const unmet = unmetPrecondition(recipe, site.dir, config, original);
    if (unmet) return { ...none, status: 'skipped', message: unmet };
    let current = new Map<string, string>(original.map((f) => [f.path, f.text]));
    const ctx = { site: config, runId, recipeId: recipe.id, recipeTitle: recipe.title, date: req.clock.now().toISOString().slice(0, 10) };
    for (const tid of recipe.transforms) {
      const transform = findTransform(tid);
      if (!transform) throw new AppError('bad-data', `${recipe.file}: unknown transform "${tid}"`);
      const files: SourceFile[] = [...current].map(([path, text]) => ({ path, text }));
      const changed = transform.apply(files, ctx);
      current = new Map(current);
      for (const f of changed) {
        if (!current.has(f.path)) throw new Error(`transform ${tid} wrote ${f.path}, which is not a source of the site`);
        current.set(f.path, f.text);
      }
    }
    const files = original
      .filter((f) => current.get(f.path) !== f.text)
      .map((f) => {
        const after = current.get(f.path)!;
        return { path: f.path, before: f.text, after, unifiedDiff: unifiedDiff(f.path, f.text, after) };
      });
    if (files.length === 0) return { ...none, status: 'unchanged', message: 'nothing to change' };
    let linesAdded = 0;
    let linesRemoved = 0;
    for (const f of files) {
      const s = diffStats(diffLines(splitLines(f.before), splitLines(f.after)));
      linesAdded += s.added;
      linesRemoved += s.removed;
    }
    // Every proposed change goes through the verification pipeline before anyone sees it for review.
    const afterSources = original.map((f) => ({ path: f.path, text: current.get(f.path)! }));
    const before = toSiteVersion(buildSiteProgram(site.dir, config, original), 'before');
    const after = toSiteVersion(buildSiteProgram(site.dir, config, afterSources), 'after');
    const report = await verifyChange(before, after, {
      mode: req.verification ?? 'full',
      clock: req.clock,
      scenarios: loadScenarios(site.dir, [...config.scenarios, ...recipe.requiredScenarios]),
      allowedDifferences: recipe.allowedDifferences,
    });
    const changeId = req.store.db.transaction(() => {
      const id = req.store.changes.insert({
        runId,
        siteId: config.id,
        siteDir: site.dir,
        recipeId: recipe.id,
        createdAt: req.clock.now().toISOString(),
        files,
        linesAdded,
        linesRemoved,
      });
      req.store.verifications.insert(id, report);
      return id;
    })();
    const failedStages = report.stages.filter((x) => x.status === 'fail' || x.status === 'error').map((x) => x.name);
    const verdict = report.verdict === 'pass' ? 'verification passed' : `verification FAILED (${failedStages.join(', ')})`;
    return {
      changeId,
      filesChanged: files.length,
      linesAdded,
      linesRemoved,
      status: 'changed',
      message: `change #${changeId}: ${verdict}${report.safetyCritical ? ', safety-critical' : ''}; awaits review`,
      verdict: report.verdict,
      safetyCritical: report.safetyCritical,
    };
  } catch (err) {
    return { ...none, status: 'failed', message: errorMessage(err) };
  }
}

import type { RunResult, SiteRunResult } from '../../src-shared/model/change.js';
import type { FleetSummary, SiteSummary } from '../../src-shared/model/site.js';
import { AppError } from '../app/app-error.js';
import type { Clock } from '../app/clock.js';
import { siteId } from '../fleet/load-fleet.js';
import type { LlmProvider } from '../llm/provider.js';
import type { Recipe } from '../recipe/recipe.js';
import { claimSite, endRun, reconcileStaleRuns, siteEnded, unfinishedSite } from '../store/run-lifecycle.js';
import { HEARTBEAT_MS } from '../store/run-owner.js';
import type { Store } from '../store/store.js';
import { trackRun, untrackRun } from './active-runs.js';
import { runSite } from './run-site.js';

export interface RunProgress {
  runId: number;
  siteId: string;
  /** step: something happened within the site (a transform, an agent tool call, a verification, the judge). */
  phase: 'started' | 'step' | 'finished';
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
  /** The model for the agent and the judge; null or absent: deterministic steps only, and every report says so. */
  provider?: LlmProvider | null;
  /** Model requests per agent attempt (default 10). */
  maxTurns?: number;
  signal?: AbortSignal;
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
 * the store, waiting for review. One site's failure is recorded and the run goes on with the next site. Sites
 * run one after another so the model's cached recipe prompt carries over from one site to the next.
 *
 * The run is owned by this process (pid, host, start time) and keeps a heartbeat; runs left running by a
 * process that is gone are marked interrupted first. Each site is claimed before it is worked on: a site that
 * another live run (in this process or another) has claimed is skipped with a message naming that run, so two
 * runs never both propose a change for one site. Claims are released when the run ends.
 */
export async function runRecipe(req: RunRequest): Promise<RunResult> {
  const { fleet, recipe, store, clock } = req;
  const sites = selectSites(fleet, req.siteIds, req.excludeIds ?? []);
  reconcileStaleRuns(store, clock.now());
  const startedAt = clock.now().toISOString();
  const runId = store.runs.create(recipe.id, fleet.path, startedAt);
  const run = trackRun({ store, runId, clock, pending: sites.map(siteId) });
  const beat = setInterval(() => {
    try {
      if (!run.interrupted && store.isOpen) store.runs.heartbeat(runId, clock.now().toISOString());
    } catch {
      // A database busy beyond its timeout: the next beat tries again (the lease is many beats long).
    }
  }, HEARTBEAT_MS);
  beat.unref();
  const results: SiteRunResult[] = [];
  try {
    for (const site of sites) {
      const id = siteId(site);
      if (run.interrupted) break;
      run.pending = run.pending.filter((p) => p !== id);
      if (req.signal?.aborted) {
        // A cancelled run ends cleanly: the sites not reached say so, and nothing half-done is stored.
        const notRun = unfinishedSite(id, 'not run: the run was cancelled');
        results.push(notRun);
        store.runs.recordSite(runId, notRun);
        continue;
      }
      const claim = claimSite(store, fleet.path, id, runId, clock.now());
      if (!claim.taken) {
        const skipped: SiteRunResult = { ...unfinishedSite(id, claim.message), status: 'skipped' };
        results.push(skipped);
        store.runs.recordSite(runId, skipped);
        req.onProgress?.({ runId, siteId: id, phase: 'finished', status: skipped.status, message: skipped.message });
        continue;
      }
      req.onProgress?.({ runId, siteId: id, phase: 'started', status: null, message: `running ${recipe.id}` });
      const t0 = performance.now();
      const partial = await runSite(site, recipe, runId, req, (message) => req.onProgress?.({ runId, siteId: id, phase: 'step', status: null, message }));
      // Interrupted meanwhile (a signal in the hosting process): the run is already recorded as interrupted.
      if (run.interrupted) break;
      const result: SiteRunResult = { ...partial, siteId: id, durationMs: Math.round((performance.now() - t0) * 10) / 10 };
      results.push(result);
      siteEnded(store, fleet.path, runId, result);
      req.onProgress?.({ runId, siteId: id, phase: 'finished', status: result.status, message: result.message });
      // Yield so progress events reach the UI between sites.
      await new Promise((r) => setImmediate(r));
    }
  } catch (err) {
    if (!run.interrupted) endRun(store, runId, 'failed', clock.now());
    throw err;
  } finally {
    clearInterval(beat);
    untrackRun(run);
  }
  const finishedAt = clock.now().toISOString();
  if (!run.interrupted) endRun(store, runId, req.signal?.aborted ? 'failed' : 'finished', clock.now());
  return { runId, recipeId: recipe.id, fleetPath: fleet.path, startedAt, finishedAt, sites: results };
}

import type { RunResult, SiteRunResult } from '../../src-shared/model/change.js';
import type { FleetSummary, SiteSummary } from '../../src-shared/model/site.js';
import { AppError } from '../app/app-error.js';
import type { Clock } from '../app/clock.js';
import { siteId } from '../fleet/load-fleet.js';
import type { LlmProvider } from '../llm/provider.js';
import type { Recipe } from '../recipe/recipe.js';
import type { Store } from '../store/store.js';
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
      if (req.signal?.aborted) {
        // A cancelled run ends cleanly: the sites not reached say so, and nothing half-done is stored.
        const notRun: SiteRunResult = { siteId: id, status: 'failed', changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false, findings: 0, agent: 'not run', judge: '-', llm: { requests: 0, promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, prefixHits: 0, modelMs: 0 }, message: 'not run: the run was cancelled', durationMs: 0 };
        results.push(notRun);
        store.runs.recordSite(runId, notRun);
        continue;
      }
      req.onProgress?.({ runId, siteId: id, phase: 'started', status: null, message: `running ${recipe.id}` });
      const t0 = performance.now();
      const partial = await runSite(site, recipe, runId, req, (message) => req.onProgress?.({ runId, siteId: id, phase: 'step', status: null, message }));
      const result: SiteRunResult = { ...partial, siteId: id, durationMs: Math.round((performance.now() - t0) * 10) / 10 };
      results.push(result);
      store.runs.recordSite(runId, result);
      req.onProgress?.({ runId, siteId: id, phase: 'finished', status: result.status, message: result.message });
      // Yield so progress events reach the UI between sites.
      await new Promise((r) => setImmediate(r));
    }
  } catch (err) {
    store.runs.finish(runId, 'failed', clock.now().toISOString());
    throw err;
  }
  const finishedAt = clock.now().toISOString();
  store.runs.finish(runId, req.signal?.aborted ? 'failed' : 'finished', finishedAt);
  return { runId, recipeId: recipe.id, fleetPath: fleet.path, startedAt, finishedAt, sites: results };
}

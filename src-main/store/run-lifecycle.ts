import type { RunStatus, SiteRunResult } from '../../src-shared/model/change.js';
import { ownerAlive, thisProcess, type StoredOwner } from './run-owner.js';
import type { Store } from './store.js';

// How a run is started, owned, ended and, when its process is gone, found and marked interrupted. Everything here
// that reads and then writes does it in one immediate transaction, so two processes on one database decide in turn.

/** A site claimed by another run that is still alive: the message says which run and which process. */
export type ClaimOutcome = { taken: true } | { taken: false; runId: number; message: string };

/** The result recorded for a site that did not run to its end (not reached, or interrupted while it ran). */
export function unfinishedSite(siteId: string, message: string): SiteRunResult {
  return {
    siteId,
    status: 'failed',
    changeId: null,
    filesChanged: 0,
    linesAdded: 0,
    linesRemoved: 0,
    message,
    durationMs: 0,
    verdict: null,
    safetyCritical: false,
    findings: 0,
    agent: 'not run',
    judge: '-',
    llm: { requests: 0, promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, prefixHits: 0, modelMs: 0 },
  };
}

/** "pid 123" or "pid 123 on host-b": who owns a run, as a person reads it. */
export function describeOwner(o: StoredOwner): string {
  if (o.pid === null) return 'an earlier Plantshift that recorded no owner';
  return `pid ${o.pid}${o.host !== null && o.host !== thisProcess().host ? ` on ${o.host}` : ''}`;
}

/**
 * Takes a site of a fleet for a run before the run works on it. The site is not taken (the run skips it, with
 * a message naming the other run and its process) while another live run is working on it, or when another
 * run that ran while this one did has already proposed a change for it: so two runs never both propose a
 * change for one site, whichever order they reach it in. A claim whose run's process is gone is taken over,
 * and that run is marked interrupted first.
 */
export function claimSite(store: Store, fleetPath: string, siteId: string, runId: number, now: Date): ClaimOutcome {
  return store.db
    .transaction((): ClaimOutcome => {
      const held = store.claims.get(fleetPath, siteId);
      if (held && held.runId !== runId && held.runStatus === 'running') {
        if (ownerAlive(held.owner, now)) return { taken: false, runId: held.runId, message: `being run by run ${held.runId} (${describeOwner(held.owner)})` };
        interruptRun(store, held.runId, goneReason(held.owner), now);
      }
      const done = store.claims.changeByOverlappingRun(fleetPath, siteId, runId);
      if (done) return { taken: false, runId: done.runId, message: `run ${done.runId} (${describeOwner(done.owner)}), running at the same time, already proposed change #${done.changeId}` };
      store.claims.put(fleetPath, siteId, runId, now.toISOString());
      return { taken: true };
    })
    .immediate();
}

/** Records how a site ended and releases its claim. */
export function siteEnded(store: Store, fleetPath: string, runId: number, result: SiteRunResult): void {
  store.db.transaction(() => {
    store.runs.recordSite(runId, result);
    store.claims.release(fleetPath, result.siteId, runId);
  })();
}

/** Ends a run and releases every site it still claims. */
export function endRun(store: Store, runId: number, status: Exclude<RunStatus, 'running'>, now: Date): void {
  store.db.transaction(() => {
    store.runs.finish(runId, status, now.toISOString());
    store.claims.releaseRun(runId);
  })();
}

/**
 * Marks a running run interrupted: each site it was working on (a claim, or recorded steps without a recorded
 * end) is recorded as failed with the reason, its claims are released and the run gets its finished
 * time. A run that has already ended is left as it is. Returns whether the run was marked.
 */
export function interruptRun(store: Store, runId: number, why: string, now: Date): boolean {
  return store.db
    .transaction((): boolean => {
      if (store.runs.get(runId)?.status !== 'running') return false;
      const working = store.claims.ofRun(runId).map((c) => c.siteId);
      for (const siteId of new Set([...working, ...store.steps.sitesOfRun(runId)])) {
        if (!store.runs.hasSite(runId, siteId)) store.runs.recordSite(runId, unfinishedSite(siteId, `interrupted: ${why}`));
      }
      store.claims.releaseRun(runId);
      store.runs.finish(runId, 'interrupted', now.toISOString());
      return true;
    })
    .immediate();
}

/** Finds the runs still marked running whose process is gone and marks them interrupted; returns their ids. */
export function reconcileStaleRuns(store: Store, now: Date): number[] {
  const stale = store.runs.running().filter((r) => !ownerAlive(r.owner, now));
  return stale.filter((r) => interruptRun(store, r.id, goneReason(r.owner), now)).map((r) => r.id);
}

function goneReason(o: StoredOwner): string {
  return o.pid === null ? 'left running by an earlier Plantshift that recorded no owner' : `the process that ran it (${describeOwner(o)}) ended before the run did`;
}

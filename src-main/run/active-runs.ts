import type { Clock } from '../app/clock.js';
import { interruptRun, unfinishedSite } from '../store/run-lifecycle.js';
import type { Store } from '../store/store.js';

/** A run in progress in this process, as a signal handler needs to see it. */
export interface ActiveRun {
  readonly store: Store;
  readonly runId: number;
  readonly clock: Clock;
  /** Sites not started yet, in run order. */
  pending: string[];
  /** Set once the run was marked interrupted: the run writes nothing more. */
  interrupted: boolean;
}

const active = new Set<ActiveRun>();

export function trackRun(run: Omit<ActiveRun, 'interrupted'>): ActiveRun {
  const entry: ActiveRun = { ...run, interrupted: false };
  active.add(entry);
  return entry;
}

export function untrackRun(run: ActiveRun): void {
  active.delete(run);
}

/**
 * Marks every run in progress in this process interrupted, synchronously, so a signal handler can do it and
 * exit: the site being worked on and the sites not reached are recorded as failed with the reason, claims are
 * released. Writes made by better-sqlite3 are synchronous, so no transaction is ever half done when this runs.
 * Returns the ids of the runs marked.
 */
export function interruptActiveRuns(why: string): number[] {
  const marked: number[] = [];
  for (const run of active) {
    run.interrupted = true;
    if (!run.store.isOpen) continue;
    const now = run.clock.now();
    const done = run.store.db.transaction(() => {
      for (const siteId of run.pending) if (!run.store.runs.hasSite(run.runId, siteId)) run.store.runs.recordSite(run.runId, unfinishedSite(siteId, `not run: ${why}`));
      return interruptRun(run.store, run.runId, why, now);
    })();
    if (done) marked.push(run.runId);
  }
  return marked;
}

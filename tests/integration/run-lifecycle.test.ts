import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteRunResult } from '../../src-shared/model/change.js';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { cliMain } from '../../src-main/cli/main.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { loadRecipes, requireRecipe } from '../../src-main/recipe/load-recipes.js';
import { runRecipe } from '../../src-main/run/run-recipe.js';
import { claimSite, endRun, reconcileStaleRuns, siteEnded, unfinishedSite } from '../../src-main/store/run-lifecycle.js';
import { processStartTime, type RunOwner } from '../../src-main/store/run-owner.js';
import { Store } from '../../src-main/store/store.js';
import { copyExampleFleet, REPO, tempDir } from '../helpers/temp.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const FLEET = '/fleet';
const opened: Store[] = [];

function open(file: string): Store {
  const s = Store.open(file);
  opened.push(s);
  return s;
}

afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  expect(processStartTime(r.pid!)).toBeNull();
  return r.pid!;
}

function addChange(store: Store, runId: number, siteId: string): number {
  return store.changes.insert({ runId, siteId, siteDir: `${FLEET}/${siteId}`, recipeId: 'revision-note', createdAt: NOW.toISOString(), files: [], linesAdded: 0, linesRemoved: 0 });
}

function changed(siteId: string, changeId: number): SiteRunResult {
  return { ...unfinishedSite(siteId, `change #${changeId}`), status: 'changed', changeId };
}

describe('site claims across two Store instances on one database file', () => {
  it('a site another live run is working on, or changed while both ran, is skipped naming that run and its pid', () => {
    const file = join(tempDir(), 'plantshift.db');
    const a = open(file);
    const b = open(file);
    const runA = a.runs.create('revision-note', FLEET, NOW.toISOString());
    const runB = b.runs.create('revision-note', FLEET, NOW.toISOString());

    expect(claimSite(a, FLEET, 'press-line-2', runA, NOW)).toEqual({ taken: true });
    expect(claimSite(b, FLEET, 'press-line-2', runB, NOW)).toEqual({ taken: false, runId: runA, message: `being run by run ${runA} (pid ${process.pid})` });
    // The same site of another fleet is another site.
    expect(claimSite(b, '/other-fleet', 'press-line-2', runB, NOW)).toEqual({ taken: true });

    const changeId = addChange(a, runA, 'press-line-2');
    siteEnded(a, FLEET, runA, changed('press-line-2', changeId));
    const again = claimSite(b, FLEET, 'press-line-2', runB, NOW);
    expect(again).toMatchObject({ taken: false, runId: runA });
    expect(again.taken ? '' : again.message).toBe(`run ${runA} (pid ${process.pid}), running at the same time, already proposed change #${changeId}`);

    // A site the other run ended without a change may be run again.
    expect(claimSite(a, FLEET, 'pump-station-6', runA, NOW)).toEqual({ taken: true });
    siteEnded(a, FLEET, runA, { ...unfinishedSite('pump-station-6', 'no change'), status: 'unchanged' });
    expect(claimSite(b, FLEET, 'pump-station-6', runB, NOW)).toEqual({ taken: true });

    // Run A ends while B still runs: B still does not redo A's change; a run started afterwards does.
    endRun(a, runA, 'finished', NOW);
    expect(a.claims.ofRun(runA)).toEqual([]);
    expect(claimSite(b, FLEET, 'press-line-2', runB, NOW).taken).toBe(false);
    const runC = b.runs.create('revision-note', FLEET, NOW.toISOString());
    expect(claimSite(b, FLEET, 'press-line-2', runC, NOW)).toEqual({ taken: true });
  });

  it("a dead owner's claim is taken over and its run is marked interrupted, the site it was working on recorded", () => {
    const file = join(tempDir(), 'plantshift.db');
    const a = open(file);
    const b = open(file);
    const pid = deadPid();
    const dead: RunOwner = { pid, host: hostname(), token: 'an-earlier-process', start: '12345' };
    const runD = a.runs.create('revision-note', FLEET, NOW.toISOString(), dead);
    expect(claimSite(a, FLEET, 'press-line-2', runD, NOW)).toEqual({ taken: true });

    const runB = b.runs.create('revision-note', FLEET, NOW.toISOString());
    expect(claimSite(b, FLEET, 'press-line-2', runB, NOW)).toEqual({ taken: true });
    expect(b.runs.get(runD)).toMatchObject({ status: 'interrupted', finishedAt: NOW.toISOString() });
    expect(b.runs.sites(runD)).toEqual([expect.objectContaining({ siteId: 'press-line-2', status: 'failed', message: `interrupted: the process that ran it (pid ${pid}) ended before the run did` })]);
    expect(b.claims.get(FLEET, 'press-line-2')?.runId).toBe(runB);
  });
});

describe('reconcileStaleRuns', () => {
  it('marks interrupted exactly the running runs whose process is gone', () => {
    const store = open(join(tempDir(), 'plantshift.db'));
    const at = NOW.toISOString();
    const mine = store.runs.create('revision-note', FLEET, at);
    const gone = store.runs.create('revision-note', FLEET, at, { pid: deadPid(), host: hostname(), token: 'a', start: '1' });
    // The pid exists (it is ours) but started at another time: an earlier process whose pid was reused.
    const reused = store.runs.create('revision-note', FLEET, at, { pid: process.pid, host: hostname(), token: 'b', start: '1' });
    const farFresh = store.runs.create('revision-note', FLEET, at, { pid: 1, host: 'another-host', token: 'c', start: '1' });
    const farStale = store.runs.create('revision-note', FLEET, new Date(NOW.getTime() - 3_600_000).toISOString(), { pid: 1, host: 'another-host', token: 'd', start: '1' });
    store.db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?').run(new Date(NOW.getTime() - 3_600_000).toISOString(), farStale);
    const finished = store.runs.create('revision-note', FLEET, at, { pid: deadPid(), host: hostname(), token: 'e', start: '1' });
    store.runs.finish(finished, 'finished', at);
    // A run from before owners were recorded.
    store.db.prepare("UPDATE runs SET owner_pid = NULL, owner_token = NULL WHERE id = ?").run(gone);

    expect(reconcileStaleRuns(store, NOW)).toEqual([gone, reused, farStale]);
    const status = (id: number): string | undefined => store.runs.get(id)?.status;
    expect([mine, gone, reused, farFresh, farStale, finished].map(status)).toEqual(['running', 'interrupted', 'interrupted', 'running', 'interrupted', 'finished']);
    expect(reconcileStaleRuns(store, NOW)).toEqual([]);
  });
});

describe('two runs of one recipe at once on one database', () => {
  it('never propose two changes for one site; the other run skips it naming the run', async () => {
    const dir = copyExampleFleet();
    const file = join(tempDir(), 'plantshift.db');
    const recipe = requireRecipe(loadRecipes(promptsDir()), 'revision-note');
    const sites = ['conveyor-line-1', 'press-line-2', 'pump-station-6'];
    const run = (store: Store): ReturnType<typeof runRecipe> =>
      runRecipe({ fleet: openFleet(dir), recipe, siteIds: sites, store, clock: fixedClock('2026-11-25T10:00:00Z'), verification: 'fast', provider: null });
    const a = open(file);
    const b = open(file);
    const [ra, rb] = await Promise.all([run(a), run(b)]);

    const perSite = a.db.prepare('SELECT site_id AS siteId, COUNT(*) AS n FROM changes GROUP BY site_id ORDER BY site_id').all();
    expect(perSite).toEqual(sites.map((siteId) => ({ siteId, n: 1 })));
    for (const siteId of sites) {
      const outcomes = [ra, rb].map((r) => r.sites.find((s) => s.siteId === siteId)!);
      expect(outcomes.filter((o) => o.status === 'changed')).toHaveLength(1);
      const other = outcomes.find((o) => o.status !== 'changed')!;
      expect(other.status).toBe('skipped');
      expect(other.message).toMatch(new RegExp(`^(being run by run \\d+ \\(pid ${process.pid}\\)|run \\d+ \\(pid ${process.pid}\\), running at the same time, already proposed change #\\d+)$`));
    }
    expect([a.runs.get(ra.runId)?.status, a.runs.get(rb.runId)?.status]).toEqual(['finished', 'finished']);
    expect(a.db.prepare('SELECT COUNT(*) AS n FROM site_claims').get()).toEqual({ n: 0 });
  });
});

describe('plantshift log', () => {
  it('shows a run left running by a process that is gone as interrupted, and a live one with its pid', async () => {
    const file = join(tempDir(), 'plantshift.db');
    const store = open(file);
    const gone = store.runs.create('revision-note', FLEET, NOW.toISOString(), { pid: deadPid(), host: hostname(), token: 'a', start: '1' });
    expect(claimSite(store, FLEET, 'press-line-2', gone, NOW)).toEqual({ taken: true });
    const live = store.runs.create('revision-note', FLEET, NOW.toISOString());
    store.close();
    const log = async (run: number): Promise<string> => {
      let out = '';
      const code = await cliMain(['log', String(run), '--db', file], { out: (t) => (out += t), err: (t) => (out += t), clock: fixedClock('2026-11-26T08:00:00Z'), cwd: REPO });
      expect(code, out).toBe(0);
      return out;
    };
    const first = await log(gone);
    expect(first).toContain(`Run ${gone}: revision-note on ${FLEET}, started ${NOW.toISOString()}, interrupted 2026-11-26T08:00:00.000Z`);
    expect(first).toMatch(/press-line-2: failed - interrupted: the process that ran it \(pid \d+\) ended before the run did/);
    expect(await log(live)).toContain(`running (pid ${process.pid})`);
  });
});

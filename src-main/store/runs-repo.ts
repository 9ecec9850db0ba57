import type { RunStatus, SiteRunResult } from '../../src-shared/model/change.js';
import type { Db } from './database.js';
import { thisProcess, type RunOwner, type StoredOwner } from './run-owner.js';

export interface RunRow {
  id: number;
  recipeId: string;
  fleetPath: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
}

/** A run still marked running, with the process that owns it. */
export interface RunningRun {
  id: number;
  owner: StoredOwner;
}

const OWNER_COLUMNS = 'owner_pid AS pid, owner_host AS host, owner_token AS token, owner_start AS start, heartbeat_at AS heartbeatAt';

export class RunsRepo {
  constructor(private readonly db: Db) {}

  /** A new running run, owned by this process unless told otherwise. */
  create(recipeId: string, fleetPath: string, startedAt: string, owner: RunOwner = thisProcess()): number {
    const r = this.db
      .prepare('INSERT INTO runs (recipe_id, fleet_path, status, started_at, owner_pid, owner_host, owner_token, owner_start, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(recipeId, fleetPath, 'running', startedAt, owner.pid, owner.host, owner.token, owner.start, startedAt);
    return Number(r.lastInsertRowid);
  }

  /** Ends a run that is still running; a run already ended (by a reconcile, say) keeps how it ended. */
  finish(id: number, status: Exclude<RunStatus, 'running'>, finishedAt: string): boolean {
    return (
      this.db
        .prepare("UPDATE runs SET status = ?, finished_at = ?, last_run_id_at_end = (SELECT MAX(id) FROM runs) WHERE id = ? AND status = 'running'")
        .run(status, finishedAt, id).changes === 1
    );
  }

  /** Tells other processes that this run's owner is still at work. */
  heartbeat(id: number, at: string): void {
    this.db.prepare("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'").run(at, id);
  }

  get(id: number): RunRow | null {
    const row = this.db
      .prepare(
        'SELECT id, recipe_id AS recipeId, fleet_path AS fleetPath, status, started_at AS startedAt, finished_at AS finishedAt FROM runs WHERE id = ?',
      )
      .get(id) as RunRow | undefined;
    return row ?? null;
  }

  /** The process that owns a run, as recorded. */
  owner(id: number): StoredOwner | null {
    return (this.db.prepare(`SELECT ${OWNER_COLUMNS} FROM runs WHERE id = ?`).get(id) as StoredOwner | undefined) ?? null;
  }

  /** Every run still marked running, with its owner. */
  running(): RunningRun[] {
    const rows = this.db.prepare(`SELECT id, ${OWNER_COLUMNS} FROM runs WHERE status = 'running' ORDER BY id`).all() as ({ id: number } & StoredOwner)[];
    return rows.map(({ id, ...owner }) => ({ id, owner }));
  }

  /** Records how one site of the run ended (once per site). */
  recordSite(runId: number, r: SiteRunResult): void {
    this.db
      .prepare('INSERT INTO run_sites (run_id, site_id, status, change_id, message, result_json) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, r.siteId, r.status, r.changeId, r.message, JSON.stringify(r));
  }

  /** Whether the site's end is recorded for the run. */
  hasSite(runId: number, siteId: string): boolean {
    return this.db.prepare('SELECT 1 FROM run_sites WHERE run_id = ? AND site_id = ?').get(runId, siteId) !== undefined;
  }

  /** How each site of the run ended, in the order they ran. */
  sites(runId: number): SiteRunResult[] {
    const rows = this.db.prepare('SELECT result_json AS json FROM run_sites WHERE run_id = ? ORDER BY rowid').all(runId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as SiteRunResult);
  }

  /** How the site run that produced this change ended: 'needs-human' stays visible after a restart. */
  outcomeOf(changeId: number): { status: SiteRunResult['status']; message: string } | null {
    const row = this.db.prepare('SELECT status, message FROM run_sites WHERE change_id = ?').get(changeId) as { status: SiteRunResult['status']; message: string } | undefined;
    return row ?? null;
  }
}

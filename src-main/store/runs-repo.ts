import type { SiteRunResult } from '../../src-shared/model/change.js';
import type { Db } from './database.js';

export interface RunRow {
  id: number;
  recipeId: string;
  fleetPath: string;
  status: 'running' | 'finished' | 'failed';
  startedAt: string;
  finishedAt: string | null;
}

export class RunsRepo {
  constructor(private readonly db: Db) {}

  create(recipeId: string, fleetPath: string, startedAt: string): number {
    const r = this.db
      .prepare('INSERT INTO runs (recipe_id, fleet_path, status, started_at) VALUES (?, ?, ?, ?)')
      .run(recipeId, fleetPath, 'running', startedAt);
    return Number(r.lastInsertRowid);
  }

  finish(id: number, status: 'finished' | 'failed', finishedAt: string): void {
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(status, finishedAt, id);
  }

  get(id: number): RunRow | null {
    const row = this.db
      .prepare(
        'SELECT id, recipe_id AS recipeId, fleet_path AS fleetPath, status, started_at AS startedAt, finished_at AS finishedAt FROM runs WHERE id = ?',
      )
      .get(id) as RunRow | undefined;
    return row ?? null;
  }

  /** Records how one site of the run ended (once per site). */
  recordSite(runId: number, r: SiteRunResult): void {
    this.db
      .prepare('INSERT INTO run_sites (run_id, site_id, status, change_id, message, result_json) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, r.siteId, r.status, r.changeId, r.message, JSON.stringify(r));
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

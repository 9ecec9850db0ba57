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
}

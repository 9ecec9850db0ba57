import type { SiteStep } from '../../src-shared/model/change.js';
import type { Db } from './database.js';

export interface NewSiteStep extends Omit<SiteStep, 'seq'> {
  runId: number;
  siteId: string;
  /** The step's full record (transcript, diff, check results, report), kept as JSON for audit. */
  record: unknown;
  createdAt: string;
}

const COLUMNS = `seq, kind, status, summary, log, prompt_tokens AS promptTokens, completion_tokens AS completionTokens,
  cached_prompt_tokens AS cachedPromptTokens, duration_ms AS durationMs`;

/** The recorded steps of each site of a run, in order, linked to the change they led to. */
export class StepsRepo {
  constructor(private readonly db: Db) {}

  /** Appends a step after the site's last one and returns its sequence number. */
  append(step: NewSiteStep): number {
    return this.db.transaction(() => {
      const { n } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM site_steps WHERE run_id = ? AND site_id = ?').get(step.runId, step.siteId) as { n: number };
      const seq = n + 1;
      this.db
        .prepare(
          `INSERT INTO site_steps (run_id, site_id, seq, kind, status, summary, log, record_json, prompt_tokens, completion_tokens, cached_prompt_tokens, duration_ms, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(step.runId, step.siteId, seq, step.kind, step.status, step.summary, step.log, JSON.stringify(step.record), step.promptTokens, step.completionTokens, step.cachedPromptTokens, step.durationMs, step.createdAt);
      return seq;
    })();
  }

  /** Links every step of the site in this run to the change they produced. */
  linkChange(runId: number, siteId: string, changeId: number): void {
    this.db.prepare('UPDATE site_steps SET change_id = ? WHERE run_id = ? AND site_id = ? AND change_id IS NULL').run(changeId, runId, siteId);
  }

  forChange(changeId: number): SiteStep[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM site_steps WHERE change_id = ? ORDER BY seq`).all(changeId) as SiteStep[];
  }

  forSite(runId: number, siteId: string): SiteStep[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM site_steps WHERE run_id = ? AND site_id = ? ORDER BY seq`).all(runId, siteId) as SiteStep[];
  }

  /** The sites of a run that recorded steps, in the order they ran. */
  sitesOfRun(runId: number): string[] {
    return (this.db.prepare('SELECT site_id AS siteId FROM site_steps WHERE run_id = ? GROUP BY site_id ORDER BY MIN(id)').all(runId) as { siteId: string }[]).map((r) => r.siteId);
  }

  record(runId: number, siteId: string, seq: number): unknown {
    const row = this.db.prepare('SELECT record_json AS json FROM site_steps WHERE run_id = ? AND site_id = ? AND seq = ?').get(runId, siteId, seq) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as unknown) : null;
  }
}

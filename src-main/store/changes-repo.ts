import type { ChangedFile, ChangeSummary, Verdict } from '../../src-shared/model/change.js';
import type { Db } from './database.js';

export interface NewChange {
  runId: number;
  siteId: string;
  siteDir: string;
  recipeId: string;
  createdAt: string;
  files: ChangedFile[];
  linesAdded: number;
  linesRemoved: number;
}

// A change's status is never stored: it is the latest decision in its append-only approval trail.
const SUMMARY_SQL = `
  SELECT c.id, c.run_id AS runId, c.site_id AS siteId, c.recipe_id AS recipeId,
         COALESCE((SELECT a.decision FROM approvals a WHERE a.change_id = c.id ORDER BY a.id DESC LIMIT 1), 'pending') AS status,
         (SELECT COUNT(*) FROM change_files f WHERE f.change_id = c.id) AS filesChanged,
         c.lines_added AS linesAdded, c.lines_removed AS linesRemoved, c.created_at AS createdAt,
         v.verdict AS verdict, COALESCE(v.safety_critical, 0) AS safetyCritical
  FROM changes c LEFT JOIN verifications v ON v.change_id = c.id`;

type RawSummary = Omit<ChangeSummary, 'safetyCritical' | 'verdict'> & { verdict: Verdict | null; safetyCritical: number };

function summary(r: RawSummary): ChangeSummary {
  return { ...r, safetyCritical: r.safetyCritical === 1 };
}

export class ChangesRepo {
  constructor(private readonly db: Db) {}

  insert(change: NewChange): number {
    return this.db.transaction(() => {
      const r = this.db
        .prepare(
          'INSERT INTO changes (run_id, site_id, site_dir, recipe_id, lines_added, lines_removed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(change.runId, change.siteId, change.siteDir, change.recipeId, change.linesAdded, change.linesRemoved, change.createdAt);
      const id = Number(r.lastInsertRowid);
      const insertFile = this.db.prepare(
        'INSERT INTO change_files (change_id, path, before_text, after_text, unified_diff) VALUES (?, ?, ?, ?, ?)',
      );
      for (const f of change.files) insertFile.run(id, f.path, f.before, f.after, f.unifiedDiff);
      return id;
    })();
  }

  list(runId?: number): ChangeSummary[] {
    const rows =
      runId === undefined
        ? this.db.prepare(`${SUMMARY_SQL} ORDER BY c.id DESC LIMIT 1000`).all()
        : this.db.prepare(`${SUMMARY_SQL} WHERE c.run_id = ? ORDER BY c.id`).all(runId);
    return (rows as RawSummary[]).map(summary);
  }

  get(id: number): ChangeSummary | null {
    const row = this.db.prepare(`${SUMMARY_SQL} WHERE c.id = ?`).get(id) as RawSummary | undefined;
    return row ? summary(row) : null;
  }

  files(id: number): ChangedFile[] {
    return this.db
      .prepare(
        'SELECT path, before_text AS before, after_text AS after, unified_diff AS unifiedDiff FROM change_files WHERE change_id = ? ORDER BY path',
      )
      .all(id) as ChangedFile[];
  }
}

import { createHash } from 'node:crypto';
import type { ChangedFile, ChangeSummary, Verdict } from '../../src-shared/model/change.js';
import { encodeSource } from '../plc/source/text-encoding.js';
import type { Db } from './database.js';

/** A changed file as the run hands it over; the store hashes its bytes itself. */
export type NewChangedFile = Omit<ChangedFile, 'beforeSha256' | 'afterSha256'>;

export interface NewChange {
  runId: number;
  siteId: string;
  siteDir: string;
  recipeId: string;
  createdAt: string;
  files: NewChangedFile[];
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

/**
 * SHA-256 of a text written in its file's encoding. A text that cannot be written in it never reaches the store
 * (the run ends the site failed first), so this is a programming error, not a person's.
 */
function sha256Of(path: string, text: string, encoding: ChangedFile['encoding'], side: 'before' | 'after'): string {
  const r = encodeSource(text, encoding);
  if (!r.ok) throw new Error(`${path}: the ${side} text cannot be written in ${encoding}: ${r.message}`);
  return createHash('sha256').update(r.bytes).digest('hex');
}

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
        'INSERT INTO change_files (change_id, path, before_text, after_text, unified_diff, encoding, before_sha256, after_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const f of change.files) {
        const beforeSha = sha256Of(f.path, f.before, f.encoding, 'before');
        const afterSha = sha256Of(f.path, f.after, f.encoding, 'after');
        insertFile.run(id, f.path, f.before, f.after, f.unifiedDiff, f.encoding, beforeSha, afterSha);
      }
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
        `SELECT path, before_text AS before, after_text AS after, unified_diff AS unifiedDiff, encoding,
                before_sha256 AS beforeSha256, after_sha256 AS afterSha256
         FROM change_files WHERE change_id = ? ORDER BY path`,
      )
      .all(id) as ChangedFile[];
  }
}

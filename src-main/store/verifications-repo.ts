import type { VerificationReport } from '../evidence/report.js';
import type { Db } from './database.js';

/** The verification report of each change, kept whole (it is the evidence the approval is given on). */
export class VerificationsRepo {
  constructor(private readonly db: Db) {}

  insert(changeId: number, report: VerificationReport): void {
    this.db
      .prepare('INSERT INTO verifications (change_id, verdict, safety_critical, report_json, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(changeId, report.verdict, report.safetyCritical ? 1 : 0, JSON.stringify(report), report.createdAt);
  }

  get(changeId: number): VerificationReport | null {
    const row = this.db.prepare('SELECT report_json AS json FROM verifications WHERE change_id = ?').get(changeId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as VerificationReport) : null;
  }
}

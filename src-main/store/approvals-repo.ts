import type { Approval, ApprovalDecision } from '../../src-shared/model/change.js';
import type { Db } from './database.js';

export interface NewApproval {
  changeId: number;
  reviewer: string;
  role: string;
  decision: ApprovalDecision;
  comment: string;
  acknowledged: string[];
  createdAt: string;
}

const SELECT = 'SELECT id, change_id AS changeId, reviewer, role, decision, comment, acknowledged_json AS acknowledged, created_at AS createdAt FROM approvals';

type Raw = Omit<Approval, 'acknowledged'> & { acknowledged: string };
const fromRow = (r: Raw): Approval => ({ ...r, acknowledged: JSON.parse(r.acknowledged) as string[] });

export class ApprovalsRepo {
  constructor(private readonly db: Db) {}

  insert(a: NewApproval): Approval {
    const r = this.db
      .prepare('INSERT INTO approvals (change_id, reviewer, role, decision, comment, acknowledged_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.changeId, a.reviewer, a.role, a.decision, a.comment, JSON.stringify(a.acknowledged), a.createdAt);
    return fromRow(this.db.prepare(`${SELECT} WHERE id = ?`).get(Number(r.lastInsertRowid)) as Raw);
  }

  forChange(changeId: number): Approval[] {
    return (this.db.prepare(`${SELECT} WHERE change_id = ? ORDER BY id`).all(changeId) as Raw[]).map(fromRow);
  }
}

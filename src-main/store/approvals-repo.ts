import type { Approval, ApprovalDecision } from '../../src-shared/model/change.js';
import type { Db } from './database.js';

export interface NewApproval {
  changeId: number;
  reviewer: string;
  role: string;
  decision: ApprovalDecision;
  comment: string;
  createdAt: string;
}

const SELECT = 'SELECT id, change_id AS changeId, reviewer, role, decision, comment, created_at AS createdAt FROM approvals';

export class ApprovalsRepo {
  constructor(private readonly db: Db) {}

  insert(a: NewApproval): Approval {
    const r = this.db
      .prepare('INSERT INTO approvals (change_id, reviewer, role, decision, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(a.changeId, a.reviewer, a.role, a.decision, a.comment, a.createdAt);
    return this.db.prepare(`${SELECT} WHERE id = ?`).get(Number(r.lastInsertRowid)) as Approval;
  }

  forChange(changeId: number): Approval[] {
    return this.db.prepare(`${SELECT} WHERE change_id = ? ORDER BY id`).all(changeId) as Approval[];
  }
}

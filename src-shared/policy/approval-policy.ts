import type { ApprovalDecision, OpenPoint, Verdict } from '../model/change.js';

/**
 * Who may approve what: the one place this is decided. The main process enforces it on every
 * `approvals.record`, and the UI shows the same answer before the click. Pure: no I/O, no state.
 *
 * - a failed verification (or none) can only be rejected;
 * - a safety-critical change needs the Safety officer;
 * - an inconclusive verification needs the Safety officer too, and an explicit acknowledgement of every open
 *   point (by id), recorded with the approval; inconclusive is never approved as if it were safe;
 * - a rejection needs a comment (checked by the contract).
 */

export const SAFETY_OFFICER = 'Safety officer';
export const ROLES = [SAFETY_OFFICER, 'Control engineer', 'Maintenance lead'] as const;

/** What the policy needs to know of a change. */
export interface ApprovalSubject {
  id: number;
  verdict: Verdict | null;
  safetyCritical: boolean;
  openPoints: readonly Pick<OpenPoint, 'id' | 'what'>[];
}

/** What a reviewer asks for. */
export interface ApprovalRequest {
  role: string;
  decision: ApprovalDecision;
  /** Ids of the open points the reviewer acknowledges. */
  acknowledged: readonly string[];
}

/** Why the request may not be recorded, with the field it is about; null when it may. */
export interface PolicyRefusal {
  field: 'decision' | 'role' | 'acknowledged';
  message: string;
}

/** The role an approval of this change needs, or null where any reviewer may approve it. */
export function requiredRole(c: ApprovalSubject): string | null {
  return c.safetyCritical || c.verdict === 'inconclusive' ? SAFETY_OFFICER : null;
}

/** Open points of the change the request leaves unacknowledged. */
export function unacknowledged(c: ApprovalSubject, acknowledged: readonly string[]): Pick<OpenPoint, 'id' | 'what'>[] {
  const ack = new Set(acknowledged);
  return c.openPoints.filter((p) => !ack.has(p.id));
}

export function checkApproval(c: ApprovalSubject, r: ApprovalRequest): PolicyRefusal | null {
  const known = new Set(c.openPoints.map((p) => p.id));
  const stray = r.acknowledged.filter((id) => !known.has(id));
  if (stray.length) return { field: 'acknowledged', message: `change #${c.id} has no open point ${stray.join(', ')}` };
  if (r.decision === 'rejected') return null;
  if (c.verdict === null) return { field: 'decision', message: `change #${c.id} cannot be approved: it has no verification; reject it or run it again` };
  if (c.verdict === 'fail') return { field: 'decision', message: `change #${c.id} cannot be approved: its verification failed; reject it or fix it and run again` };
  const role = requiredRole(c);
  if (role !== null && r.role !== role) {
    const why = c.verdict === 'inconclusive' ? 'its verification is inconclusive' : 'it is safety-critical';
    return { field: 'role', message: `change #${c.id} needs the approval of a ${role}: ${why}` };
  }
  if (c.verdict === 'inconclusive') {
    const open = unacknowledged(c, r.acknowledged);
    if (open.length) {
      return { field: 'acknowledged', message: `change #${c.id} is inconclusive: acknowledge each open point before approving (${open.length} not acknowledged: ${open.map((p) => p.id).join(', ')})` };
    }
  }
  return null;
}

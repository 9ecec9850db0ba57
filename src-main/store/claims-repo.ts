import type { RunStatus } from '../../src-shared/model/change.js';
import type { Db } from './database.js';
import type { StoredOwner } from './run-owner.js';

/** A site of a fleet that a run is working on. */
export interface SiteClaim {
  fleetPath: string;
  siteId: string;
  runId: number;
  claimedAt: string;
  /** The claiming run's status and owner. */
  runStatus: RunStatus;
  owner: StoredOwner;
}

/** A change another run proposed for a site, with that run's owner. */
export interface OtherChange {
  runId: number;
  changeId: number;
  owner: StoredOwner;
}

const OWNER = 'r.owner_pid AS pid, r.owner_host AS host, r.owner_token AS token, r.owner_start AS start, r.heartbeat_at AS heartbeatAt';
const SELECT = `SELECT c.fleet_path AS fleetPath, c.site_id AS siteId, c.run_id AS runId, c.claimed_at AS claimedAt, r.status AS runStatus, ${OWNER}
  FROM site_claims c JOIN runs r ON r.id = c.run_id`;

type Raw = Omit<SiteClaim, 'owner'> & StoredOwner;
const owner = ({ pid, host, token, start, heartbeatAt }: StoredOwner): StoredOwner => ({ pid, host, token, start, heartbeatAt });
const fromRow = (r: Raw): SiteClaim => ({ fleetPath: r.fleetPath, siteId: r.siteId, runId: r.runId, claimedAt: r.claimedAt, runStatus: r.runStatus, owner: owner(r) });

/** The rows behind exclusive site ownership; the decisions (who may take a claim) are in run-lifecycle.ts. */
export class ClaimsRepo {
  constructor(private readonly db: Db) {}

  get(fleetPath: string, siteId: string): SiteClaim | null {
    const row = this.db.prepare(`${SELECT} WHERE c.fleet_path = ? AND c.site_id = ?`).get(fleetPath, siteId) as Raw | undefined;
    return row ? fromRow(row) : null;
  }

  /** The claims a run holds, in the order it took them. */
  ofRun(runId: number): SiteClaim[] {
    return (this.db.prepare(`${SELECT} WHERE c.run_id = ? ORDER BY c.rowid`).all(runId) as Raw[]).map(fromRow);
  }

  /** Takes the site for the run, replacing any claim left on it. */
  put(fleetPath: string, siteId: string, runId: number, claimedAt: string): void {
    this.db
      .prepare('INSERT INTO site_claims (fleet_path, site_id, run_id, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (fleet_path, site_id) DO UPDATE SET run_id = excluded.run_id, claimed_at = excluded.claimed_at')
      .run(fleetPath, siteId, runId, claimedAt);
  }

  release(fleetPath: string, siteId: string, runId: number): void {
    this.db.prepare('DELETE FROM site_claims WHERE fleet_path = ? AND site_id = ? AND run_id = ?').run(fleetPath, siteId, runId);
  }

  releaseRun(runId: number): void {
    this.db.prepare('DELETE FROM site_claims WHERE run_id = ?').run(runId);
  }

  /**
   * A change proposed for the site by another run on the same fleet that ran while this run did: one still
   * running, or one that ended after this run was created (its last_run_id_at_end reaches this run's id).
   */
  changeByOverlappingRun(fleetPath: string, siteId: string, runId: number): OtherChange | null {
    const row = this.db
      .prepare(
        `SELECT r.id AS runId, s.change_id AS changeId, ${OWNER} FROM run_sites s JOIN runs r ON r.id = s.run_id
         WHERE s.site_id = ? AND s.change_id IS NOT NULL AND r.fleet_path = ? AND r.id <> ? AND (r.status = 'running' OR r.last_run_id_at_end >= ?)
         ORDER BY r.id LIMIT 1`,
      )
      .get(siteId, fleetPath, runId, runId) as ({ runId: number; changeId: number } & StoredOwner) | undefined;
    return row ? { runId: row.runId, changeId: row.changeId, owner: owner(row) } : null;
  }
}

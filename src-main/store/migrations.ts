/**
 * Numbered schema migrations, applied in order at open and recorded in PRAGMA user_version. Never edit a
 * migration that has shipped: approvals are audit records, so a plant's database must upgrade in place.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'runs, changes, change files, approvals',
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        recipe_id TEXT NOT NULL,
        fleet_path TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
        started_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE TABLE changes (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        site_id TEXT NOT NULL,
        site_dir TEXT NOT NULL,
        recipe_id TEXT NOT NULL,
        lines_added INTEGER NOT NULL,
        lines_removed INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX changes_run ON changes(run_id);
      CREATE TABLE change_files (
        change_id INTEGER NOT NULL REFERENCES changes(id),
        path TEXT NOT NULL,
        before_text TEXT NOT NULL,
        after_text TEXT NOT NULL,
        unified_diff TEXT NOT NULL,
        PRIMARY KEY (change_id, path)
      );
      CREATE TABLE approvals (
        id INTEGER PRIMARY KEY,
        change_id INTEGER NOT NULL REFERENCES changes(id),
        reviewer TEXT NOT NULL,
        role TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
        comment TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX approvals_change ON approvals(change_id);
      -- Approvals are an audit trail: they can be added, never edited or removed.
      CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals
        BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
      CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
        BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'verification report per change',
    sql: `
      CREATE TABLE verifications (
        change_id INTEGER PRIMARY KEY REFERENCES changes(id),
        verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail')),
        safety_critical INTEGER NOT NULL CHECK (safety_critical IN (0, 1)),
        report_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'recorded steps per site: transforms, agent sessions, verifications, judge verdicts',
    sql: `
      CREATE TABLE site_steps (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        site_id TEXT NOT NULL,
        -- Set once the site's change is stored; a site that ended without a change keeps its steps too.
        change_id INTEGER REFERENCES changes(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('transform', 'agent', 'verify', 'judge')),
        status TEXT NOT NULL,
        summary TEXT NOT NULL,
        log TEXT NOT NULL,
        record_json TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        cached_prompt_tokens INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (run_id, site_id, seq)
      );
      CREATE INDEX site_steps_change ON site_steps(change_id);
      -- Steps are the record of how a change was made: they are never edited except to link the change.
      CREATE TRIGGER site_steps_no_delete BEFORE DELETE ON site_steps
        BEGIN SELECT RAISE(ABORT, 'site steps are append-only'); END;
      CREATE TRIGGER site_steps_only_link BEFORE UPDATE ON site_steps
        WHEN OLD.change_id IS NOT NULL OR NEW.record_json IS NOT OLD.record_json OR NEW.log IS NOT OLD.log OR NEW.status IS NOT OLD.status
        BEGIN SELECT RAISE(ABORT, 'site steps are append-only'); END;
    `,
  },
  {
    version: 4,
    name: 'how each site of a run ended',
    sql: `
      -- The run's table (status, message, agent, judge, tokens) kept per site, so a change that needs a human
      -- still says so after the app is restarted, and a site that ended without a change is on record too.
      CREATE TABLE run_sites (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        site_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('changed', 'unchanged', 'skipped', 'needs-human', 'failed')),
        change_id INTEGER REFERENCES changes(id),
        message TEXT NOT NULL,
        result_json TEXT NOT NULL,
        PRIMARY KEY (run_id, site_id)
      );
      CREATE INDEX run_sites_change ON run_sites(change_id);
    `,
  },
  {
    version: 5,
    name: 'three verdicts: inconclusive verifications, acknowledged open points on approvals',
    sql: `
      -- SQLite cannot widen a CHECK in place: the table is rebuilt with every row kept.
      CREATE TABLE verifications_v5 (
        change_id INTEGER PRIMARY KEY REFERENCES changes(id),
        verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'inconclusive')),
        safety_critical INTEGER NOT NULL CHECK (safety_critical IN (0, 1)),
        report_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      INSERT INTO verifications_v5 (change_id, verdict, safety_critical, report_json, created_at)
        SELECT change_id, verdict, safety_critical, report_json, created_at FROM verifications;
      DROP TABLE verifications;
      ALTER TABLE verifications_v5 RENAME TO verifications;
      -- What the reviewer acknowledged is part of the append-only approval record.
      ALTER TABLE approvals ADD COLUMN acknowledged_json TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 6,
    name: 'run owners and heartbeats, interrupted runs, site claims across processes',
    sql: `
      -- A run records the process that owns it, so a run whose process is gone can be told from one in progress.
      -- SQLite cannot widen a CHECK in place: the table is rebuilt with every row kept (the runner turns foreign
      -- keys off for the rebuild and checks them before it commits).
      CREATE TABLE runs_v6 (
        id INTEGER PRIMARY KEY,
        recipe_id TEXT NOT NULL,
        fleet_path TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        -- NULL for runs recorded before v6: a run left 'running' without an owner is taken as interrupted.
        owner_pid INTEGER,
        owner_host TEXT,
        -- Random per process: tells this process's runs from those of an earlier process with the same pid.
        owner_token TEXT,
        -- The process's start time as the OS counts it (Linux /proc), NULL where the OS does not tell.
        owner_start TEXT,
        heartbeat_at TEXT,
        -- The highest run id when this run ended: the runs up to it ran while this one did (a logical clock, so
        -- no wall clock is compared).
        last_run_id_at_end INTEGER
      );
      INSERT INTO runs_v6 (id, recipe_id, fleet_path, status, started_at, finished_at)
        SELECT id, recipe_id, fleet_path, status, started_at, finished_at FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v6 RENAME TO runs;
      -- Which run is working on a site of a fleet: one row per site, taken in an immediate transaction before the
      -- run works on the site and released when the site ends, so two processes never work on one site at once.
      CREATE TABLE site_claims (
        fleet_path TEXT NOT NULL,
        site_id TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (fleet_path, site_id)
      );
      CREATE INDEX site_claims_run ON site_claims(run_id);
    `,
  },
  {
    version: 7,
    name: 'the encoding each changed file is written back in, and the SHA-256 of its original and proposed bytes',
    sql: `
      -- Every change stored before this was read as UTF-8; its bytes were never hashed.
      ALTER TABLE change_files ADD COLUMN encoding TEXT NOT NULL DEFAULT 'utf-8'
        CHECK (encoding IN ('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1250'));
      ALTER TABLE change_files ADD COLUMN before_sha256 TEXT;
      ALTER TABLE change_files ADD COLUMN after_sha256 TEXT;
    `,
  },
];

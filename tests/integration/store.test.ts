import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/app/app-error.js';
import { MIGRATIONS } from '../../src-main/store/migrations.js';
import { reconcileStaleRuns } from '../../src-main/store/run-lifecycle.js';
import { Store } from '../../src-main/store/store.js';
import { tempDir } from '../helpers/temp.js';

const LATEST = MIGRATIONS.at(-1)!.version;
const opened: Store[] = [];

function open(file: string): Store {
  const s = Store.open(file);
  opened.push(s);
  return s;
}

afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

/** A run with one change of one file, for approval tests. */
function seedChange(store: Store): number {
  const runId = store.runs.create('revision-note', '/fleet', '2026-11-25T10:00:00.000Z');
  return store.changes.insert({
    runId,
    siteId: 'press-line-2',
    siteDir: '/fleet/press-line-2',
    recipeId: 'revision-note',
    createdAt: '2026-11-25T10:00:00.000Z',
    files: [{ path: 'src/Main.st', before: 'a\n', after: 'a\nb\n', unifiedDiff: '--- a/src/Main.st\n+++ b/src/Main.st\n@@ -1,1 +1,2 @@\n a\n+b\n', encoding: 'utf-8' }],
    linesAdded: 1,
    linesRemoved: 0,
  });
}

describe('Store.open', () => {
  it('creates the schema with WAL and foreign keys on a new file', () => {
    const file = join(tempDir(), 'nested', 'plantshift.db');
    const store = open(file);
    expect(store.file).toBe(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['approvals', 'change_files', 'changes', 'runs']));
  });

  it('reopens an existing database without changing it', () => {
    const file = join(tempDir(), 'plantshift.db');
    const first = open(file);
    const changeId = seedChange(first);
    first.close();
    const again = open(file);
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(again.changes.get(changeId)?.siteId).toBe('press-line-2');
    expect(again.changes.list()).toHaveLength(1);
    again.close();
    const third = open(file);
    expect(third.changes.list()).toHaveLength(1);
  });

  it('enforces foreign keys', () => {
    const store = open(join(tempDir(), 'plantshift.db'));
    expect(() =>
      store.approvals.insert({ changeId: 999, reviewer: 'a', role: 'r', decision: 'approved', comment: '', acknowledged: [], createdAt: '2026-11-25T10:00:00.000Z' }),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a database from a newer Plantshift with unsupported, naming the file', () => {
    const file = join(tempDir(), 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST + 1}`);
    raw.close();
    const err = thrown(() => open(file));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain(file);
    expect(err.details).toContain(file);
    // The refused file is left as it was.
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST + 1);
    check.close();
  });

  it('refuses a file that is not SQLite with bad-data, naming the file', () => {
    const file = join(tempDir(), 'garbage.db');
    writeFileSync(file, 'this is not a database, just some text that is long enough to have a header '.repeat(20));
    const err = thrown(() => open(file));
    expect(err.code).toBe('bad-data');
    expect(err.message).toContain(file);
  });
});

describe('migration 5 (three verdicts)', () => {
  it('upgrades a version-4 database in place: verifications and approvals kept, inconclusive accepted', () => {
    const file = join(tempDir(), 'v4.db');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version <= 4)) raw.exec(m.sql);
    raw.pragma('user_version = 4');
    raw.prepare("INSERT INTO runs (id, recipe_id, fleet_path, started_at, status) VALUES (1, 'revision-note', '/fleet', '2026-11-25T10:00:00Z', 'finished')").run();
    raw.prepare("INSERT INTO changes (id, run_id, site_id, site_dir, recipe_id, created_at, lines_added, lines_removed) VALUES (1, 1, 's', '/fleet/s', 'revision-note', '2026-11-25T10:00:00Z', 1, 0)").run();
    raw.prepare("INSERT INTO verifications (change_id, verdict, safety_critical, report_json, created_at) VALUES (1, 'pass', 0, '{\"verdict\":\"pass\"}', '2026-11-25T10:00:00Z')").run();
    raw.prepare("INSERT INTO approvals (change_id, reviewer, role, decision, comment, created_at) VALUES (1, 'Ana', 'Control engineer', 'approved', '', '2026-11-25T10:01:00Z')").run();
    expect(() => raw.prepare("INSERT INTO changes (id, run_id, site_id, site_dir, recipe_id, created_at, lines_added, lines_removed) VALUES (2, 1, 't', '/fleet/t', 'revision-note', '2026-11-25T10:00:00Z', 1, 0)").run()).not.toThrow();
    expect(() => raw.prepare("INSERT INTO verifications (change_id, verdict, safety_critical, report_json, created_at) VALUES (2, 'inconclusive', 0, '{}', 'x')").run()).toThrow(/CHECK/);
    raw.close();

    const store = open(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(store.changes.get(1)).toMatchObject({ verdict: 'pass', status: 'approved' });
    expect(store.approvals.forChange(1)).toEqual([expect.objectContaining({ reviewer: 'Ana', acknowledged: [] })]);
    store.db.prepare("INSERT INTO verifications (change_id, verdict, safety_critical, report_json, created_at) VALUES (2, 'inconclusive', 0, '{}', 'x')").run();
    expect(store.changes.get(2)?.verdict).toBe('inconclusive');
    expect(() => store.db.prepare("UPDATE approvals SET acknowledged_json = '[\"x\"]'").run()).toThrow(/append-only/);
  });
});

describe('migration 6 (run owners, interrupted runs, site claims)', () => {
  it('rebuilds runs in place with every row and reference kept; a run left running without an owner is reconciled as interrupted', () => {
    const file = join(tempDir(), 'v5.db');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version <= 5)) raw.exec(m.sql);
    raw.pragma('user_version = 5');
    raw.prepare("INSERT INTO runs (id, recipe_id, fleet_path, started_at, status) VALUES (1, 'revision-note', '/fleet', '2026-11-25T10:00:00Z', 'finished')").run();
    raw.prepare("INSERT INTO runs (id, recipe_id, fleet_path, started_at, status) VALUES (2, 'revision-note', '/fleet', '2026-11-25T11:00:00Z', 'running')").run();
    raw.prepare("INSERT INTO changes (id, run_id, site_id, site_dir, recipe_id, created_at, lines_added, lines_removed) VALUES (1, 1, 's', '/fleet/s', 'revision-note', '2026-11-25T10:00:00Z', 1, 0)").run();
    raw.prepare("INSERT INTO site_steps (run_id, site_id, seq, kind, status, summary, log, record_json, prompt_tokens, completion_tokens, cached_prompt_tokens, duration_ms, created_at) VALUES (2, 't', 1, 'transform', 'changed', 'x', '', '{}', 0, 0, 0, 1, 'x')").run();
    expect(() => raw.prepare("UPDATE runs SET status = 'interrupted' WHERE id = 2").run()).toThrow(/CHECK/);
    raw.close();

    const store = open(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.runs.get(1)).toMatchObject({ status: 'finished', startedAt: '2026-11-25T10:00:00Z' });
    expect(store.changes.get(1)?.runId).toBe(1);
    expect(reconcileStaleRuns(store, new Date('2026-11-26T08:00:00Z'))).toEqual([2]);
    expect(store.runs.get(2)).toMatchObject({ status: 'interrupted', finishedAt: '2026-11-26T08:00:00.000Z' });
    expect(store.runs.sites(2)).toEqual([expect.objectContaining({ siteId: 't', status: 'failed', message: 'interrupted: left running by an earlier Plantshift that recorded no owner' })]);
  });
});

describe('approvals', () => {
  it('are append-only: UPDATE and DELETE raise', () => {
    const store = open(join(tempDir(), 'plantshift.db'));
    const changeId = seedChange(store);
    const a = store.approvals.insert({ changeId, reviewer: 'Ana', role: 'controls engineer', decision: 'approved', comment: '', acknowledged: [], createdAt: '2026-11-25T10:01:00.000Z' });
    expect(() => store.db.prepare("UPDATE approvals SET decision = 'rejected' WHERE id = ?").run(a.id)).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM approvals WHERE id = ?').run(a.id)).toThrow(/append-only/);
    expect(store.approvals.forChange(changeId)).toEqual([a]);
  });

  it('derive the change status from the latest decision', () => {
    const store = open(join(tempDir(), 'plantshift.db'));
    const changeId = seedChange(store);
    const other = seedChange(store);
    expect(store.changes.get(changeId)?.status).toBe('pending');
    store.approvals.insert({ changeId, reviewer: 'Ana', role: 'controls engineer', decision: 'approved', comment: 'ok', acknowledged: [], createdAt: '2026-11-25T10:01:00.000Z' });
    expect(store.changes.get(changeId)?.status).toBe('approved');
    store.approvals.insert({ changeId, reviewer: 'Ben', role: 'safety engineer', decision: 'rejected', comment: 'why?', acknowledged: [], createdAt: '2026-11-25T10:02:00.000Z' });
    expect(store.changes.get(changeId)?.status).toBe('rejected');
    expect(store.changes.get(other)?.status).toBe('pending');
    const trail = store.approvals.forChange(changeId);
    expect(trail.map((t) => [t.reviewer, t.decision])).toEqual([
      ['Ana', 'approved'],
      ['Ben', 'rejected'],
    ]);
    const listed = store.changes.list();
    expect(listed.find((c) => c.id === changeId)).toMatchObject({ status: 'rejected', filesChanged: 1, linesAdded: 1, linesRemoved: 0 });
  });

  it('change files round-trip exactly', () => {
    const store = open(join(tempDir(), 'plantshift.db'));
    const changeId = seedChange(store);
    expect(store.changes.files(changeId)).toEqual([
      {
        path: 'src/Main.st',
        before: 'a\n',
        after: 'a\nb\n',
        unifiedDiff: '--- a/src/Main.st\n+++ b/src/Main.st\n@@ -1,1 +1,2 @@\n a\n+b\n',
        encoding: 'utf-8',
        // SHA-256 of the bytes 'a\n' and 'a\nb\n'.
        beforeSha256: '87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7',
        afterSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(store.changes.get(changeId + 100)).toBeNull();
  });
});

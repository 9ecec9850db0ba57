import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangedFileSchema, SOURCE_ENCODINGS } from '../../src-shared/model/change.js';
import { changeFileBytes } from '../../src-main/change/change-file-bytes.js';
import { MIGRATIONS } from '../../src-main/store/migrations.js';
import { Store } from '../../src-main/store/store.js';
import { tempDir } from '../helpers/temp.js';

const opened: Store[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('migration 7: change files keep their encoding and the hashes of their bytes', () => {
  it('is in the list, which is in strictly increasing version order (the runner applies it in array order)', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(MIGRATIONS.find((m) => m.version === 7)?.sql).toMatch(/ALTER TABLE change_files ADD COLUMN encoding/);
  });

  it('upgrades an older database: its change files were UTF-8 and have no hashes', () => {
    const file = join(tempDir(), 'v6.db');
    const raw = new Database(file);
    const older = MIGRATIONS.filter((x) => x.version < 7);
    for (const m of older) raw.exec(m.sql);
    raw.pragma(`user_version = ${older.at(-1)!.version}`);
    raw.prepare("INSERT INTO runs (id, recipe_id, fleet_path, started_at, status) VALUES (1, 'revision-note', '/fleet', '2026-11-25T10:00:00Z', 'finished')").run();
    raw.prepare("INSERT INTO changes (id, run_id, site_id, site_dir, recipe_id, created_at, lines_added, lines_removed) VALUES (1, 1, 's', '/fleet/s', 'revision-note', '2026-11-25T10:00:00Z', 1, 0)").run();
    raw.prepare("INSERT INTO change_files (change_id, path, before_text, after_text, unified_diff) VALUES (1, 'src/Main.st', 'a\n', 'a\nb\n', '')").run();
    raw.close();

    const store = Store.open(file);
    opened.push(store);
    const [old] = store.changes.files(1);
    expect(old).toEqual({ path: 'src/Main.st', before: 'a\n', after: 'a\nb\n', unifiedDiff: '', encoding: 'utf-8', beforeSha256: null, afterSha256: null });
    expect(ChangedFileSchema.parse(old)).toEqual(old);
    expect(() => store.db.prepare("UPDATE change_files SET encoding = 'latin9'").run()).toThrow(/CHECK/);
    // The column's CHECK admits exactly the encodings the model knows.
    for (const e of SOURCE_ENCODINGS) expect(() => store.db.prepare('UPDATE change_files SET encoding = ?').run(e)).not.toThrow();
  });

  it('stores a windows-1252 file with the SHA-256 of its original and proposed bytes', () => {
    const store = Store.open(join(tempDir(), 'plantshift.db'));
    opened.push(store);
    const runId = store.runs.create('revision-note', '/fleet', '2026-11-25T10:00:00.000Z');
    const before = '(* Änderung *)\r\nx := 1;\r\n';
    const after = '(* Änderung *)\r\n(* note *)\r\nx := 1;\r\n';
    const id = store.changes.insert({
      runId,
      siteId: 's',
      siteDir: '/fleet/s',
      recipeId: 'revision-note',
      createdAt: '2026-11-25T10:00:00.000Z',
      files: [{ path: 'src/Main.st', before, after, unifiedDiff: '', encoding: 'windows-1252' }],
      linesAdded: 1,
      linesRemoved: 0,
    });
    const [f] = store.changes.files(id);
    expect(f).toMatchObject({ encoding: 'windows-1252', before, after });
    expect(f!.beforeSha256).toBe(sha256(Buffer.from(before, 'latin1')));
    expect(f!.afterSha256).toBe(sha256(Buffer.from(after, 'latin1')));
    expect(Buffer.from(changeFileBytes(f!))).toEqual(Buffer.from(after, 'latin1'));
  });

  it('refuses to store a file whose text its encoding cannot hold', () => {
    const store = Store.open(join(tempDir(), 'plantshift.db'));
    opened.push(store);
    const runId = store.runs.create('revision-note', '/fleet', '2026-11-25T10:00:00.000Z');
    const insert = (): number =>
      store.changes.insert({
        runId,
        siteId: 's',
        siteDir: '/fleet/s',
        recipeId: 'revision-note',
        createdAt: '2026-11-25T10:00:00.000Z',
        files: [{ path: 'src/Main.st', before: 'x;\n', after: 'x; // ≥\n', unifiedDiff: '', encoding: 'windows-1252' }],
        linesAdded: 1,
        linesRemoved: 1,
      });
    expect(insert).toThrow("src/Main.st: the after text cannot be written in windows-1252: line 1, column 7: '≥' (U+2265) cannot be written in windows-1252, the file's encoding");
    expect(store.changes.list()).toEqual([]);
  });
});

describe('changeFileBytes', () => {
  it('names the file and the place when the text cannot be written back', () => {
    expect(() => changeFileBytes({ path: 'src/Main.st', before: 'a', after: 'a\n→', encoding: 'windows-1252' })).toThrow(
      "src/Main.st: the proposed text cannot be written back: line 2, column 1: '→' (U+2192) cannot be written in windows-1252, the file's encoding",
    );
  });
});

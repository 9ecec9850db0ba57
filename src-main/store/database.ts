import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../app/app-error.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the Plantshift database with WAL and foreign keys on, and brings its schema up
 * to date. A database written by a newer Plantshift is refused rather than guessed at.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new AppError('bad-data', `${file}: cannot open database: ${(err as Error).message}`, [file]);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw new AppError('bad-data', `${file}: not a usable Plantshift database: ${(err as Error).message}`, [file]);
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, file: string): void {
  const current = schemaVersion(db);
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new AppError('unsupported', `${file}: database schema v${current} is newer than this Plantshift (v${latest}); upgrade Plantshift`, [file]);
  }
  if (MIGRATIONS.every((m) => m.version <= current)) return;
  // A migration may rebuild a table that others reference (SQLite cannot widen a CHECK in place): foreign keys
  // are off while migrating (the pragma is ignored inside a transaction) and checked before each commit.
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length) throw new Error(`migration ${m.version} (${m.name}) leaves ${broken.length} rows of ${broken[0]!.table} without their ${broken[0]!.parent}`);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

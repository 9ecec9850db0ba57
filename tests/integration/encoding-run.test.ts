import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { changeFileBytes } from '../../src-main/change/change-file-bytes.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { loadRecipes, requireRecipe } from '../../src-main/recipe/load-recipes.js';
import { runRecipe } from '../../src-main/run/run-recipe.js';
import { Store } from '../../src-main/store/store.js';
import { copyExampleFleet, tempDir } from '../helpers/temp.js';

const clock = fixedClock('2026-11-25T10:00:00Z');
const SITE = 'press-line-2';
const MAIN = 'src/Main.st';
const FIRST_RELEASE = ' *   1.0  2017-11-06  RO  First release';
const GERMAN = ' *   1.0  2017-11-06  RO  Erste Freigabe; Änderung der Hubzeit (Größe 3 µs)';

let store: Store;
beforeEach(() => {
  store = Store.open(join(tempDir(), 'plantshift.db'));
});
afterEach(() => store.close());

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * The example site's Main.st with a German history line, in the given line ends, written as bytes by Node's own
 * encoders (independent of the codec under test). Returns the fleet folder and the file's bytes.
 */
function fleetWithMain(lineEnds: (lines: string[]) => string, toBytes: (text: string) => Buffer, extra = ''): { dir: string; original: Buffer } {
  const dir = copyExampleFleet();
  const file = join(dir, SITE, MAIN);
  const text = readFileSync(file, 'utf8').replace(FIRST_RELEASE, GERMAN + extra);
  expect(text).toContain('Änderung');
  const original = toBytes(lineEnds(text.split('\n')));
  writeFileSync(file, original);
  return { dir, original };
}

async function revisionNote(dir: string) {
  const recipe = requireRecipe(loadRecipes(promptsDir()), 'revision-note');
  const result = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: [SITE], store, clock, verification: 'fast' });
  const site = result.sites[0]!;
  expect(site, site.message).toMatchObject({ status: 'changed', filesChanged: 1, linesAdded: 1, linesRemoved: 0 });
  const files = store.changes.files(site.changeId!);
  expect(files.map((f) => f.path)).toEqual([MAIN]);
  return { file: files[0]!, runId: result.runId };
}

/**
 * `after` is `original` with exactly one run of bytes inserted at a line start (code units of `unit` bytes,
 * little endian); returns the inserted bytes.
 */
function insertedBytes(original: Uint8Array, after: Uint8Array, unit: 1 | 2 = 1): Uint8Array {
  let p = 0;
  while (p < original.length && original[p] === after[p]) p++;
  // The note starts like the next history line (" *"), so the common prefix may run into it: back to the line start.
  p -= p % unit;
  while (p > 0 && !(original[p - unit] === 0x0a && (unit === 1 || original[p - 1] === 0))) p -= unit;
  const added = after.length - original.length;
  expect(added).toBeGreaterThan(0);
  expect(Buffer.from(after.subarray(0, p))).toEqual(Buffer.from(original.subarray(0, p)));
  expect(Buffer.from(after.subarray(p + added))).toEqual(Buffer.from(original.subarray(p)));
  return after.subarray(p, p + added);
}

describe('a run keeps each source file in its own encoding, byte for byte', () => {
  it('windows-1252 with CRLF: the stored text shows Änderung, and the proposed bytes differ only by the inserted line', async () => {
    const { dir, original } = fleetWithMain((ls) => ls.join('\r\n'), (t) => Buffer.from(t, 'latin1'));
    const { file, runId } = await revisionNote(dir);
    expect(file.encoding).toBe('windows-1252');
    expect(file.before).toContain('Änderung der Hubzeit (Größe 3 µs)');
    expect(file.before).not.toContain('\uFFFD');
    expect(Buffer.from(changeFileBytes(file, 'before'))).toEqual(original);
    const after = changeFileBytes(file);
    const note = ` *   2026-11-25  Plantshift run ${runId}: Record the Plantshift run in the revision history\r\n`;
    expect(Buffer.from(insertedBytes(original, after)).toString('latin1')).toBe(note);
    expect(file.beforeSha256).toBe(sha256(original));
    expect(file.afterSha256).toBe(sha256(after));
    // The diff shows the one added line; the German line is context, unchanged.
    expect(file.unifiedDiff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'))).toHaveLength(1);
  }, 120_000);

  it('UTF-16LE with a BOM: the BOM, the line ends and every other byte are kept', async () => {
    const { dir, original } = fleetWithMain((ls) => ls.join('\r\n'), (t) => Buffer.from(`\uFEFF${t}`, 'utf16le'), ' → Pumpe');
    expect([...original.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x28, 0x00]);
    const { file, runId } = await revisionNote(dir);
    expect(file.encoding).toBe('utf-16le-bom');
    expect(file.before.startsWith('\uFEFF(*')).toBe(true);
    expect(file.before).toContain('Änderung der Hubzeit (Größe 3 µs) → Pumpe');
    expect(Buffer.from(changeFileBytes(file, 'before'))).toEqual(original);
    const inserted = insertedBytes(original, changeFileBytes(file), 2);
    expect(Buffer.from(inserted).toString('utf16le')).toBe(` *   2026-11-25  Plantshift run ${runId}: Record the Plantshift run in the revision history\r\n`);
    expect(file.beforeSha256).toBe(sha256(original));
  }, 120_000);

  it('UTF-8 with a BOM and mixed line ends: kept as they were outside the inserted line', async () => {
    // LF in the header, CRLF from line 10 on: the note takes the file's CRLF, nothing else moves.
    const mixed = (ls: string[]): string => ls.map((l, i) => l + (i === ls.length - 1 ? '' : i < 9 ? '\n' : '\r\n')).join('');
    const { dir, original } = fleetWithMain(mixed, (t) => Buffer.from(`\uFEFF${t}`, 'utf8'), ' → Pumpe');
    const { file, runId } = await revisionNote(dir);
    expect(file.encoding).toBe('utf-8-bom');
    expect(file.before).toContain('Änderung der Hubzeit (Größe 3 µs) → Pumpe');
    expect(Buffer.from(changeFileBytes(file, 'before'))).toEqual(original);
    const inserted = insertedBytes(original, changeFileBytes(file));
    expect(Buffer.from(inserted).toString('utf8')).toBe(` *   2026-11-25  Plantshift run ${runId}: Record the Plantshift run in the revision history\r\n`);
  }, 120_000);
});

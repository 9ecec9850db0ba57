import { toSiteVersion } from '../../../src-main/fleet/site-version-loader.js';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSiteProgram } from '../../../src-main/fleet/site-program.js';
import type { SiteVersion } from '../../../src-main/evidence/site-version.js';

export const FLEET = join(import.meta.dirname, '..', '..', '..', 'examples', 'fleet');
export const SITES = ['conveyor-line-1', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2'];

export function siteVersion(dir: string): SiteVersion {
  const sp = loadSiteProgram(dir);
  if (sp.errors.length) throw new Error(`${dir}: ${sp.errors.map((e) => e.message).join('; ')}`);
  return toSiteVersion(sp, 'after');
}

/** A copy of an example site with one file edited (the examples themselves are never written). */
export function mutant(site: string, file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), `formal-${site}-`));
  cpSync(join(FLEET, site), dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`mutant of ${site}/${file}: the edit changed nothing`);
  writeFileSync(path, after);
  return dir;
}

import { toSiteVersion } from '../../../src-main/fleet/site-version-loader.js';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSiteProgram } from '../../../src-main/fleet/site-program.js';
import type { SiteVersion } from '../../../src-main/evidence/site-version.js';
import type { FormalResult } from '../../../src-main/formal/formal-result.js';

/** Each property's status by id (estop, reset, guard). */
export const status = (r: FormalResult): Record<string, string> => Object.fromEntries(r.properties.map((p) => [p.id, p.status]));

/** Every construct a property reported it could not encode. */
export const unsupported = (r: FormalResult): string[] => r.properties.flatMap((p) => p.unsupported.map((u) => u.construct));

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

/** A copy of any site directory (a fixture) with one file edited. */
export function variantOf(siteDir: string, file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'formal-variant-'));
  cpSync(siteDir, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`variant of ${siteDir}/${file}: the edit changed nothing`);
  writeFileSync(path, after);
  return dir;
}

export interface InlineSite {
  platform: 'codesys' | 'twincat' | 'tia';
  entry: string;
  /** Sources by file name (under src/); the site reads every file of that extension. */
  files: Record<string, string>;
  estops: string[];
  guards: string[];
  hazardous: string[];
  reset: string;
  reactionMs?: number;
}

/** A small site written to a temporary directory, for fixtures kept next to their tests. */
export function inlineSite(id: string, s: InlineSite): string {
  const dir = mkdtempSync(join(tmpdir(), `formal-${id}-`));
  mkdirSync(join(dir, 'src'));
  for (const [name, text] of Object.entries(s.files)) writeFileSync(join(dir, 'src', name), text);
  const exts = [...new Set(Object.keys(s.files).map((n) => n.slice(n.lastIndexOf('.'))))];
  const yaml = [
    `id: ${id}`,
    `name: ${id} (formal fixture)`,
    'plant: Test',
    'description: Formal fixture.',
    `platform: ${s.platform}`,
    `sources: [${exts.map((e) => `"src/*${e}"`).join(', ')}]`,
    `entry: ${s.entry}`,
    'cycle: 10ms',
    'safety:',
    `  estops: [${s.estops.join(', ')}]`,
    `  guards: [${s.guards.join(', ')}]`,
    `  hazardous_outputs: [${s.hazardous.join(', ')}]`,
    `  reaction_ms: ${s.reactionMs ?? 10}`,
    `  reset: ${s.reset}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'site.yaml'), yaml);
  return dir;
}

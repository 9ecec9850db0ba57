import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ConfigProblem, FleetSummary, SiteSummary } from '../../src-shared/model/site.js';
import { AppError } from '../app/app-error.js';
import { expandGlobs } from './glob.js';
import { MAX_SITE_YAML_BYTES, parseSiteConfig } from './site-config.js';

export const SITE_FILE = 'site.yaml';

/** Reads one site folder. Never throws for a bad site: the problems travel with the summary. */
export function loadSite(dir: string): SiteSummary {
  const abs = resolve(dir);
  const file = join(abs, SITE_FILE);
  const folder = basename(abs);
  const problems: ConfigProblem[] = [];
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_SITE_YAML_BYTES) throw new Error(`larger than ${MAX_SITE_YAML_BYTES} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `unreadable: ${(err as Error).message}`;
    return { folder, dir: abs, config: null, sourceFiles: [], problems: [{ file, line: null, field: null, message: `${SITE_FILE} is ${why}` }] };
  }
  const { config, problems: configProblems } = parseSiteConfig(text, file);
  problems.push(...configProblems);
  let sourceFiles: string[] = [];
  if (config) {
    sourceFiles = expandGlobs(abs, config.sources);
    if (sourceFiles.length === 0) {
      problems.push({ file, line: null, field: 'sources', message: `sources: no file matches ${config.sources.map((s) => JSON.stringify(s)).join(', ')}` });
    }
  }
  return { folder, dir: abs, config, sourceFiles, problems };
}

/**
 * Lists the sites of a fleet folder: every direct subfolder holding a site.yaml, or the folder itself when it
 * is a single site. Throws AppError only when the fleet folder itself cannot be used.
 */
export function openFleet(path: string): FleetSummary {
  const abs = resolve(path);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new AppError('not-found', `fleet folder not found: ${abs}`, [abs]);
  }
  if (!isDir) throw new AppError('invalid-input', `not a folder: ${abs}`, [abs]);

  if (existsSync(join(abs, SITE_FILE))) return { path: abs, sites: [loadSite(abs)], problems: [] };

  let names: string[];
  try {
    names = readdirSync(abs, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    throw new AppError('bad-data', `fleet folder unreadable: ${abs}: ${(err as Error).message}`, [abs]);
  }
  const sites = names.filter((n) => existsSync(join(abs, n, SITE_FILE))).map((n) => loadSite(join(abs, n)));
  const problems: ConfigProblem[] = [];
  if (sites.length === 0) {
    problems.push({ file: abs, line: null, field: null, message: `no site found: no subfolder of ${abs} has a ${SITE_FILE}` });
  }
  const byId = new Map<string, SiteSummary>();
  for (const site of sites) {
    if (!site.config) continue;
    const other = byId.get(site.config.id);
    if (other) {
      const msg = `id: "${site.config.id}" is also used by ${join(other.dir, SITE_FILE)}; site ids must be unique in a fleet`;
      site.problems.push({ file: join(site.dir, SITE_FILE), line: null, field: 'id', message: msg });
    } else byId.set(site.config.id, site);
  }
  return { path: abs, sites, problems };
}

/** Whether a site can be run: a valid config, sources found, no problems. */
export function isRunnable(site: SiteSummary): boolean {
  return site.config !== null && site.problems.length === 0;
}

export function siteId(site: SiteSummary): string {
  return site.config?.id ?? site.folder;
}

import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ConfigProblem, FleetSummary, SiteSummary, SkippedPath } from '../../src-shared/model/site.js';
import { AppError } from '../app/app-error.js';
import { errnoWords, FleetFileError, isInside, readFleetFile, realRoot } from './fleet-file.js';
import { walkGlobs } from './glob.js';
import { MAX_SITE_YAML_BYTES, parseSiteConfig } from './site-config.js';

export const SITE_FILE = 'site.yaml';

/**
 * Reads one site folder. Never throws for a bad site: the problems travel with the summary.
 *
 * `root` is the folder links may lead into (see SiteSummary.root): the fleet folder when the site is read as part
 * of a fleet, so a source folder linked from a sibling folder of the fleet is read; by default the site folder
 * itself, so a site opened on its own (`plantshift sim SITE`, `verify`) reads nothing outside it.
 */
export function loadSite(dir: string, root: string = dir): SiteSummary {
  const abs = resolve(dir);
  const rootAbs = resolve(root);
  const file = join(abs, SITE_FILE);
  const site: SiteSummary = { folder: basename(abs), dir: abs, config: null, sourceFiles: [], problems: [], root: rootAbs, skipped: [] };
  let text: string;
  try {
    text = readFleetFile(file, { root: rootAbs, maxBytes: MAX_SITE_YAML_BYTES, shown: file, what: SITE_FILE }).toString('utf8');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const message = err instanceof FleetFileError ? err.why : err.message;
    site.problems.push({ file, line: null, field: null, message });
    return site;
  }
  const { config, problems: configProblems } = parseSiteConfig(text, file);
  site.config = config;
  site.problems.push(...configProblems);
  if (config) {
    const walk = walkGlobs(abs, config.sources, rootAbs);
    site.sourceFiles = walk.files;
    // Scenario files are read later (by the verification), but a scenario that would not be read is known now.
    const scenarios = config.scenarios.length ? walkGlobs(abs, config.scenarios, rootAbs).skipped : [];
    const seen = new Set(walk.skipped.map((s) => s.path));
    site.skipped = [...walk.skipped, ...scenarios.filter((s) => !seen.has(s.path))];
    for (const [field, list] of [['sources', walk.skipped], ['scenarios', scenarios]] as const) {
      for (const s of list) {
        // A folder walked under another name loses nothing; every other skip may hide a file the site names.
        if (s.reason === 'already-walked') continue;
        site.problems.push({ file: join(abs, s.path), line: null, field, message: `${s.message}; the site's ${field} may be incomplete, so it is not run` });
      }
    }
    if (walk.files.length === 0) {
      site.problems.push({ file, line: null, field: 'sources', message: `sources: no file matches ${config.sources.map((s) => JSON.stringify(s)).join(', ')}` });
    }
  }
  return site;
}

/** Whether `path` exists in any form (a broken link or a FIFO counts); throws on other errors (permission). */
function hasEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw err;
  }
}

/**
 * Lists the sites of a fleet folder: every direct subfolder holding a site.yaml, or the folder itself when it
 * is a single site. The fleet folder is the root for links (see loadSite): a subfolder that is a link inside the
 * fleet folder is a site like any other; a link to a site folder outside it, an unreadable subfolder, a broken
 * link and a link loop are listed in `skipped` (the first two also as problems: a site may be missing). Throws
 * AppError only when the fleet folder itself cannot be used.
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
  const rootReal = realRoot(abs);

  let own: boolean;
  try {
    own = hasEntry(join(abs, SITE_FILE));
  } catch (err) {
    throw new AppError('bad-data', `fleet folder unreadable: ${abs}: ${errnoWords(err)}`, [abs]);
  }
  if (own) return { path: abs, sites: [loadSite(abs, abs)], problems: [], skipped: [] };

  let entries: Dirent[];
  try {
    entries = readdirSync(abs, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
  } catch (err) {
    throw new AppError('bad-data', `fleet folder unreadable: ${abs}: ${errnoWords(err)}`, [abs]);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const siteNames: string[] = [];
  const skipped: SkippedPath[] = [];
  const problems: ConfigProblem[] = [];
  const skip = (name: string, reason: SkippedPath['reason'], message: string, isProblem: boolean): void => {
    skipped.push({ path: name, reason, message });
    if (isProblem) problems.push({ file: join(abs, name), line: null, field: null, message });
  };
  for (const e of entries) {
    const full = join(abs, e.name);
    if (!e.isDirectory() && !e.isSymbolicLink()) continue;
    let real = full;
    if (e.isSymbolicLink()) {
      try {
        real = realpathSync(full);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') skip(e.name, 'broken-link', 'a broken link (its target does not exist); if it was a site folder, that site is not read', false);
        else if (code === 'ELOOP') skip(e.name, 'link-loop', 'a link loop; not followed', false);
        else skip(e.name, 'unreadable', `a link that cannot be followed (${errnoWords(err)})`, true);
        continue;
      }
      try {
        if (!statSync(real).isDirectory()) continue;
      } catch {
        continue;
      }
    }
    let isSite: boolean;
    try {
      isSite = hasEntry(join(real, SITE_FILE));
    } catch (err) {
      skip(e.name, 'unreadable', `a folder that cannot be read (${errnoWords(err)}); if it is a site, it is not read`, true);
      continue;
    }
    if (!isSite) continue;
    if (!isInside(rootReal, real)) {
      skip(e.name, 'outside-fleet', `a link to a site folder outside the fleet folder (to ${real}); it is not read: copy the site into the fleet folder`, true);
      continue;
    }
    siteNames.push(e.name);
  }
  const sites = siteNames.map((n) => loadSite(join(abs, n), abs));
  if (sites.length === 0) {
    const why = skipped.length ? ` (${skipped.length} entr${skipped.length === 1 ? 'y' : 'ies'} skipped: ${skipped.map((s) => `${s.path}: ${s.message}`).join('; ')})` : '';
    problems.unshift({ file: abs, line: null, field: null, message: `no site found: no ${SITE_FILE} in ${abs} or its subfolders; found 0 sites${why}` });
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
  return { path: abs, sites, problems, skipped };
}

/**
 * The fleet at `path` for a run or the UI: a folder without any site is refused with what was looked for and
 * what was found, so that pointing at a wrong folder (/etc) is an error, not an empty finished run.
 */
export function requireFleet(path: string): FleetSummary {
  const fleet = openFleet(path);
  if (fleet.sites.length === 0) throw new AppError('not-found', fleet.problems[0]?.message ?? `no site found in ${fleet.path}`, [fleet.path]);
  return fleet;
}

/** Whether a site can be run: a valid config, sources found, no problems. */
export function isRunnable(site: SiteSummary): boolean {
  return site.config !== null && site.problems.length === 0;
}

export function siteId(site: SiteSummary): string {
  return site.config?.id ?? site.folder;
}

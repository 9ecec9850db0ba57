import { join } from 'node:path';
import { AppError } from '../app/app-error.js';
import { MAX_SCENARIO_BYTES, parseScenario, type Scenario } from '../sim/scenario.js';
import { makeLocator, type SiteVersion } from '../evidence/site-version.js';
import { walkGlobs } from './glob.js';
import { loadSiteProgram, readText, type SiteProgram } from './site-program.js';

/** Reads a site folder as one side of a change, for the verification pipeline. */
export function loadSiteVersion(dir: string, version: 'before' | 'after'): SiteVersion {
  return toSiteVersion(loadSiteProgram(dir), version);
}

/** One side of a change from a compiled site (from disk, or from a proposed change held in memory). */
export function toSiteVersion(sp: SiteProgram, version: 'before' | 'after'): SiteVersion {
  return {
    version,
    config: sp.config,
    project: sp.project,
    model: sp.model,
    program: sp.program,
    programProblems: sp.errors.length ? [`${sp.errors.length} compile error(s)`] : sp.problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
    locate: makeLocator(version, sp.project, sp.texts),
    dir: sp.dir,
    sources: [...sp.texts].map(([path, text]) => ({ path, text })),
  };
}

/**
 * The site's scenario files, parsed; a broken scenario file is an error naming file, line and key. A path the
 * globs match that is not read (a link out of `root`, a FIFO, a broken link, ...) is an error too: a verification
 * without one of its scenarios would pass on less than the site declares. `root` is the folder links may lead
 * into (see loadSite): by default the site folder itself.
 */
export function loadScenarios(dir: string, globs: readonly string[], root: string = dir): Scenario[] {
  return scenarioPaths(dir, globs, root).map((rel) => {
    const r = parseScenario(readText(join(dir, rel), root, MAX_SCENARIO_BYTES, 'scenario'), rel);
    if (!r.scenario) throw new AppError('bad-data', r.problems.map((p) => `${join(dir, p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n'), [rel]);
    return r.scenario;
  });
}

/** The scenario files the globs match (relative, sorted); an AppError for any matching path that is not read. */
export function scenarioPaths(dir: string, globs: readonly string[], root: string = dir): string[] {
  const walk = walkGlobs(dir, globs, root);
  const lost = walk.skipped.filter((s) => s.reason !== 'already-walked');
  if (lost.length) throw new AppError('bad-data', lost.map((s) => `${join(dir, s.path)}: scenario not read: ${s.message}`).join('\n'), lost.map((s) => s.path));
  return walk.files;
}

import { join } from 'node:path';
import { AppError } from '../app/app-error.js';
import { parseScenario, type Scenario } from '../sim/scenario.js';
import { makeLocator, type SiteVersion } from '../evidence/site-version.js';
import { expandGlobs } from './glob.js';
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

/** The site's scenario files, parsed; a broken scenario file is an error naming file, line and key. */
export function loadScenarios(dir: string, globs: readonly string[]): Scenario[] {
  return expandGlobs(dir, globs).map((rel) => {
    const r = parseScenario(readText(join(dir, rel)), rel);
    if (!r.scenario) throw new AppError('bad-data', r.problems.map((p) => `${join(dir, p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n'), [rel]);
    return r.scenario;
  });
}

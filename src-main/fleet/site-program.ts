import { join } from 'node:path';
import type { SiteConfig } from '../../src-shared/model/site.js';
import { AppError } from '../app/app-error.js';
import { analyzeProgram, type SemanticModel } from '../plc/check/index.js';
import type { Diagnostic } from '../plc/diagnostics/diagnostic.js';
import { compileProject, type CompiledProject } from '../plc/project/compile-project.js';
import { dialectForPlatform } from '../plc/st/dialect.js';
import { compileSite, type SimProblem } from '../sim/compile-site.js';
import type { CompiledProgram } from '../sim/sim-program.js';
import { readFleetFile } from './fleet-file.js';
import { loadSite } from './load-fleet.js';
import { readSiteSources } from './site-sources.js';

export interface SiteProgram {
  dir: string;
  config: SiteConfig;
  project: CompiledProject;
  model: SemanticModel;
  /** Errors that keep the site from running (syntax, semantic); every diagnostic is in `project.diagnostics`. */
  errors: Diagnostic[];
  program: CompiledProgram | null;
  problems: SimProblem[];
  texts: Map<string, string>;
}

/**
 * Reads a site folder, checks it, and compiles it for the soft-PLC. Throws AppError only when the folder is
 * not a usable site; compile errors and unsupported constructs come back as data with file and line. `root` is
 * the folder links may lead into (see loadSite): by default the site folder itself.
 */
export function loadSiteProgram(dir: string, root: string = dir): SiteProgram {
  const site = loadSite(dir, root);
  if (!site.config || site.problems.length) {
    const p = site.problems[0];
    throw new AppError('bad-data', p ? `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}` : `${dir}: not a site`, site.problems.map((x) => x.file));
  }
  return buildSiteProgram(site.dir, site.config, readSiteSources(site));
}

/** Checks and compiles a site's sources given as text (a proposed change is compiled before it is written). */
export function buildSiteProgram(dir: string, config: SiteConfig, sources: readonly { path: string; text: string }[]): SiteProgram {
  const files = sources.map((f) => ({ path: f.path, text: f.text }));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const dialect = dialectForPlatform(config.platform);
  // The checker runs inside compileProject, which maps its diagnostics to container files with the parser's;
  // the model is kept for the soft-PLC and the verifiers.
  const checked: { model?: SemanticModel } = {};
  const project = compileProject(files, dialect, (units, o) => (checked.model = analyzeProgram(units, o)).diagnostics);
  const model = checked.model;
  if (!model) throw new Error('compileProject did not run the checker');
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) return { dir, config, project, model, errors, program: null, problems: [], texts };
  const { program, problems } = compileSite(project, model, { entry: config.entry, cycleMs: config.cycleMs, texts });
  return { dir, config, project, model, errors, program, problems, texts };
}

export function siteFile(sp: SiteProgram, rel: string): string {
  return join(sp.dir, rel);
}

/**
 * A text file (a scenario) through the fleet reader: a regular file of at most `maxBytes`, inside `root` after
 * following links, or anywhere for a file a person named on the command line (`root` null). Never blocks on a
 * FIFO or device; errors name the file as given, never what it holds.
 */
export function readText(path: string, root: string | null, maxBytes: number, what = 'file'): string {
  return readFleetFile(path, { root, maxBytes, what }).toString('utf8');
}

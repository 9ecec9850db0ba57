import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { AppError } from '../app/app-error.js';
import type { ProjectFile } from '../plc/project/compile-project.js';
import { dialectForPlatform, type Dialect } from '../plc/st/dialect.js';
import { expandGlobs } from './glob.js';
import { loadSite, SITE_FILE } from './load-fleet.js';
import { MAX_SOURCE_BYTES } from './site-sources.js';

/** Extensions `plantshift check DIR` picks up in a folder that is not a site. */
export const SOURCE_GLOBS = ['**/*.{st,scl,exp,TcPOU,TcDUT,TcGVL,TcIO,TcITF,L5X,L5K,xml}'];

export interface ProjectToCheck {
  /** What the files are checked as: a site id, a folder, or a single file. */
  name: string;
  dialect: Dialect;
  files: ProjectFile[];
  /** Problems with the project itself (a broken site.yaml): already formatted for a person. */
  problems: string[];
}

function readText(abs: string, shown: string): string {
  let size: number;
  try {
    size = statSync(abs).size;
  } catch (err) {
    throw new AppError('not-found', `${shown}: cannot read: ${(err as Error).message}`, [abs]);
  }
  if (size > MAX_SOURCE_BYTES) throw new AppError('bad-data', `${shown}: larger than ${MAX_SOURCE_BYTES} bytes; not a PLC source file`, [abs]);
  try {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(abs));
  } catch (err) {
    throw new AppError('bad-data', `${shown}: cannot read: ${(err as Error).message}`, [abs]);
  }
}

/**
 * Turns a command-line PATH into a project: a site folder reads its site.yaml sources (and platform), any
 * other folder takes every PLC source file below it, a file is a project of its own. Paths in messages are
 * relative to `cwd`, as a person typed them.
 */
export function projectForPath(path: string, cwd: string, dialectOverride: Dialect | null): ProjectToCheck {
  const abs = resolve(cwd, path);
  const shown = (p: string): string => relative(cwd, p) || basename(p);
  if (!existsSync(abs)) throw new AppError('not-found', `${path}: no such file or folder`, [abs]);
  if (statSync(abs).isFile()) {
    return { name: shown(abs), dialect: dialectOverride ?? (/\.scl$/i.test(abs) ? 'scl' : 'codesys'), files: [{ path: shown(abs), text: readText(abs, shown(abs)) }], problems: [] };
  }
  if (existsSync(join(abs, SITE_FILE))) {
    const site = loadSite(abs);
    const problems = site.problems.map((p) => `${shown(p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    const dialect = dialectOverride ?? dialectForPlatform(site.config?.platform ?? 'codesys');
    const files = site.sourceFiles.map((rel) => ({ path: shown(join(abs, rel)), text: readText(join(abs, rel), shown(join(abs, rel))) }));
    return { name: site.config?.id ?? site.folder, dialect, files, problems };
  }
  const rels = expandGlobs(abs, SOURCE_GLOBS);
  return {
    name: shown(abs),
    dialect: dialectOverride ?? 'codesys',
    files: rels.map((rel) => ({ path: shown(join(abs, rel)), text: readText(join(abs, rel), shown(join(abs, rel))) })),
    problems: rels.length ? [] : [`${shown(abs)}: no PLC source files found (looked for ${SOURCE_GLOBS[0]})`],
  };
}

import { lstatSync, statSync, type Stats } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { AppError } from '../app/app-error.js';
import type { ProjectFile } from '../plc/project/compile-project.js';
import { decodeSource, type DeclaredEncoding } from '../plc/source/text-encoding.js';
import { dialectForPlatform, type Dialect } from '../plc/st/dialect.js';
import { errnoWords, readFleetFile } from './fleet-file.js';
import { walkGlobs } from './glob.js';
import { loadSite, SITE_FILE } from './load-fleet.js';
import { MAX_SOURCE_BYTES } from './site-sources.js';

/** Extensions `plantshift check DIR` picks up in a folder that is not a site. */
export const SOURCE_GLOBS = ['**/*.{st,scl,exp,TcPOU,TcDUT,TcGVL,TcIO,TcITF,L5X,L5K,xml}'];

export interface ProjectToCheck {
  /** What the files are checked as: a site id, a folder, or a single file. */
  name: string;
  dialect: Dialect;
  files: ProjectFile[];
  /** Problems with the project itself (a broken site.yaml, a source not read): already formatted for a person. */
  problems: string[];
  /** Paths not taken that lose nothing (a folder reached twice through a link): notes, already formatted. */
  notes: string[];
}

/**
 * One source file through the fleet reader: a regular file of at most MAX_SOURCE_BYTES, inside `root` after
 * following links (null: a file the person named, anywhere), decoded like a site's sources.
 */
function readSource(abs: string, root: string | null, shown: string, declared: DeclaredEncoding | null = null): string {
  const decoded = decodeSource(readFleetFile(abs, { root, maxBytes: MAX_SOURCE_BYTES, shown, what: 'source file' }), { declared });
  if (!decoded.ok) throw new AppError('bad-data', `${shown}: ${decoded.message}`, [shown]);
  return decoded.value.text;
}

/**
 * Turns a command-line PATH into a project: a site folder reads its site.yaml sources (and platform), any
 * other folder takes every PLC source file below it, a file is a project of its own. Paths in messages are
 * relative to `cwd`, as a person typed them.
 *
 * A file named on the command line may lie anywhere (the person chose it) but must be a regular file: a FIFO or
 * device is refused without blocking. In a folder, links are followed only inside that folder (a site folder is
 * its own root here, see loadSite); every path not taken is a problem naming the path and the reason.
 */
export function projectForPath(path: string, cwd: string, dialectOverride: Dialect | null): ProjectToCheck {
  const abs = resolve(cwd, path);
  const shown = (p: string): string => relative(cwd, p) || basename(p);
  let st: Stats;
  try {
    st = statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && isLink(abs)) throw new AppError('not-found', `${path}: a broken link (its target does not exist)`, [abs]);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not-found', `${path}: no such file or folder`, [abs]);
    throw new AppError('bad-data', `${path}: cannot be read (${errnoWords(err)})`, [abs]);
  }
  if (!st.isDirectory()) {
    return { name: shown(abs), dialect: dialectOverride ?? (/\.scl$/i.test(abs) ? 'scl' : 'codesys'), files: [{ path: shown(abs), text: readSource(abs, null, shown(abs)) }], problems: [], notes: [] };
  }
  if (existsEntry(join(abs, SITE_FILE))) {
    const site = loadSite(abs);
    const problems = site.problems.map((p) => `${shown(p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    const notes = site.skipped.filter((s) => s.reason === 'already-walked').map((s) => `${shown(join(abs, s.path))}: skipped: ${s.message}`);
    const dialect = dialectOverride ?? dialectForPlatform(site.config?.platform ?? 'codesys');
    const files = site.sourceFiles.map((rel) => ({ path: shown(join(abs, rel)), text: readSource(join(abs, rel), site.root, shown(join(abs, rel)), site.config?.encoding ?? null) }));
    return { name: site.config?.id ?? site.folder, dialect, files, problems, notes };
  }
  const walk = walkGlobs(abs, SOURCE_GLOBS);
  const lost = walk.skipped.filter((s) => s.reason !== 'already-walked');
  const problems = lost.map((s) => `${shown(join(abs, s.path))}: not checked: ${s.message}`);
  if (walk.files.length === 0 && lost.length === 0) problems.push(`${shown(abs)}: no PLC source files found (looked for ${SOURCE_GLOBS[0]})`);
  return {
    name: shown(abs),
    dialect: dialectOverride ?? 'codesys',
    files: walk.files.map((rel) => ({ path: shown(join(abs, rel)), text: readSource(join(abs, rel), abs, shown(join(abs, rel))) })),
    problems,
    notes: walk.skipped.filter((s) => s.reason === 'already-walked').map((s) => `${shown(join(abs, s.path))}: skipped: ${s.message}`),
  };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function existsEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

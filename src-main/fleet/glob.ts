import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, posix } from 'node:path';
import type { SkippedPath } from '../../src-shared/model/site.js';
import { describeKind, errnoWords, isInside } from './fleet-file.js';
import { folderMayHoldMatch, globToRegExp, normalizeGlob } from './glob-pattern.js';

export { folderMayHoldMatch, globProblem, globToRegExp } from './glob-pattern.js';

/** Folders a site's sources never live in; walking them would only cost time on big project media. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.svn', '_Boot', '_CompileInfo']);
export const MAX_GLOB_DEPTH = 12;
export const MAX_GLOB_ENTRIES = 50_000;

export interface GlobWalk {
  /** Matching regular files, relative to the walked folder (as the folder shows them, through links), sorted. */
  files: string[];
  /** Every path that could have held a match but was not taken, with the reason; sorted by path. */
  skipped: SkippedPath[];
}

/**
 * Every regular file under `dir` matching any of the globs, and every path that was not taken.
 *
 * Links are followed when their real path lies inside `root` (the fleet folder; by default `dir` itself), so a
 * source folder or file linked from elsewhere in the fleet is read like any other; a link out of `root`, a broken
 * link, a link loop (a folder reached again through a link), a FIFO, device or socket that a glob matches, an
 * unreadable folder, a folder deeper than MAX_GLOB_DEPTH and the entries past MAX_GLOB_ENTRIES are reported in
 * `skipped`, never silently dropped. Folders and entries no glob could match are neither walked nor reported.
 * Only names are looked at: nothing is opened but folders.
 */
export function walkGlobs(dir: string, globs: readonly string[], root: string = dir, limits: { depth: number; entries: number } = { depth: MAX_GLOB_DEPTH, entries: MAX_GLOB_ENTRIES }): GlobWalk {
  const normalized = globs.map(normalizeGlob);
  const patterns = normalized.map((g) => globToRegExp(g));
  const matches = (rel: string): boolean => patterns.some((p) => p.test(rel));
  const mayHold = (rel: string): boolean => normalized.some((g) => folderMayHoldMatch(g, rel));
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  const skip = (path: string, reason: SkippedPath['reason'], message: string): void => void skipped.push({ path, reason, message });

  let rootReal: string;
  let dirReal: string;
  try {
    rootReal = realpathSync(root);
    dirReal = realpathSync(dir);
  } catch (err) {
    skip('.', 'unreadable', `the folder cannot be read (${errnoWords(err)})`);
    return { files, skipped };
  }
  if (!isInside(rootReal, dirReal)) {
    skip('.', 'outside-fleet', `the folder is a link that points outside the fleet folder (to ${dirReal})`);
    return { files, skipped };
  }

  /** Real path of every folder walked, with the path it was walked as. */
  const walked = new Map<string, string>();
  let seen = 0;
  let stopped = false;
  const walk = (abs: string, real: string, rel: string, depth: number, ancestors: readonly string[]): void => {
    walked.set(real, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      skip(rel || '.', 'unreadable', `the folder cannot be read (${errnoWords(err)})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (stopped) return;
      if (++seen > limits.entries) {
        stopped = true;
        skip(rel || '.', 'too-many-entries', `more than ${limits.entries} entries under the site folder; the walk stopped here and later files were not looked at`);
        return;
      }
      const relPath = rel ? posix.join(rel, e.name) : e.name;
      const full = join(abs, e.name);
      let kind: 'dir' | 'file' | 'other';
      let target = join(real, e.name);
      if (e.isSymbolicLink()) {
        if (!matches(relPath) && !mayHold(relPath)) continue;
        try {
          target = realpathSync(full);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') skip(relPath, 'broken-link', 'a broken link (its target does not exist)');
          else if (code === 'ELOOP') skip(relPath, 'link-loop', 'a link loop (the link leads back to itself)');
          else skip(relPath, 'unreadable', `a link that cannot be followed (${errnoWords(err)})`);
          continue;
        }
        try {
          const st = statSync(target);
          kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
        } catch (err) {
          skip(relPath, 'unreadable', `a link whose target cannot be read (${errnoWords(err)})`);
          continue;
        }
        // Only the target's type is looked at (never its content) to know whether a glob could want it.
        const wanted = kind === 'dir' ? !SKIPPED_DIRS.has(e.name) && mayHold(relPath) : matches(relPath);
        if (!wanted) continue;
        if (!isInside(rootReal, target)) {
          skip(relPath, 'outside-fleet', `a link that points outside the fleet folder (to ${target}); it is not followed`);
          continue;
        }
      } else kind = e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';

      if (kind === 'dir') {
        if (SKIPPED_DIRS.has(e.name) || !mayHold(relPath)) continue;
        if (ancestors.includes(target)) {
          skip(relPath, 'link-loop', `a link back to ${walked.get(target) || 'the site folder'}, which holds it (a loop); it is not followed`);
        } else if (walked.has(target)) {
          skip(relPath, 'already-walked', `the same folder as ${walked.get(target) || 'the site folder'}, which is walked once`);
        } else if (depth + 1 > limits.depth) {
          skip(relPath, 'too-deep', `more than ${limits.depth} folders deep; not looked into`);
        } else walk(full, target, relPath, depth + 1, [...ancestors, target]);
      } else if (matches(relPath)) {
        if (kind === 'file') files.push(relPath);
        else skip(relPath, 'not-regular', `${kindOf(full)}, not a regular file; it is not read`);
      }
    }
  };
  walk(dir, dirReal, '', 0, [dirReal]);
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: files.sort(), skipped };
}

/** Every file under `dir` (relative, forward slashes, sorted) matching any of the globs; see walkGlobs. */
export function expandGlobs(dir: string, globs: readonly string[], root: string = dir): string[] {
  return walkGlobs(dir, globs, root).files;
}

function kindOf(path: string): string {
  try {
    return describeKind(statSync(path));
  } catch {
    try {
      return describeKind(lstatSync(path));
    } catch {
      return 'not a regular file';
    }
  }
}

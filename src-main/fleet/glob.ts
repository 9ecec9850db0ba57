import { readdirSync, type Dirent } from 'node:fs';
import { join, posix } from 'node:path';

/** Folders a site's sources never live in; walking them would only cost time on big project media. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.svn', '_Boot', '_CompileInfo']);
const MAX_DEPTH = 12;
const MAX_ENTRIES = 50_000;

/**
 * Translates a site.yaml glob (`*`, `**`, `?`, `{a,b}`) into a RegExp over forward-slash relative paths.
 * Matching is case-insensitive because vendor tools on Windows write `.ST`, `.st` and `.St` alike.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inBrace = false;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 3 : 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inBrace = true;
    } else if (c === '}' && inBrace) {
      re += ')';
      inBrace = false;
    } else if (c === ',' && inBrace) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  return new RegExp('^' + re + '$', 'i');
}

/** Why a glob may not be used, or null. Globs stay inside their site folder. */
export function globProblem(glob: string): string | null {
  if (glob.trim() === '') return 'a glob may not be empty';
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob)) return `"${glob}" must be relative to the site folder`;
  if (glob.split(/[\\/]/).includes('..')) return `"${glob}" may not leave the site folder with ".."`;
  return null;
}

/** Every file under `root` (relative, forward slashes, sorted) matching any of the globs. */
export function expandGlobs(root: string, globs: readonly string[]): string[] {
  const patterns = globs.map((g) => globToRegExp(g.replace(/\\/g, '/').replace(/^\.\//, '')));
  const found: string[] = [];
  let seen = 0;
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return;
      const relPath = rel ? posix.join(rel, e.name) : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) walk(join(dir, e.name), relPath, depth + 1);
      } else if (e.isFile() && patterns.some((p) => p.test(relPath))) {
        found.push(relPath);
      }
    }
  };
  walk(root, '', 0);
  return found.sort();
}

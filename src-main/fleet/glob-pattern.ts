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

/** A glob with `\` as `/` and without a leading `./`, as the walk matches it. */
export function normalizeGlob(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * Whether a folder (relative, forward slashes) could hold a file the glob matches: the walk neither enters nor
 * reports a folder that cannot. Conservative: a brace holding a `/` or a `**` inside a segment matches anything.
 */
export function folderMayHoldMatch(glob: string, folder: string): boolean {
  const g = normalizeGlob(glob);
  if (/\{[^}]*\/[^}]*\}/.test(g)) return true;
  const gs = g.split('/');
  const ds = folder.split('/');
  const segment = new Map<number, RegExp>();
  const matchSeg = (gi: number, name: string): boolean => {
    let re = segment.get(gi);
    if (!re) segment.set(gi, (re = globToRegExp(gs[gi]!)));
    return re.test(name);
  };
  const walk = (gi: number, di: number): boolean => {
    if (di === ds.length) return gi < gs.length;
    if (gi === gs.length) return false;
    if (gs[gi]!.includes('**')) return walk(gi + 1, di) || walk(gi, di + 1);
    return matchSeg(gi, ds[di]!) && walk(gi + 1, di + 1);
  };
  return walk(0, 0);
}

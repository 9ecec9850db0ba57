import { unifiedDiff } from '../change/line-diff.js';

/** A path the agent named that is not a file of the working copy (absolute, `..`, or simply not there). */
export class WorkingCopyPathError extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`${JSON.stringify(path)}: ${reason}`);
    this.name = 'WorkingCopyPathError';
    this.path = path;
  }
}

export interface SourceFile {
  path: string;
  text: string;
}

/**
 * A site's source files held in memory (site-relative path -> exact text), which the agent reads and edits.
 * Paths are confined: only the copy's own paths are accepted, matched exactly and case-sensitively; absolute
 * paths and `..` segments are refused with an error that names the path. Nothing here touches the disk.
 */
export class WorkingCopy {
  private readonly original: ReadonlyMap<string, string>;
  private readonly files: Map<string, string>;

  constructor(files: Iterable<SourceFile>) {
    const m = new Map<string, string>();
    for (const f of files) {
      if (m.has(f.path)) throw new WorkingCopyPathError(f.path, 'appears twice in the working copy');
      const bad = pathProblem(f.path);
      if (bad) throw new WorkingCopyPathError(f.path, bad);
      m.set(f.path, f.text);
    }
    this.original = new Map(m);
    this.files = m;
  }

  /** The copy's paths, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Returns `path` when it is a file of the copy, else throws WorkingCopyPathError saying why not. */
  resolve(path: string): string {
    const bad = pathProblem(path);
    if (bad) throw new WorkingCopyPathError(path, bad);
    if (!this.files.has(path)) {
      const near = this.paths().find((p) => p.toLowerCase() === path.toLowerCase() || p.endsWith('/' + path));
      throw new WorkingCopyPathError(path, `no such file in the working copy${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}; files: ${this.paths().join(', ')}`);
    }
    return path;
  }

  read(path: string): string {
    return this.files.get(this.resolve(path))!;
  }

  /** Replaces an existing file's text; new files cannot be created. */
  write(path: string, text: string): void {
    this.files.set(this.resolve(path), text);
  }

  sources(): SourceFile[] {
    return this.paths().map((path) => ({ path, text: this.files.get(path)! }));
  }

  originalSources(): SourceFile[] {
    return [...this.original.keys()].sort().map((path) => ({ path, text: this.original.get(path)! }));
  }

  /** Paths whose text differs from the original, sorted. */
  changedPaths(): string[] {
    return this.paths().filter((p) => this.files.get(p) !== this.original.get(p));
  }

  /** The changed files, each with its original and current text. */
  changes(): { path: string; before: string; after: string }[] {
    return this.changedPaths().map((path) => ({ path, before: this.original.get(path)!, after: this.files.get(path)! }));
  }

  /** Unified diff of the copy against the original; empty when nothing changed. */
  diff(): string {
    return this.changes()
      .map((c) => unifiedDiff(c.path, c.before, c.after))
      .join('');
  }
}

function pathProblem(path: string): string | null {
  if (path === '') return 'empty path';
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return 'absolute paths are not allowed; use a path relative to the site, as list_files shows it';
  if (path.split(/[\\/]/).includes('..')) return '".." is not allowed; the agent can only touch files of the working copy';
  return null;
}

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { AppError } from '../app/app-error.js';

/**
 * The one way a file is read from a fleet folder (site.yaml, sources, scenarios, `plantshift check PATH`).
 *
 * Fleet folders come from removable media and other people's archives, so a path may be a link out of the fleet
 * (to /etc/passwd), a FIFO (which blocks a plain open for ever) or a device (/dev/zero never ends). This reader
 * refuses all of them without blocking and without reading more than the cap:
 * - the path's real path must lie inside the fleet root's real path (links inside the fleet are followed);
 * - the target is stat'ed before it is opened, so a FIFO or device is never even opened;
 * - it is opened with O_NONBLOCK (and O_NOFOLLOW on the resolved path) and the opened descriptor is checked
 *   again (a regular file, within the cap), so a swap between the check and the open cannot fool it;
 * - at most cap + 1 bytes are read, so a growing file or a lying size cannot make it read more.
 * Every refusal is an AppError naming the file as the fleet shows it; never a line of what the file holds.
 */

/** O_NONBLOCK and O_NOFOLLOW where the platform has them (not on Windows, where FIFOs are not files anyway). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

export interface FleetFileOptions {
  /**
   * The folder the file must lie in after following links (the fleet folder, or a site opened on its own), or
   * null for a file a person named explicitly (`plantshift check FILE`), which may lie anywhere.
   */
  root: string | null;
  /** The most bytes the file may have. */
  maxBytes: number;
  /** The file as messages name it (as the fleet shows it); default: the path as given. */
  shown?: string;
  /** What the file is, for messages ("site.yaml", "source file", "scenario"); default "file". */
  what?: string;
}

/** A refusal or failure of readFleetFile: `why` is the message without the file's name in front. */
export class FleetFileError extends AppError {
  readonly why: string;
  constructor(code: 'not-found' | 'bad-data', shown: string, why: string) {
    super(code, `${shown}: ${why}`, [shown]);
    this.name = 'FleetFileError';
    this.why = why;
  }
}

/** What a non-regular file is, in words, for messages. */
export function describeKind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a link';
  return st.isFile() ? 'a regular file' : 'not a regular file';
}

/** Whether `real` (a real path) is `rootReal` or lies below it. */
export function isInside(rootReal: string, real: string): boolean {
  const rel = relative(rootReal, real);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + '/') && !rel.startsWith('..\\') && !isAbsolute(rel));
}

/** The real path of a fleet root; an AppError naming it when it cannot be resolved. */
export function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch (err) {
    throw new AppError('not-found', `fleet folder not found: ${root} (${errnoWords(err)})`, [root]);
  }
}

/** A short reason for a failed fs call: the error code in words, never anything the file holds. */
export function errnoWords(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a link loop';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'a folder';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

/** Reads one file of a fleet folder under the rules above; throws AppError, never blocks. */
export function readFleetFile(path: string, opts: FleetFileOptions): Buffer {
  const abs = resolve(path);
  const shown = opts.shown ?? path;
  const what = opts.what ?? 'file';
  const fail = (code: 'not-found' | 'bad-data', why: string): never => {
    throw new FleetFileError(code, shown, why);
  };
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && isLink(abs)) return fail('not-found', `the ${what} is a broken link (its target does not exist)`);
    if (code === 'ENOENT') return fail('not-found', `no such ${what}`);
    return fail('bad-data', `cannot read the ${what}: ${errnoWords(err)}`);
  }
  if (opts.root !== null) {
    const rootReal = realRoot(opts.root);
    if (!isInside(rootReal, real)) {
      return fail('bad-data', `the ${what} is a link that points outside the fleet folder (to ${real}); only files inside ${opts.root} are read`);
    }
  }
  let st: Stats;
  try {
    st = statSync(real);
  } catch (err) {
    return fail('bad-data', `cannot read the ${what}: ${errnoWords(err)}`);
  }
  if (!st.isFile()) return fail('bad-data', `the ${what} is ${describeKind(st)}, not a regular file; it is not read`);
  if (st.size > opts.maxBytes) return fail('bad-data', `the ${what} is larger than ${opts.maxBytes} bytes; it is not read`);

  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (err) {
    return fail('bad-data', `cannot open the ${what}: ${errnoWords(err)}`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return fail('bad-data', `the ${what} is ${describeKind(opened)}, not a regular file; it is not read`);
    if (opened.size > opts.maxBytes) return fail('bad-data', `the ${what} is larger than ${opts.maxBytes} bytes; it is not read`);
    const bytes = readCapped(fd, opts.maxBytes, opened.size);
    if (bytes === null) return fail('bad-data', `the ${what} is larger than ${opts.maxBytes} bytes; it is not read`);
    return bytes;
  } catch (err) {
    if (err instanceof AppError) throw err;
    return fail('bad-data', `cannot read the ${what}: ${errnoWords(err)}`);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, or null as soon as more than `cap` bytes came (never reads more than cap + 1). */
function readCapped(fd: number, cap: number, sizeHint: number): Buffer | null {
  let buf = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(sizeHint + 1, 4096)));
  let got = 0;
  for (;;) {
    if (got === buf.length) {
      if (buf.length > cap) return null;
      const bigger = Buffer.allocUnsafe(Math.min(cap + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) break;
    got += n;
  }
  if (got > cap) return null;
  return buf.subarray(0, got);
}

function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

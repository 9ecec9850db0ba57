import { closeSync, constants, fstatSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { AppError } from '../app/app-error.js';
import { describeKind, errnoWords } from '../fleet/fleet-file.js';

/** O_NONBLOCK where the platform has it: opening a FIFO with no reader then fails at once instead of waiting. */
const OPEN_FLAGS = constants.O_WRONLY | constants.O_CREAT | (constants.O_NONBLOCK ?? 0);

/**
 * Writes a file a person named on the command line (`--html FILE`, `--vcd FILE`). Only a regular file is
 * written: an existing FIFO, device, socket or folder at that path is refused without blocking (the descriptor
 * is checked after the non-blocking open, and the file is truncated only then).
 */
export function writeOutputFile(path: string, data: string | Uint8Array, what = 'output file'): void {
  const refuse = refuser(path, what);
  checkOutputTarget(path, what);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS, 0o666);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(code === 'ENXIO' ? 'is a FIFO (named pipe)' : `cannot be written (${errnoWords(err)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) refuse(`is ${describeKind(st)}`);
    ftruncateSync(fd, 0);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  } catch (err) {
    if (err instanceof AppError) throw err;
    refuse(`cannot be written (${errnoWords(err)})`);
  } finally {
    closeSync(fd);
  }
}

/** Refuses, before any work is done, an output path that exists and is not a regular file. */
export function checkOutputTarget(path: string, what = 'output file'): void {
  const refuse = refuser(path, what);
  try {
    const st = statSync(path);
    if (!st.isFile()) refuse(`is ${describeKind(st)}`);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') refuse(`cannot be written (${errnoWords(err)})`);
  }
}

function refuser(path: string, what: string): (why: string) => never {
  return (why) => {
    throw new AppError('invalid-input', `${path}: the ${what} ${why}; give the path of a regular file`, [path]);
  };
}

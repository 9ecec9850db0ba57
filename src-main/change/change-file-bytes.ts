import type { ChangedFile } from '../../src-shared/model/change.js';
import { AppError } from '../app/app-error.js';
import { encodeSource } from '../plc/source/text-encoding.js';

/**
 * The bytes a stored change file stands for: its proposed (`after`) or original (`before`) text written in the
 * file's own encoding, BOM and line ends as they are in the text. `before` gives the file's original bytes
 * exactly, so a writer can check the file on disk is still the one the change was made from (compare with
 * `beforeSha256`), and `after` differs from it only where the change meant to.
 */
export function changeFileBytes(file: Pick<ChangedFile, 'path' | 'before' | 'after' | 'encoding'>, side: 'before' | 'after' = 'after'): Uint8Array {
  const r = encodeSource(side === 'after' ? file.after : file.before, file.encoding);
  if (!r.ok) throw new AppError('bad-data', `${file.path}: the ${side === 'after' ? 'proposed' : 'original'} text cannot be written back: ${r.message}`, [file.path]);
  return r.bytes;
}

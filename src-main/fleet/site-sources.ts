import { join } from 'node:path';
import type { SiteSummary } from '../../src-shared/model/site.js';
import { AppError } from '../app/app-error.js';
import { readFleetFile } from './fleet-file.js';
import { decodeSource, type SourceEncoding } from '../plc/source/text-encoding.js';

/** No PLC source file is this large; a file that is must not be pulled into memory and a diff editor whole. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

export interface SourceFile {
  /** Relative to the site folder, forward slashes. */
  path: string;
  text: string;
}

/** A source file as read from the site folder. */
export interface SiteSourceFile extends SourceFile {
  /** How the file's bytes were decoded; writing `text` back in it gives the same bytes. */
  encoding: SourceEncoding;
}

/**
 * Reads a site's sources as exact text: BOM and line endings are kept so that unchanged bytes stay unchanged.
 * Each file goes through the fleet reader: a regular file inside the site's root, at most MAX_SOURCE_BYTES.
 */
export function readSiteSources(site: SiteSummary): SiteSourceFile[] {
  return site.sourceFiles.map((rel) => {
    const abs = join(site.dir, rel);
    const buf = readFleetFile(abs, { root: site.root, maxBytes: MAX_SOURCE_BYTES, shown: abs, what: 'source file' });
    const decoded = decodeSource(buf, { declared: site.config?.encoding ?? null });
    if (!decoded.ok) throw new AppError('bad-data', `${abs}: ${decoded.message}`, [abs]);
    const { text, encoding } = decoded.value;
    if (text.includes('\u0000')) throw new AppError('bad-data', `${abs}: binary file, not PLC source text`, [abs]);
    return { path: rel, text, encoding };
  });
}

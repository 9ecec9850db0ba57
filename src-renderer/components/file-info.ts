import type { ChangedFile } from '../../src-shared/model/change.js';

const ENCODING_NAMES: Record<ChangedFile['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le-bom': 'UTF-16LE with BOM',
  'utf-16be-bom': 'UTF-16BE with BOM',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1252': 'windows-1252',
  'windows-1250': 'windows-1250',
};

/** How a text ends its lines: CRLF, LF, CR, mixed, or none for a single line. */
export function lineEndsLabel(text: string): 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r/g) ?? []).length - crlf;
  const kinds = [crlf, lf, cr].filter((n) => n > 0).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf ? 'CRLF' : lf ? 'LF' : 'CR';
}

/** "windows-1252, CRLF": the encoding and line ends the proposed file is written back in, as they were read. */
export function fileInfo(file: Pick<ChangedFile, 'encoding' | 'before'>): string {
  const eol = lineEndsLabel(file.before);
  return `${ENCODING_NAMES[file.encoding]}${eol === 'none' ? '' : `, ${eol === 'mixed' ? 'mixed line ends' : eol}`}`;
}

import { diag } from '../diagnostics/catalog.js';
import type { FormatResult } from '../formats/format-result.js';
import { readL5k } from '../formats/l5k.js';
import { readL5x } from '../formats/l5x.js';
import { readPlcopen } from '../formats/plcopen.js';
import { readTwincat } from '../formats/twincat.js';
import { MappedSource } from '../source/mapped-source.js';

export type SourceFormat = 'st' | 'twincat' | 'plcopen' | 'l5x' | 'l5k';

/** Decides a file's format by extension, and by root element for `.xml` (PLCopen and L5X both use it). */
export function sourceFormat(file: string, text: string): SourceFormat | null {
  const ext = /\.[^./\\]+$/.exec(file)?.[0].toLowerCase() ?? '';
  switch (ext) {
    case '.st':
    case '.scl':
    case '.exp':
    case '.iecst':
    case '.awl':
      return 'st';
    case '.tcpou':
    case '.tcdut':
    case '.tcgvl':
    case '.tcio':
    case '.tcitf':
      return 'twincat';
    case '.l5x':
      return 'l5x';
    case '.l5k':
      return 'l5k';
    case '.xml': {
      const head = text.slice(0, 4096);
      if (/<RSLogix5000Content\b/.test(head)) return 'l5x';
      if (/<TcPlcObject\b/.test(head)) return 'twincat';
      if (/<project\b/.test(head)) return 'plcopen';
      return null;
    }
  }
  return null;
}

/** Reads one source file of any supported format into ST sources with their offset maps. Never throws. */
export function readSourceFile(file: string, text: string): FormatResult {
  if (text.includes('\u0000')) {
    return { sources: [], ladders: [], diagnostics: [diag('FMT0002', { file, start: 0, end: 0 }, `${file} is a binary file, not source text`)] };
  }
  switch (sourceFormat(file, text)) {
    case 'st':
      return { sources: [MappedSource.identity(file, text)], ladders: [], diagnostics: [] };
    case 'twincat':
      return readTwincat(file, text);
    case 'plcopen':
      return readPlcopen(file, text);
    case 'l5x':
      return readL5x(file, text);
    case 'l5k':
      return readL5k(file, text);
    case null:
      return {
        sources: [],
        ladders: [],
        diagnostics: [diag('FMT0001', { file, start: 0, end: 0 }, `${file}: not a recognised PLC source format (ST, SCL, TwinCAT, PLCopen XML, L5X, L5K)`)],
      };
  }
}

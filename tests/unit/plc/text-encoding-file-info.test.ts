import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineEndsOf } from '../../../src-main/plc/source/text-encoding.js';
import { fileInfo, lineEndsLabel } from '../../../src-renderer/components/file-info.js';

describe('the file info beside a changed file in the review', () => {
  it('names the encoding and the line ends', () => {
    expect(fileInfo({ encoding: 'windows-1252', before: '(* Ä *)\r\nx := 1;\r\n' })).toBe('windows-1252, CRLF');
    expect(fileInfo({ encoding: 'utf-16le-bom', before: '\uFEFF<?xml?>\n<a/>\n' })).toBe('UTF-16LE with BOM, LF');
    expect(fileInfo({ encoding: 'utf-8', before: 'a\r\nb\nc' })).toBe('UTF-8, mixed line ends');
    expect(fileInfo({ encoding: 'utf-8-bom', before: '\uFEFFx := 1;' })).toBe('UTF-8 with BOM');
  });

  it('tells line ends as the language core does (the UI cannot import it, so the two are checked equal)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '\r', '\n', '\r\n', 'Ä'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(lineEndsLabel(text)).toBe(lineEndsOf(text));
      }),
      { numRuns: 500 },
    );
  });
});

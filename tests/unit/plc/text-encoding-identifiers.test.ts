import { describe, expect, it } from 'vitest';
import { codeInfo } from '../../../src-main/plc/diagnostics/catalog.js';
import { decodeSource } from '../../../src-main/plc/source/text-encoding.js';
import { SourceText } from '../../../src-main/plc/source/source-text.js';
import { lex } from '../../../src-main/plc/st/lexer.js';

function st1013(text: string, dialect: 'codesys' | 'scl' = 'codesys'): { line: number; column: number; char: string; message: string }[] {
  const src = new SourceText('t.st', text);
  return lex(text, 't.st', dialect)
    .diagnostics.filter((d) => d.code === 'ST1013')
    .map((d) => ({ ...src.lineCol(d.span.start), char: text.slice(d.span.start, d.span.end), message: d.message }));
}

describe('ST1013: identifiers hold only A-Z, a-z, 0-9 and _', () => {
  it('is an error in the catalog that says what to do', () => {
    const info = codeInfo('ST1013')!;
    expect(info.severity).toBe('error');
    expect(info.explanation).toMatch(/Rename/);
    expect(info.explanation).toMatch(/U\+FFFD/);
  });

  it('points at the first non-ASCII character of a name, once per name', () => {
    const text = 'PROGRAM Main\r\nVAR\r\n  Größe : INT;\r\nEND_VAR\r\nGröße := 1;\r\n';
    expect(st1013(text)).toEqual([
      { line: 3, column: 5, char: 'ö', message: "identifier 'Größe' holds 'ö' (U+00F6); IEC 61131-3 names use only A-Z, a-z, 0-9 and _" },
      { line: 5, column: 3, char: 'ö', message: "identifier 'Größe' holds 'ö' (U+00F6); IEC 61131-3 names use only A-Z, a-z, 0-9 and _" },
    ]);
  });

  it('says bytes were lost when the name holds U+FFFD', () => {
    const [d] = st1013('x\uFFFDy := 1;');
    expect(d).toMatchObject({ line: 1, column: 2, char: '\uFFFD' });
    expect(d!.message).toMatch(/replacement character: bytes of this name were lost/);
  });

  it('leaves comments, strings and plain ASCII names alone; checks typed enum values and SCL #names', () => {
    expect(st1013("(* Änderung *) s := 'Größe'; t := STRING#'Ä'; // ß\nok_1 := 2;")).toEqual([]);
    expect(st1013('s := E_Zustand#Bereit_Ä;').map((d) => d.char)).toEqual(['Ä']);
    expect(st1013('#Zähler := 1;', 'scl').map((d) => [d.column, d.char])).toEqual([[3, 'ä']]);
    expect(st1013('x := a𝄞b;').map((d) => d.char)).toEqual(['𝄞']);
  });

  it('reports a Latin-1 name at its line and column once the file is decoded in its own encoding', () => {
    const bytes = Uint8Array.from([...'(* \xC4nderung *)\r\nZ\xE4hler := 1;\r\n'].map((c) => c.charCodeAt(0)));
    const d = decodeSource(bytes);
    if (!d.ok) throw new Error(d.message);
    expect(d.value.encoding).toBe('windows-1252');
    expect(st1013(d.value.text).map((x) => [x.line, x.column, x.char])).toEqual([[2, 2, 'ä']]);
  });
});

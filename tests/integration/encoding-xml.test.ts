import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSiteProgram } from '../../src-main/fleet/site-program.js';
import { loadSite } from '../../src-main/fleet/load-fleet.js';
import { readSiteSources } from '../../src-main/fleet/site-sources.js';
import { readSourceFile } from '../../src-main/plc/project/read-source-file.js';
import { decodeSource, encodeSource, type SourceEncoding } from '../../src-main/plc/source/text-encoding.js';
import { copyExampleFleet, EXAMPLE_FLEET } from '../helpers/temp.js';

const XML_FILES = ['palletizer-9/src/MAIN.TcPOU', 'filler-line-5/src/Filler_Line_5.xml', 'bottling-l5x-11/src/Capper_Line11.L5X'];

/** The file's text without a BOM, its XML declaration saying UTF-16 (as a tool that saved it so writes). */
function asUtf16Declared(rel: string): string {
  const text = readFileSync(join(EXAMPLE_FLEET, rel), 'utf8').replace(/^\uFEFF/, '');
  const declared = text.replace(/^(<\?xml[^>]*encoding=")[^"]*(")/i, '$1UTF-16$2');
  expect(declared).toMatch(/^<\?xml[^>]*encoding="UTF-16"/);
  return declared;
}

/** UTF-16 bytes made by Node's own encoder (independent of the codec under test). */
function utf16Bytes(text: string, encoding: SourceEncoding): Buffer {
  const le = Buffer.from(encoding.endsWith('-bom') ? `\uFEFF${text}` : text, 'utf16le');
  return encoding.startsWith('utf-16be') ? Buffer.from(le).swap16() : le;
}

const summary = (r: ReturnType<typeof readSourceFile>) => ({
  sources: r.sources.map((s) => s.text),
  ladders: r.ladders.length,
  diagnostics: r.diagnostics.map((d) => `${d.code} ${d.message}`),
});

describe('XML sources saved as UTF-16 are read like their UTF-8 originals, not called binary', () => {
  for (const rel of XML_FILES) {
    for (const encoding of ['utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'utf-16be'] as const) {
      it(`${rel} in ${encoding}`, () => {
        const text = asUtf16Declared(rel);
        const bytes = utf16Bytes(text, encoding);
        const d = decodeSource(bytes);
        if (!d.ok) throw new Error(d.message);
        expect(d.value.encoding).toBe(encoding);
        expect(d.value.text).toBe(encoding.endsWith('-bom') ? `\uFEFF${text}` : text);
        const name = rel.split('/').pop()!;
        const read = readSourceFile(name, d.value.text);
        expect(read.diagnostics.filter((x) => x.code.startsWith('FMT'))).toEqual([]);
        expect(read.sources.length + read.ladders.length).toBeGreaterThan(0);
        expect(summary(read)).toEqual(summary(readSourceFile(name, text)));
        const back = encodeSource(d.value.text, d.value.encoding);
        expect(back.ok && Buffer.from(back.bytes).equals(bytes)).toBe(true);
      });
    }
  }

  it('a TwinCAT site whose files are all UTF-16LE with a BOM checks and compiles as the UTF-8 one does', () => {
    const dir = join(copyExampleFleet(), 'palletizer-9');
    const src = join(dir, 'src');
    for (const name of readdirSync(src)) {
      const text = readFileSync(join(src, name), 'utf8').replace(/^\uFEFF/, '').replace(/^(<\?xml[^>]*encoding=")[^"]*(")/i, '$1UTF-16$2');
      writeFileSync(join(src, name), Buffer.from(`\uFEFF${text}`, 'utf16le'));
    }
    const site = loadSite(dir);
    const sources = readSiteSources(site);
    expect(new Set(sources.map((f) => f.encoding))).toEqual(new Set(['utf-16le-bom']));
    const built = buildSiteProgram(dir, site.config!, sources);
    expect(built.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
    expect(built.program).not.toBeNull();
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../src-main/fleet/load-fleet.js';
import { projectForPath } from '../../../src-main/fleet/project-files.js';
import { parseSiteConfig } from '../../../src-main/fleet/site-config.js';
import { readSiteSources } from '../../../src-main/fleet/site-sources.js';
import { DECLARABLE_ENCODINGS, encodeSource } from '../../../src-main/plc/source/text-encoding.js';
import { DECLARABLE_SOURCE_ENCODINGS } from '../../../src-shared/model/site.js';
import { tempDir } from '../../helpers/temp.js';

const YAML = (extra: string): string => `id: line-1\nname: Line 1\nplatform: codesys\nsources: ["src/*.st"]\nentry: Main\ncycle: 10ms\n${extra}`;

function site(extra: string, bytes: Uint8Array): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'site.yaml'), YAML(extra));
  const src = join(dir, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'Main.st'), bytes);
  return dir;
}

describe('site.yaml encoding:', () => {
  it('lists the same declarable encodings as the codec', () => {
    expect([...DECLARABLE_SOURCE_ENCODINGS]).toEqual([...DECLARABLE_ENCODINGS]);
  });

  it('is optional, accepts cp1252 spellings and refuses an unknown code page naming key and line', () => {
    expect(parseSiteConfig(YAML(''), 'site.yaml').config?.encoding ?? null).toBeNull();
    expect(parseSiteConfig(YAML('encoding: CP1252\n'), 'site.yaml').config?.encoding).toBe('windows-1252');
    expect(parseSiteConfig(YAML('encoding: windows-1250\n'), 'site.yaml').config?.encoding).toBe('windows-1250');
    const bad = parseSiteConfig(YAML('encoding: shift_jis\n'), 'site.yaml');
    expect(bad.config).toBeNull();
    expect(bad.problems).toEqual([expect.objectContaining({ field: 'encoding', line: 7, message: expect.stringContaining('shift_jis') })]);
  });

  it('keeps an all-ASCII file in the declared code page, so an added Ä is written as one windows-1252 byte', () => {
    const ascii = new TextEncoder().encode('PROGRAM Main\r\nEND_PROGRAM\r\n');
    const declared = readSiteSources(loadSite(site('encoding: windows-1252\n', ascii)))[0]!;
    expect(declared.encoding).toBe('windows-1252');
    const enc = encodeSource(declared.text.replace('END_PROGRAM', '(* Änderung *)\r\nEND_PROGRAM'), declared.encoding);
    expect(enc.ok && [...enc.bytes].filter((b) => b === 0xc4)).toEqual([0xc4]);
    // Undeclared, the same bytes are plain UTF-8.
    expect(readSiteSources(loadSite(site('', ascii)))[0]!.encoding).toBe('utf-8');
  });

  it('reads a windows-1250 site as declared (check shows the Czech letters, not windows-1252 ones)', () => {
    // 0x9E is ž in windows-1250 and ž in windows-1252 too; 0xE8 is č in windows-1250 but è in windows-1252.
    const bytes = Uint8Array.from([...new TextEncoder().encode('PROGRAM Main\n(* '), 0xe8, ...new TextEncoder().encode(' *)\nEND_PROGRAM\n')]);
    const dir = site('encoding: windows-1250\n', bytes);
    expect(readSiteSources(loadSite(dir))[0]!.text).toContain('(* č *)');
    expect(projectForPath(dir, dir, null).files[0]!.text).toContain('(* č *)');
    expect(readSiteSources(loadSite(site('', bytes)))[0]!.text).toContain('(* è *)');
  });

  it('with utf-8 declared, refuses a file that is not UTF-8 instead of guessing a code page', () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('PROGRAM Main\n(* '), 0xc4, ...new TextEncoder().encode(' *)\nEND_PROGRAM\n')]);
    expect(() => readSiteSources(loadSite(site('encoding: utf-8\n', latin1)))).toThrow(/Main\.st.*line 2/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { cliMain } from '../../src-main/cli/main.js';
import { EXAMPLE_FLEET, tempDir } from '../helpers/temp.js';

async function check(cwd: string, ...paths: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliMain(['check', ...paths], { out: (t) => (out += t), err: (t) => (err += t), clock: fixedClock('2026-11-25T10:00:00Z'), cwd });
  return { code, out, err };
}

describe('plantshift check reads each file in its own encoding', () => {
  it('a windows-1252 file: the comment reads Änderung, a Latin-1 name is ST1013 at its character', async () => {
    const dir = tempDir();
    const text = '(* Änderung 2019 *)\r\nPROGRAM Main\r\nVAR\r\n  Zähler : INT;\r\nEND_VAR\r\nZähler := Zähler + 1;\r\nEND_PROGRAM\r\n';
    writeFileSync(join(dir, 'Main.st'), Buffer.from(text, 'latin1'));
    const r = await check(dir, 'Main.st');
    expect(r.code).toBe(1);
    expect(r.out).toContain("Main.st:4:4: error ST1013: identifier 'Zähler' holds 'ä' (U+00E4)");
    expect(r.out).toContain(' 4 |   Zähler : INT;');
    expect(r.out).not.toContain('\uFFFD');
    expect(r.out.match(/ST1013/g)).toHaveLength(3);
  });

  it('a TwinCAT file saved as UTF-16LE with a BOM is read like its UTF-8 original, not called binary', async () => {
    const dir = tempDir();
    const original = readFileSync(join(EXAMPLE_FLEET, 'palletizer-9', 'src', 'FB_Cylinder.TcPOU'), 'utf8').replace(/^\uFEFF/, '');
    writeFileSync(join(dir, 'utf8.TcPOU'), original);
    writeFileSync(join(dir, 'utf16.TcPOU'), Buffer.from(`\uFEFF${original.replace(/encoding="utf-8"/i, 'encoding="UTF-16"')}`, 'utf16le'));
    const utf8 = await check(dir, 'utf8.TcPOU');
    const utf16 = await check(dir, 'utf16.TcPOU');
    expect(utf16.out).not.toMatch(/binary|FMT/);
    expect(utf16.code).toBe(utf8.code);
    expect(utf16.out.replaceAll('utf16.TcPOU', 'X')).toBe(utf8.out.replaceAll('utf8.TcPOU', 'X'));
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { cliMain } from '../../src-main/cli/main.js';
import { CATALOG } from '../../src-main/plc/diagnostics/catalog.js';
import { REPO, tempDir } from '../helpers/temp.js';

async function run(args: string[], cwd = REPO): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliMain(args, { out: (t) => (out += t), err: (t) => (err += t), clock: fixedClock('2026-11-25T10:00:00Z'), cwd });
  return { code, out, err };
}

describe('plantshift check', () => {
  it('passes the example sites, each checked as one project with its platform', async () => {
    for (const site of ['conveyor-line-1', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2']) {
      const r = await run(['check', `examples/fleet/${site}`]);
      expect(r.out, site).toMatch(/^0 errors, \d+ warnings? in [34] files\n$/m);
      expect(r.code, site).toBe(0);
    }
  });

  it('prints file:line:col, the source line and a caret, and exits 1 on errors', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.st'), 'PROGRAM P\nVAR\n  x : INT;\nEND_VAR\n  x := 1\n  y := 2;\nEND_PROGRAM\n');
    const r = await run(['check', 'bad.st'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("bad.st:6:3: error ST1005: expected ';' after the statement, found 'y'\n 6 |   y := 2;\n   |   ^\n");
    // The rest of the broken statement is skipped, so `y` is not reported a second time as undeclared.
    expect(r.out).toMatch(/^1 error, 0 warnings in 1 file$/m);
  });

  it('writes the documented JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.st'), 'PROGRAM P\n  x := 1;\nEND_PROGRAM\n');
    writeFileSync(join(dir, 'b.st'), 'PROGRAM Q\nEND_PROGRAM\n');
    const r = await run(['check', '--json', '.'], dir);
    const json = JSON.parse(r.out) as { files: { path: string; diagnostics: Record<string, unknown>[] }[]; errors: number; warnings: number };
    expect(r.code).toBe(1);
    expect(json.files.map((f) => f.path).sort()).toEqual(['a.st', 'b.st']);
    expect(json.errors).toBe(1);
    const d = json.files.find((f) => f.path === 'a.st')!.diagnostics[0]!;
    expect(Object.keys(d).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
    expect(d).toMatchObject({ code: 'ST2001', severity: 'error', line: 2, column: 3, endLine: 2, endColumn: 4 });
  });

  it('points into the container file for ST inside TwinCAT XML', async () => {
    const dir = tempDir();
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<TcPlcObject Version="1.1.0.1">',
      '  <POU Name="MAIN" Id="{00000000-0000-0000-0000-000000000001}" SpecialFunc="None">',
      '    <Declaration><![CDATA[PROGRAM MAIN',
      'VAR',
      '    n : INT;',
      'END_VAR]]></Declaration>',
      '    <Implementation>',
      '      <ST><![CDATA[n := n + 1',
      'n := 0;]]></ST>',
      '    </Implementation>',
      '  </POU>',
      '</TcPlcObject>',
    ].join('\n');
    writeFileSync(join(dir, 'MAIN.TcPOU'), xml);
    const r = await run(['check', 'MAIN.TcPOU'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("MAIN.TcPOU:10:1: error ST1005: expected ';' after the statement, found 'n'\n 10 | n := 0;]]></ST>\n");
  });

  it('reports a broken site.yaml and unreadable paths', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'site', 'src'), { recursive: true });
    writeFileSync(join(dir, 'site', 'site.yaml'), 'id: s\nname: S\nplatform: s5\nsources: ["src/*.st"]\nentry: Main\ncycle: 10ms\n');
    writeFileSync(join(dir, 'site', 'src', 'Main.st'), 'PROGRAM Main\nEND_PROGRAM\n');
    const r = await run(['check', 'site'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/site[\\/]site\.yaml:3: platform: expected one of/);
    const missing = await run(['check', 'nowhere'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nowhere: no such file or folder');
    const usage = await run(['check'], dir);
    expect(usage.code).toBe(2);
  });

  it('reports a file it cannot read as PLC source', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lib.st'), Buffer.from([0x50, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'notes.xml'), '<notes/>');
    const r = await run(['check', 'lib.st', 'notes.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/lib\.st:1:1: error FMT0002/);
    expect(r.out).toMatch(/notes\.xml:1:1: error FMT0001/);
  });
});

describe('plantshift explain', () => {
  it('explains a code, lists all, and refuses unknown codes', async () => {
    const r = await run(['explain', 'st1005']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ST1005 \(error\): Unexpected token\n\n/);
    const list = await run(['explain', '--list']);
    expect(list.out.split('\n').filter(Boolean).length).toBe(CATALOG.size);
    const bad = await run(['explain', 'ST9999']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown code "ST9999"');
  });

  it('every catalog code has a title and a real explanation', () => {
    for (const info of CATALOG.values()) {
      expect(info.code).toMatch(/^(ST[12]\d{3}|FMT\d{4}|LD\d{4}|IL\d{4})$/);
      expect(info.title.length, info.code).toBeGreaterThan(5);
      expect(info.explanation.length, info.code).toBeGreaterThan(80);
    }
  });
});

import { cpSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { cliMain } from '../../src-main/cli/main.js';
import { EXAMPLE_FLEET, tempDir } from '../helpers/temp.js';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliMain(args, { out: (t) => (out += t), err: (t) => (err += t), clock: fixedClock('2026-11-25T10:00:00Z'), cwd });
  return { code, out, err };
}

function pair(site: string, edit?: (after: string) => void): string {
  const dir = tempDir();
  cpSync(join(EXAMPLE_FLEET, site), join(dir, 'before'), { recursive: true });
  cpSync(join(EXAMPLE_FLEET, site), join(dir, 'after'), { recursive: true });
  edit?.(join(dir, 'after'));
  return dir;
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`edit does not apply: ${from}`);
  writeFileSync(file, text.replace(from, to));
}

interface JsonReport {
  verdict: string;
  safetyCritical: boolean;
  stages: { name: string; status: string; findings: { rule: string; severity: string; message: string; file: string | null; line: number | null }[] }[];
}

describe('plantshift verify', { timeout: 180_000 }, () => {
  it('passes an unchanged site through every stage, in order, and writes the HTML report', async () => {
    const dir = pair('mixing-tank-3');
    const r = await run(['verify', '--before', 'before', '--after', 'after', '--json', '--html', 'report.html'], dir);
    const json = JSON.parse(r.out) as JsonReport;
    expect(r.code).toBe(0);
    expect(json.verdict).toBe('pass');
    expect(json.safetyCritical).toBe(false);
    expect(json.stages.map((s) => [s.name, s.status])).toEqual([
      ['compile', 'pass'],
      ['safety', 'pass'],
      ['simulation', 'pass'],
      ['formal', 'pass'],
      ['judge', 'skipped'],
    ]);
    expect(Object.keys(json).sort()).toEqual(['safetyCritical', 'stages', 'verdict']);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/mixing-tank-3/);
    expect(html).not.toMatch(/<script/i);
  });

  it('fails an automatic restart in three independent stages, with evidence', async () => {
    const dir = pair('press-line-2', (after) =>
      replaceIn(join(after, 'src/Safety_Logic.st'), 'rsSafetyOK(SET := fbResetEdge.Q AND bChainOK, RESET1 := NOT bChainOK);', 'rsSafetyOK(SET := bChainOK, RESET1 := NOT bChainOK);'),
    );
    const r = await run(['verify', '--before', 'before', '--after', 'after', '--json'], dir);
    const json = JSON.parse(r.out) as JsonReport;
    expect(r.code).toBe(1);
    expect(json.verdict).toBe('fail');
    expect(json.safetyCritical).toBe(true);
    const stage = (n: string) => json.stages.find((s) => s.name === n)!;
    expect(stage('safety').status).toBe('fail');
    expect(stage('safety').findings.some((f) => f.rule === 'SAF004' && f.file === 'src/Safety_Logic.st' && f.line === 30)).toBe(true);
    expect(stage('simulation').findings.some((f) => f.rule === 'SIM-RESTART')).toBe(true);
    expect(stage('formal').findings.some((f) => f.rule === 'BMC-RESET' && f.severity === 'error')).toBe(true);
  });

  it('marks a comment-only edit of a safety POU safety-critical but lets it pass', async () => {
    const dir = pair('press-line-2', (after) => replaceIn(join(after, 'src/Safety_Logic.st'), '// ---- Hazardous outputs', '// ---- Hazardous outputs (reviewed 2026)'));
    const r = await run(['verify', '--before', 'before', '--after', 'after', '--json', '--fast'], dir);
    const json = JSON.parse(r.out) as JsonReport;
    expect(json.verdict).toBe('pass');
    expect(json.stages.map((s) => s.status)).toEqual(['pass', 'pass', 'skipped', 'skipped', 'skipped']);
  });

  it('fails when the after version does not compile, and has no way to skip the safety stage', async () => {
    const dir = pair('conveyor-line-1', (after) => replaceIn(join(after, 'src/Main.st'), 'END_PROGRAM', 'x := ;\nEND_PROGRAM'));
    const r = await run(['verify', '--before', 'before', '--after', 'after', '--json', '--fast'], dir);
    const json = JSON.parse(r.out) as JsonReport;
    expect(json.verdict).toBe('fail');
    expect(json.stages[0]!.status).toBe('fail');
    expect(json.stages[1]!.name).toBe('safety');
    for (const flag of ['--skip-safety', '--no-safety', '--safety=off']) {
      const bad = await run(['verify', '--before', 'before', '--after', 'after', flag], dir);
      expect(bad.code, flag).toBe(2);
    }
  });

  it('cannot run without both sites, or on a folder that is not a site', async () => {
    const dir = pair('conveyor-line-1');
    expect((await run(['verify', '--before', 'before'], dir)).code).toBe(2);
    const r = await run(['verify', '--before', 'before', '--after', 'nowhere'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nowhere/);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});

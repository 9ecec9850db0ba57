import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { cliMain } from '../../src-main/cli/main.js';
import { loadRecipes, requireRecipe } from '../../src-main/recipe/load-recipes.js';
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
    expect(Object.keys(json).sort()).toEqual(['openPoints', 'safetyCritical', 'stages', 'verdict']);
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

  it('reports a hazardous output that changes after a lamp, whether or not --allow names the lamp; a longer process step is not a failure', async () => {
    // Lamp_Fault no longer shows the unreset safety latch (differs from power-up); the dwell is 50 ms longer, so
    // Press_Up (hazardous) switches later on every stroke.
    const dir = pair('press-line-2', (after) => {
      replaceIn(join(after, 'src/Main.st'), 'Lamp_Fault := (iState = 90) OR (NOT Safety_OK) OR', 'Lamp_Fault := (iState = 90) OR');
      replaceIn(join(after, 'src/Main.st'), 'PT := T#300MS', 'PT := T#350MS');
    });
    for (const allow of [[], ['--allow', 'Lamp_Fault']]) {
      const r = await run(['verify', '--before', 'before', '--after', 'after', '--json', ...allow], dir);
      const json = JSON.parse(r.out) as JsonReport;
      const sim = json.stages.find((s) => s.name === 'simulation')!;
      expect(sim.status).toBe('pass');
      expect(sim.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(sim.findings.filter((f) => /^hazardous output Press_Up changed/.test(f.message)).map((f) => [f.severity, f.message])).toEqual([
        ['warning', expect.stringMatching(/^hazardous output Press_Up changed: TRUE before, FALSE after at \d+ ms .*off where it was on before: the safe direction$/)],
      ]);
      expect(sim.findings.some((f) => f.message.startsWith('output Lamp_Fault changed'))).toBe(allow.length === 0);
    }
    // The recipe's allowed differences are skipped the same way (read from the recipe, which may change).
    const recipe = requireRecipe(loadRecipes(promptsDir()), 'safety_interlock_update');
    const r = await run(['verify', '--before', 'before', '--after', 'after', '--json', '--recipe', recipe.id], dir);
    const sim = (JSON.parse(r.out) as JsonReport).stages.find((s) => s.name === 'simulation')!;
    expect(recipe.allowedDifferences.length).toBeGreaterThan(0);
    for (const name of recipe.allowedDifferences) expect(sim.findings.some((f) => f.message.startsWith(`output ${name} changed`)), name).toBe(false);
    expect(sim.findings.some((f) => f.message.startsWith('hazardous output Press_Up changed'))).toBe(true);
  });

  it('--recipe applies the recipe\'s scope and required scenarios; unknown recipes do not run', async () => {
    // Reordered operands of a hazardous output: safety-critical, so out of scope for a recipe with touches_safety: false.
    const dir = pair('press-line-2', (after) =>
      replaceIn(join(after, 'src/Safety_Logic.st'), 'Pump_Run   := Req_Pump AND EStop_OK AND Guard_Closed AND Safety_OK;', 'Pump_Run   := Safety_OK AND Req_Pump AND EStop_OK AND Guard_Closed;'),
    );
    const scoped = await run(['verify', '--before', 'before', '--after', 'after', '--json', '--fast', '--recipe', 'alarm_priorities'], dir);
    const json = JSON.parse(scoped.out) as JsonReport;
    expect(scoped.code).toBe(1);
    expect(json.stages.map((s) => s.status)).toEqual(['pass', 'pass', 'skipped', 'skipped', 'fail']);
    expect(json.stages[4]!.findings.map((f) => f.rule)).toEqual(['SCOPE-SAFETY']);
    const allowedBySafetyRecipe = await run(['verify', '--before', 'before', '--after', 'after', '--json', '--fast', '--recipe', 'estop_standardize'], dir);
    expect(allowedBySafetyRecipe.code).toBe(0);

    const unknown = await run(['verify', '--before', 'before', '--after', 'after', '--recipe', 'no_such_recipe'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown recipe "no_such_recipe"; available: .*alarm_priorities/);
    expect((await run(['verify', '--before', 'before', '--after', 'after', '--allow', ' '], dir)).code).toBe(2);
    rmSync(join(dir, 'after', 'tests'), { recursive: true });
    const noScenarios = await run(['verify', '--before', 'before', '--after', 'after', '--fast', '--recipe', 'alarm_priorities'], dir);
    expect(noScenarios.code).toBe(2);
    expect(noScenarios.err).toMatch(/recipe alarm_priorities needs a scenario matching tests\/\*\.yaml/);
  });

  it('--help documents --recipe and --allow', async () => {
    const r = await run(['verify', '--help'], tempDir());
    expect(r.out).toMatch(/--recipe ID .*prompts\/ID\.md/);
    expect(r.out).toMatch(/--allow NAME .*\(repeatable/);
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

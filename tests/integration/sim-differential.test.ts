import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGlobs } from '../../src-main/fleet/glob.js';
import { loadSiteProgram } from '../../src-main/fleet/site-program.js';
import { compareVersions } from '../../src-main/sim/differential.js';
import { parseScenario } from '../../src-main/sim/scenario.js';
import { copyExampleFleet } from '../helpers/temp.js';

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit did not apply to ${file}`);
  writeFileSync(p, next);
}

function versions(change: (dir: string) => void) {
  const fleet = copyExampleFleet();
  const beforeDir = join(fleet, 'press-line-2');
  const before = loadSiteProgram(beforeDir);
  const afterFleet = copyExampleFleet();
  const afterDir = join(afterFleet, 'press-line-2');
  change(afterDir);
  const after = loadSiteProgram(afterDir);
  expect(before.errors).toEqual([]);
  expect(after.errors).toEqual([]);
  const scenarios = expandGlobs(beforeDir, before.config.scenarios).map((rel) => parseScenario(readFileSync(join(beforeDir, rel), 'utf8'), rel).scenario!);
  return { before: before.program!, after: after.program!, scenarios };
}

describe('old against new on the press site', () => {
  it('finds a removed e-stop interlock on a hazardous output, naming the scan and inputs', () => {
    const { before, after, scenarios } = versions((dir) =>
      edit(dir, 'src/Safety_Logic.st', 'Pump_Run   := Req_Pump AND EStop_OK AND Guard_Closed AND Safety_OK;', 'Pump_Run   := Req_Pump AND Guard_Closed;'),
    );
    const r = compareVersions(before, after, { scenarios, seed: 7 });
    expect(r.equivalent).toBe(false);
    const d = r.firstDivergence!;
    expect(d.variable).toBe('Pump_Run');
    expect(d.before).toBe(false);
    expect(d.after).toBe(true);
    // The new version can only switch the pump on with the guard closed.
    expect(d.inputState['Guard_Closed']).toBe(true);
  });

  it('calls a weakening that other interlocks already cover equivalent (the static safety rules judge that)', () => {
    // Safety_OK already drops when the guard opens, so removing Guard_Closed here changes no behaviour.
    const { before, after, scenarios } = versions((dir) =>
      edit(dir, 'src/Safety_Logic.st', 'Pump_Run   := Req_Pump AND EStop_OK AND Guard_Closed AND Safety_OK;', 'Pump_Run   := Req_Pump AND EStop_OK AND Safety_OK;'),
    );
    expect(compareVersions(before, after, { scenarios, seed: 7 }).equivalent).toBe(true);
  });

  it('finds a lengthened timer (500 ms two-hand sync raised to 2 s)', () => {
    const { before, after, scenarios } = versions((dir) => edit(dir, 'src/Safety_Logic.st', 'SyncTime := T#500MS', 'SyncTime := T#2S'));
    expect(compareVersions(before, after, { scenarios, seed: 7 }).equivalent).toBe(false);
  });

  it('accepts a pure refactoring: reformatting, a renamed local and reordered independent statements', () => {
    const { before, after, scenarios } = versions((dir) => {
      edit(dir, 'src/Safety_Logic.st', /Alm_EStop := NOT EStop_OK;\r?\nAlm_GuardOpen := NOT Guard_Closed;/, 'Alm_GuardOpen   :=   NOT Guard_Closed; // reordered\nAlm_EStop := NOT EStop_OK;');
      edit(dir, 'src/Safety_Logic.st', /bChainOK/g, 'bSafetyChainHealthy');
    });
    const r = compareVersions(before, after, { scenarios, seed: 7 });
    expect(r.problems).toEqual([]);
    expect(r.firstDivergence).toBeNull();
    expect(r.equivalent).toBe(true);
    expect(r.sequencesRun).toBeGreaterThan(5);
  });

  it('ignores a declared allowed difference', () => {
    const { before, after, scenarios } = versions((dir) => edit(dir, 'src/Safety_Logic.st', 'Alm_EStop := NOT EStop_OK;', 'Alm_EStop := FALSE;'));
    expect(compareVersions(before, after, { scenarios, seed: 7 }).equivalent).toBe(false);
    expect(compareVersions(before, after, { scenarios, seed: 7, allowedDifferences: ['Alm_EStop'] }).equivalent).toBe(true);
  });
});

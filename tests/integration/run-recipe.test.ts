import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/app/app-error.js';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { loadRecipes, requireRecipe } from '../../src-main/recipe/load-recipes.js';
import type { Recipe } from '../../src-main/recipe/recipe.js';
import { runRecipe, type RunProgress } from '../../src-main/run/run-recipe.js';
import { Store } from '../../src-main/store/store.js';
import { copyExampleFleet, tempDir } from '../helpers/temp.js';

const SITE_IDS = ['bottling-l5x-11', 'conveyor-line-1', 'filler-line-5', 'heat-tank-8', 'mixer-s7-10', 'mixing-tank-3', 'packaging-cell-4', 'palletizer-9', 'press-line-2', 'pump-station-6', 'stamping-press-7'];
/** Sites without src/*.st files: revision-note's precondition skips them. */
const NOT_ST = ['bottling-l5x-11', 'filler-line-5', 'mixer-s7-10', 'palletizer-9'];
// revision-note needs ST sources (its precondition); the PLCopen XML, TwinCAT XML, SCL and L5X sites are skipped.
const ST_SITES = SITE_IDS.filter((id) => !NOT_ST.includes(id));
const clock = fixedClock('2026-11-25T10:00:00Z');

let store: Store;
let recipe: Recipe;

beforeEach(() => {
  store = Store.open(join(tempDir(), 'plantshift.db'));
  recipe = requireRecipe(loadRecipes(promptsDir()), 'revision-note');
});

afterEach(() => store.close());

/** Relative path -> sha256 of every file under dir. */
function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = join(e.parentPath, e.name);
    out.set(relative(dir, abs), createHash('sha256').update(readFileSync(abs)).digest('hex'));
  }
  return out;
}

function runCount(): number {
  return (store.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
}

describe('runRecipe revision-note over the example fleet', () => {
  it('changes every ST site by one added line and only reads the fleet', async () => {
    const dir = copyExampleFleet();
    const before = hashTree(dir);
    expect(before.size).toBeGreaterThan(20);
    const result = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: [], store, clock, verification: 'fast' });

    expect(result.recipeId).toBe('revision-note');
    expect(result.fleetPath).toBe(dir);
    expect(result.startedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(result.finishedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(result.sites.map((s) => s.siteId)).toEqual(SITE_IDS);
    for (const id of NOT_ST) expect(result.sites.find((s) => s.siteId === id)).toMatchObject({ status: 'skipped', changeId: null, message: 'precondition not met: no file of the site matches src/*.st' });
    for (const s of result.sites.filter((x) => !NOT_ST.includes(x.siteId))) {
      expect(s, s.siteId).toMatchObject({ status: 'changed', filesChanged: 1, linesAdded: 1, linesRemoved: 0 });
      expect(s.changeId).not.toBeNull();
      expect(s.message).toContain(`#${s.changeId}`);
    }

    expect(hashTree(dir)).toEqual(before);

    const run = store.runs.get(result.runId);
    expect(run).toMatchObject({ status: 'finished', recipeId: 'revision-note', fleetPath: dir });
    expect(store.changes.list(result.runId).map((c) => c.siteId)).toEqual(ST_SITES);
  });

  it('stores a change whose after text holds the dated note and whose diff adds one line', async () => {
    const dir = copyExampleFleet();
    const result = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: ST_SITES, store, clock, verification: 'fast' });
    for (const s of result.sites) {
      const change = store.changes.get(s.changeId!);
      expect(change).toMatchObject({ runId: result.runId, siteId: s.siteId, recipeId: 'revision-note', status: 'pending', filesChanged: 1 });
      const files = store.changes.files(s.changeId!);
      expect(files).toHaveLength(1);
      const f = files[0]!;
      expect(f.before).toBe(readFileSync(join(dir, s.siteId, f.path), 'utf8'));
      expect(f.after).toContain(`2026-11-25  Plantshift run ${result.runId}: `);
      expect(f.after).toContain(`Plantshift run ${result.runId}: ${recipe.title}`);
      expect(f.before).not.toContain('Plantshift run');
      const diffLines = f.unifiedDiff.split('\n');
      expect(diffLines[0]).toBe(`--- a/${f.path}`);
      expect(diffLines[1]).toBe(`+++ b/${f.path}`);
      const plus = diffLines.filter((l) => l.startsWith('+') && !l.startsWith('+++'));
      const minus = diffLines.filter((l) => l.startsWith('-') && !l.startsWith('---'));
      expect(plus, f.unifiedDiff).toHaveLength(1);
      expect(minus).toHaveLength(0);
      expect(plus[0]).toContain(`2026-11-25  Plantshift run ${result.runId}: `);
    }
  });

  it('runs only the selected site', async () => {
    const dir = copyExampleFleet();
    const events: RunProgress[] = [];
    const result = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: ['mixing-tank-3'], store, clock, verification: 'fast', onProgress: (p) => events.push(p) });
    expect(result.sites.map((s) => [s.siteId, s.status])).toEqual([['mixing-tank-3', 'changed']]);
    expect(store.changes.list(result.runId).map((c) => c.siteId)).toEqual(['mixing-tank-3']);
    expect(new Set(events.map((e) => e.siteId))).toEqual(new Set(['mixing-tank-3']));
  });

  it('refuses an unknown site id before any run row is created', async () => {
    const dir = copyExampleFleet();
    const fleet = openFleet(dir);
    let caught: unknown;
    try {
      await runRecipe({ fleet, recipe, siteIds: ['press-line-2', 'press-line-99'], store, clock, verification: 'fast' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('invalid-input');
    expect((caught as AppError).message).toContain('"press-line-99"');
    expect((caught as AppError).details).toEqual(['press-line-99']);
    expect(runCount()).toBe(0);
    expect(store.changes.list()).toEqual([]);
  });

  it('fails a site with a broken site.yaml, naming the file, and still changes the others', async () => {
    const dir = copyExampleFleet();
    const file = join(dir, 'press-line-2', 'site.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('platform: twincat', 'platform: s5'));
    const result = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: [], store, clock, verification: 'fast' });
    const failed = result.sites.find((s) => s.siteId === 'press-line-2')!;
    expect(failed.status).toBe('failed');
    expect(failed.changeId).toBeNull();
    expect(failed.message).toContain(file);
    expect(failed.message).toContain('platform');
    const others = result.sites.filter((s) => s.siteId !== 'press-line-2');
    expect(others.map((s) => s.status)).toEqual(others.map((s) => (NOT_ST.includes(s.siteId) ? 'skipped' : 'changed')));
    expect(store.changes.list(result.runId)).toHaveLength(ST_SITES.length - 1);
    expect(store.runs.get(result.runId)?.status).toBe('finished');
  });

  it('skips sites whose platform the recipe does not apply to, with a reason', async () => {
    const dir = copyExampleFleet();
    const codesysOnly: Recipe = { ...recipe, appliesTo: ['codesys'] };
    const result = await runRecipe({ fleet: openFleet(dir), recipe: codesysOnly, siteIds: [], store, clock, verification: 'fast' });
    const byId = Object.fromEntries(result.sites.map((s) => [s.siteId, s]));
    expect(byId['conveyor-line-1']!.status).toBe('changed');
    expect(byId['packaging-cell-4']!.status).toBe('changed');
    expect(byId['pump-station-6']!.status).toBe('changed');
    expect(byId['heat-tank-8']!.status).toBe('changed');
    for (const [id, platform] of [
      ['mixing-tank-3', 'openplc'],
      ['press-line-2', 'twincat'],
      ['stamping-press-7', 'twincat'],
    ] as const) {
      expect(byId[id]).toMatchObject({ status: 'skipped', changeId: null, filesChanged: 0 });
      expect(byId[id]!.message).toContain('codesys');
      expect(byId[id]!.message).toContain(platform);
    }
    expect(store.changes.list(result.runId)).toHaveLength(4);
  });

  it('reports progress as a started/finished pair per site, in order, with the steps in between', async () => {
    const dir = copyExampleFleet();
    const file = join(dir, 'conveyor-line-1', 'site.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('entry: Main', 'entry: 1Main'));
    const all: RunProgress[] = [];
    const result = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: [], store, clock, verification: 'fast', onProgress: (p) => all.push(p) });
    const steps = all.filter((p) => p.phase === 'step');
    expect(steps.filter((p) => p.siteId === 'press-line-2').map((p) => p.message)).toEqual(['transform: revision-note: changed src/Main.st', 'verify: compile pass, safety pass, simulation skipped, formal skipped']);
    const events = all.filter((p) => p.phase !== 'step');
    expect(events).toHaveLength(SITE_IDS.length * 2);
    SITE_IDS.forEach((id, i) => {
      const started = events[2 * i]!;
      const finished = events[2 * i + 1]!;
      expect(started).toMatchObject({ runId: result.runId, siteId: id, phase: 'started', status: null });
      const site = result.sites.find((s) => s.siteId === id)!;
      expect(finished).toMatchObject({ runId: result.runId, siteId: id, phase: 'finished', status: site.status, message: site.message });
    });
    expect(events[2 * SITE_IDS.indexOf('conveyor-line-1') + 1]!.status).toBe('failed');
  });

  it('a second run adds a new note with its own run id', async () => {
    const dir = copyExampleFleet();
    const first = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: ['press-line-2'], store, clock, verification: 'fast' });
    const second = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: ['press-line-2'], store, clock, verification: 'fast' });
    expect(second.runId).toBe(first.runId + 1);
    const after = store.changes.files(second.sites[0]!.changeId!)[0]!.after;
    expect(after).toContain(`Plantshift run ${second.runId}: `);
    expect(after).not.toContain(`Plantshift run ${first.runId}: `);
  });
});

describe('every proposed change is verified before review', () => {
  it('stores the full verification report with the change and shows its verdict', { timeout: 180_000 }, async () => {
    const dir = copyExampleFleet();
    const store = Store.open(join(tempDir(), 'v.db'));
    try {
      const recipe = requireRecipe(loadRecipes(promptsDir()), 'revision-note');
      const result = await runRecipe({ fleet: openFleet(dir), recipe, siteIds: ['press-line-2'], store, clock: fixedClock('2026-11-25T10:00:00Z') });
      const site = result.sites[0]!;
      expect(site).toMatchObject({ status: 'changed', verdict: 'pass', safetyCritical: false });
      expect(site.message).toMatch(/verification passed; awaits review/);
      const report = store.verifications.get(site.changeId!)!;
      expect(report.stages.map((s) => [s.name, s.status])).toEqual([
        ['compile', 'pass'],
        ['safety', 'pass'],
        ['simulation', 'pass'],
        ['formal', 'pass'],
        ['judge', 'skipped'],
      ]);
      expect(store.changes.get(site.changeId!)).toMatchObject({ verdict: 'pass', safetyCritical: false });
    } finally {
      store.close();
    }
  });
});

describe('recipe preconditions', () => {
  it('skips a site that does not meet a precondition or lacks a required scenario, with the reason', async () => {
    const dir = copyExampleFleet();
    const store = Store.open(join(tempDir(), 'p.db'));
    try {
      const base = requireRecipe(loadRecipes(promptsDir()), 'revision-note');
      const needsTwoHand: Recipe = { ...base, preconditions: [{ kind: 'has-pou', value: 'FB_TwoHandControl' }] };
      const r1 = await runRecipe({ fleet: openFleet(dir), recipe: needsTwoHand, siteIds: [], store, clock, verification: 'fast' });
      expect(r1.sites.find((s) => s.siteId === 'press-line-2')!.status).toBe('changed');
      expect(r1.sites.find((s) => s.siteId === 'conveyor-line-1')).toMatchObject({ status: 'skipped', message: 'precondition not met: the site has no POU FB_TwoHandControl' });
      const needsScenario: Recipe = { ...base, requiredScenarios: ['tests/lightcurtain*.yaml'] };
      const r2 = await runRecipe({ fleet: openFleet(dir), recipe: needsScenario, siteIds: [], store, clock, verification: 'fast' });
      expect(r2.sites.filter((s) => s.status === 'changed').map((s) => s.siteId)).toEqual(['packaging-cell-4']);
      expect(r2.sites.find((s) => s.siteId === 'mixing-tank-3')!.message).toMatch(/needs a scenario matching tests\/lightcurtain\*\.yaml/);
    } finally {
      store.close();
    }
  });
});

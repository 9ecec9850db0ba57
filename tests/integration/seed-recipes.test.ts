import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { ScriptedProvider } from '../../src-main/llm/scripted-provider.js';
import { loadRecipes, requireRecipe } from '../../src-main/recipe/load-recipes.js';
import { runRecipe } from '../../src-main/run/run-recipe.js';
import { Store } from '../../src-main/store/store.js';
import { loadRecordings } from '../helpers/recordings.js';
import { EXAMPLE_FLEET, tempDir } from '../helpers/temp.js';

const clock = fixedClock('2026-11-25T10:00:00Z');
const SEED = ['alarm_priorities', 'estop_standardize', 'ladder_to_st', 'protocol_migration', 'safety_interlock_update'];
const recordings = loadRecordings();
const catalog = loadRecipes(promptsDir());

let store: Store;
beforeEach(() => {
  store = Store.open(join(tempDir(), 'plantshift.db'));
});
afterEach(() => store.close());

/** The first six sites, written with a Safety_Logic program; the five vendor-style sites have none. */
const HAS_SAFETY_LOGIC = ['conveyor-line-1', 'filler-line-5', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2', 'pump-station-6'];

describe('seed recipes', () => {
  it('all load, and every recipe that uses the agent has a recorded run on an example site', () => {
    expect(catalog.problems).toEqual([]);
    for (const id of SEED) expect(requireRecipe(catalog, id).agent, id).toBe(true);
    const agentRecipes = catalog.recipes.filter((r) => r.agent).map((r) => r.id);
    expect(recordings.map((r) => r.recipe).sort()).toEqual(agentRecipes.sort());
    const sites = openFleet(EXAMPLE_FLEET).sites.map((s) => s.config?.id);
    for (const r of recordings) expect(sites, r.file).toContain(r.site);
  });

  for (const rec of recordings) {
    it(`${rec.recipe} runs end to end on ${rec.site}: deterministic steps, the agent, full verification, the judge`, async () => {
      const recipe = requireRecipe(catalog, rec.recipe);
      const provider = new ScriptedProvider(rec.turns);
      const result = await runRecipe({ fleet: openFleet(EXAMPLE_FLEET), recipe, siteIds: [rec.site], store, clock, verification: 'full', provider });
      const site = result.sites[0]!;
      expect(site.message, site.message).toMatch(/verification passed/);
      expect(site).toMatchObject({ status: 'changed', verdict: 'pass', judge: 'in scope' });
      expect(site.safetyCritical).toBe(recipe.touchesSafety && site.safetyCritical);
      expect(provider.remaining).toBe(0);
      const steps = store.steps.forChange(site.changeId!);
      expect(steps.map((s) => s.kind)).toEqual([...recipe.transforms.map(() => 'transform'), 'agent', 'verify', 'judge']);
      expect(steps.find((s) => s.kind === 'agent')!.status).toBe('finished');
      const report = store.verifications.get(site.changeId!)!;
      expect(report.stages.map((s) => `${s.name}:${s.status}`)).toEqual(['compile:pass', 'safety:pass', 'simulation:pass', 'formal:pass', 'judge:pass']);
    }, 240_000);
  }

  it('ladder_to_st without a model: the deterministic conversion alone verifies in full and is not safety-critical', async () => {
    const result = await runRecipe({ fleet: openFleet(EXAMPLE_FLEET), recipe: requireRecipe(catalog, 'ladder_to_st'), siteIds: ['filler-line-5'], store, clock, verification: 'full', provider: null });
    const site = result.sites[0]!;
    expect(site, site.message).toMatchObject({ status: 'changed', verdict: 'pass', safetyCritical: false, judge: 'skipped: no model' });
    const after = store.changes.files(site.changeId!)[0]!.after;
    expect(after).not.toMatch(/<LD>/);
    expect(after).toMatch(/<ST>/);
  }, 240_000);

  it('without a model every seed recipe still runs its deterministic steps on the fleet and says the agent was skipped', async () => {
    for (const id of SEED) {
      const recipe = requireRecipe(catalog, id);
      const result = await runRecipe({ fleet: openFleet(EXAMPLE_FLEET), recipe, siteIds: [], store, clock, verification: 'fast', provider: null });
      for (const s of result.sites) {
        expect(['changed', 'skipped', 'unchanged'], `${id} ${s.siteId}: ${s.message}`).toContain(s.status);
        expect(s.agent, `${id} ${s.siteId}`).toContain('skipped: no model');
        if (s.status === 'changed') expect(s.message).toContain('agent and judge skipped');
      }
      expect(result.sites.some((s) => s.status === 'changed'), id).toBe(true);
      if (id === 'safety_interlock_update') {
        // Its start-up behaviour would change on sites with guards, so it is for e-stop-only sites.
        for (const s of result.sites.filter((x) => x.siteId !== 'conveyor-line-1' && x.siteId !== 'filler-line-5')) {
          // The vendor-style sites (no Safety_Logic program) are already stopped by the recipe's first precondition.
          const message = HAS_SAFETY_LOGIC.includes(s.siteId)
            ? "precondition not met: the recipe is for sites without guards, and site.yaml declares guards in its 'safety' block"
            : 'precondition not met: the site has no POU Safety_Logic';
          expect(s, s.siteId).toMatchObject({ status: 'skipped', message });
        }
      }
    }
  }, 240_000);
});

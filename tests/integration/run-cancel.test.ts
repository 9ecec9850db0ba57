import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { loadRecipes, requireRecipe } from '../../src-main/recipe/load-recipes.js';
import { runRecipe } from '../../src-main/run/run-recipe.js';
import { Store } from '../../src-main/store/store.js';
import { copyExampleFleet, tempDir } from '../helpers/temp.js';

describe('cancelling a run inside a site', () => {
  it('does not start the verification of the site it is on, stores nothing for it and runs no later site', async () => {
    const store = Store.open(join(tempDir(), 'plantshift.db'));
    try {
      const recipe = requireRecipe(loadRecipes(promptsDir()), 'revision-note');
      const cancel = new AbortController();
      const steps: string[] = [];
      const result = await runRecipe({
        fleet: openFleet(copyExampleFleet()),
        recipe,
        siteIds: ['conveyor-line-1', 'press-line-2'],
        store,
        clock: fixedClock('2026-12-06T10:00:00Z'),
        verification: 'fast',
        signal: cancel.signal,
        onProgress: (p) => {
          if (p.phase !== 'step') return;
          steps.push(p.message);
          // The transform step is recorded: cancel before the site's verification begins.
          cancel.abort();
        },
      });
      expect(result.sites.map((s) => [s.siteId, s.status, s.changeId])).toEqual([
        ['conveyor-line-1', 'failed', null],
        ['press-line-2', 'failed', null],
      ]);
      expect(result.sites[0]!.message).toBe('cancelled before verification: nothing was stored for review');
      expect(result.sites[1]!.message).toMatch(/cancelled/);
      expect(steps.some((m) => /verif/i.test(m))).toBe(false);
      expect((store.db.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n).toBe(0);
    } finally {
      store.close();
    }
  });
});

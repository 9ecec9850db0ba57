import type { z } from 'zod';
import type { Channel, Contract, OutputOf } from '../../src-shared/api/contract.js';
import { AppError } from '../app/app-error.js';
import { openFleet } from '../fleet/load-fleet.js';
import { runRecipe } from '../run/run-recipe.js';
import type { Services } from './services.js';

export type Handlers = {
  [C in Channel]: (input: z.output<Contract[C]['input']>) => Promise<OutputOf<C>> | OutputOf<C>;
};

/** The contract's behaviour, once, as plain functions over the services; every host registers exactly these. */
export function createHandlers(s: Services): Handlers {
  return {
    'app.info': () => ({
      version: s.version,
      host: s.options.host,
      dbPath: s.store.file,
      canPickFolder: s.options.pickFolder !== undefined,
      defaultFleetPath: s.options.defaultFleetPath,
    }),
    'fleet.pickFolder': async () => ({ path: s.options.pickFolder ? await s.options.pickFolder() : null }),
    'fleet.open': ({ path }) => openFleet(path),
    'recipes.list': () => s.recipes(),
    'run.start': async ({ fleetPath, recipeId, siteIds }) => {
      const recipe = s.recipe(recipeId);
      const fleet = openFleet(fleetPath);
      return runRecipe({
        fleet,
        recipe,
        siteIds,
        store: s.store,
        clock: s.options.clock,
        onProgress: (p) => s.events.emit('run.progress', p),
      });
    },
    'changes.list': ({ runId }) => s.store.changes.list(runId),
    'changes.get': ({ changeId }) => {
      const change = s.store.changes.get(changeId);
      if (!change) throw new AppError('not-found', `change #${changeId} does not exist`, [String(changeId)]);
      return { change, files: s.store.changes.files(changeId), approvals: s.store.approvals.forChange(changeId) };
    },
    'approvals.record': (input) => {
      const change = s.store.changes.get(input.changeId);
      if (!change) throw new AppError('not-found', `change #${input.changeId} does not exist`, [String(input.changeId)]);
      // A reviewer may change their mind, but recording the same decision twice would only pad the trail.
      const own = s.store.approvals.forChange(input.changeId).filter((a) => a.reviewer === input.reviewer);
      const last = own[own.length - 1];
      if (last && last.decision === input.decision) {
        throw new AppError('conflict', `${input.reviewer} already ${input.decision} change #${input.changeId}`, ['reviewer']);
      }
      return s.store.approvals.insert({ ...input, createdAt: s.options.clock.now().toISOString() });
    },
  };
}

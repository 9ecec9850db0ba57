import type { RecipeSummary } from '../../src-shared/model/change.js';
import type { Clock } from '../app/clock.js';
import { packageVersion } from '../app/paths.js';
import { loadRecipes, requireRecipe } from '../recipe/load-recipes.js';
import { recipeSummary, type Recipe } from '../recipe/recipe.js';
import { Store } from '../store/store.js';
import { EventHub } from './event-hub.js';

export interface ServicesOptions {
  dbPath: string;
  promptsDir: string;
  clock: Clock;
  host: 'electron' | 'bridge';
  defaultFleetPath: string | null;
  /** The native folder dialog, where the host has one. */
  pickFolder?: () => Promise<string | null>;
  /** How proposed changes are verified (default full: every stage before review). */
  verification?: 'fast' | 'full';
}

/** Everything the contract handlers use, created once per host process and closed with it. */
export class Services {
  readonly store: Store;
  readonly events = new EventHub();
  readonly version = packageVersion();

  constructor(readonly options: ServicesOptions) {
    this.store = Store.open(options.dbPath);
  }

  /** Read fresh on every use: an engineer may edit a recipe while the app is open. */
  recipes(): RecipeSummary[] {
    return loadRecipes(this.options.promptsDir).recipes.map(recipeSummary);
  }

  recipe(id: string): Recipe {
    return requireRecipe(loadRecipes(this.options.promptsDir), id);
  }

  close(): void {
    this.store.close();
  }
}

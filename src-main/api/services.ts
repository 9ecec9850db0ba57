import type { RecipeSummary } from '../../src-shared/model/change.js';
import type { Clock } from '../app/clock.js';
import { packageVersion } from '../app/paths.js';
import { AppError } from '../app/app-error.js';
import { LlmError, type LlmProvider } from '../llm/provider.js';
import { loadRecipes, requireRecipe } from '../recipe/load-recipes.js';
import { recipeSummary, type Recipe } from '../recipe/recipe.js';
import { interruptActiveRuns } from '../run/active-runs.js';
import { reconcileStaleRuns } from '../store/run-lifecycle.js';
import { Store } from '../store/store.js';
import { killProofChildren } from '../verify/formal-isolated.js';
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
  /** Opens the model for the agent and the judge, once, on the first run; null means no model (deterministic steps only). */
  openModel?: () => Promise<LlmProvider | null>;
  /** Says which model openModel would open, without loading it. */
  describeModel?: () => { description: string | null; problem: string | null };
}

/** Everything the contract handlers use, created once per host process and closed with it. */
export class Services {
  readonly store: Store;
  readonly events = new EventHub();
  readonly version = packageVersion();

  constructor(readonly options: ServicesOptions) {
    this.store = Store.open(options.dbPath);
    // Runs left 'running' by a process that is gone (killed, crashed) are marked interrupted before anything is shown.
    reconcileStaleRuns(this.store, options.clock.now());
  }

  /** Read fresh on every use: an engineer may edit a recipe while the app is open. */
  recipes(): RecipeSummary[] {
    return loadRecipes(this.options.promptsDir).recipes.map(recipeSummary);
  }

  recipe(id: string): Recipe {
    return requireRecipe(loadRecipes(this.options.promptsDir), id);
  }

  /** The run in progress, if any: one at a time, since the model and the CPU are shared. */
  activeRun: AbortController | null = null;

  /**
   * Stops the run in progress now, because the host is stopping (a signal to `plantshift serve`): its proof
   * processes are killed and it is recorded as interrupted (the site in progress and those not reached as
   * failed, with the reason). The run's own code writes nothing more. Returns the ids of the runs marked.
   */
  interruptRun(why: string): number[] {
    this.activeRun?.abort();
    killProofChildren();
    return interruptActiveRuns(why);
  }

  private modelPromise: Promise<LlmProvider | null> | null = null;

  /** The model, opened on first use; a model that fails to open fails that run with its error and is tried again next time. */
  model(): Promise<LlmProvider | null> {
    if (!this.options.openModel) return Promise.resolve(null);
    this.modelPromise ??= this.options.openModel().catch((err: unknown) => {
      this.modelPromise = null;
      // The message already names the model file or URL; it is the person's to fix, not an internal error.
      throw err instanceof LlmError ? new AppError('bad-data', `the model could not be opened: ${err.message}`) : err;
    });
    return this.modelPromise;
  }

  close(): void {
    const model = this.modelPromise;
    this.modelPromise = null;
    void model?.then((m) => m?.close()).catch(() => undefined);
    this.store.close();
  }
}

import type { RecipeSummary } from '../../src-shared/model/change.js';
import type { RecipeSpec } from './recipe-spec.js';

/** A recipe as read from prompts/: the summary the UI shows, its spec and the plain-language instructions. */
export interface Recipe extends RecipeSummary, RecipeSpec {
  /** The markdown body: instructions for the agent and the reviewer. */
  instructions: string;
  file: string;
}

export function recipeSummary(r: Recipe): RecipeSummary {
  return { id: r.id, title: r.title, summary: r.summary, appliesTo: r.appliesTo, touchesSafety: r.touchesSafety, transforms: r.transforms, agent: r.agent };
}

export function appliesToPlatform(r: RecipeSummary, platform: string): boolean {
  return r.appliesTo.includes('all') || r.appliesTo.includes(platform);
}

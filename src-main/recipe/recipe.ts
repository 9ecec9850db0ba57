import type { RecipeSummary } from '../../src-shared/model/change.js';

/** A recipe as read from prompts/: the summary the UI shows plus the plain-language instructions. */
export interface Recipe extends RecipeSummary {
  /** The markdown body: instructions for the agent and the reviewer. */
  instructions: string;
  file: string;
}

export function recipeSummary(r: Recipe): RecipeSummary {
  return { id: r.id, title: r.title, summary: r.summary, appliesTo: r.appliesTo, touchesSafety: r.touchesSafety, transforms: r.transforms };
}

export function appliesToPlatform(r: RecipeSummary, platform: string): boolean {
  return r.appliesTo.includes('all') || r.appliesTo.includes(platform);
}

import type { SiteConfig } from '../../../src-shared/model/site.js';
import type { SourceFile } from '../../fleet/site-sources.js';

export interface TransformContext {
  site: SiteConfig;
  runId: number;
  recipeId: string;
  recipeTitle: string;
  /** ISO date (YYYY-MM-DD) of the run, from the injected clock. */
  date: string;
}

/**
 * A deterministic, judgment-free edit a recipe can list. It returns the files it changed (same paths, new
 * text) and must leave every other byte as it was, so the reviewer sees only what the recipe meant to do.
 */
export interface Transform {
  id: string;
  description: string;
  apply(files: readonly SourceFile[], ctx: TransformContext): SourceFile[];
}

import type { SiteConfig } from '../../../src-shared/model/site.js';
import type { SourceFile } from '../../fleet/site-sources.js';

/** Something a transform left undone and a person should know about (a body it could not convert, and why). */
export interface TransformNote {
  /** The source file, relative to the site, as in SourceFile.path. */
  path: string;
  message: string;
}

export interface TransformContext {
  site: SiteConfig;
  runId: number;
  recipeId: string;
  recipeTitle: string;
  /** ISO date (YYYY-MM-DD) of the run, from the injected clock. */
  date: string;
  /**
   * Receives what a transform deliberately left as it was. Optional so existing callers keep working; a transform
   * never depends on it being set, because its changed files alone must be a complete, correct result.
   */
  report?: (note: TransformNote) => void;
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

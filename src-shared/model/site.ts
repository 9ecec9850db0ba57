import { z } from 'zod';

/** PLC platforms a site can target; the language core picks its dialect from this. */
export const PLATFORMS = ['codesys', 'twincat', 'tia', 'studio5000', 'openplc'] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

export const SiteSafetySchema = z.object({
  estops: z.array(z.string()),
  guards: z.array(z.string()),
  hazardousOutputs: z.array(z.string()),
  /** Null when no hazardous outputs are declared. */
  reactionMs: z.number().nullable(),
  reset: z.string().nullable(),
  pous: z.array(z.string()),
});
export type SiteSafety = z.infer<typeof SiteSafetySchema>;

/** The encodings a site.yaml may declare for its BOM-less source files (`encoding:`); a BOM always wins. */
export const DECLARABLE_SOURCE_ENCODINGS = ['utf-8', 'windows-1252', 'windows-1250'] as const;

export const SiteConfigSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: PlatformSchema,
  plant: z.string().nullable(),
  description: z.string().nullable(),
  sources: z.array(z.string()),
  entry: z.string(),
  cycleMs: z.number(),
  safety: SiteSafetySchema,
  scenarios: z.array(z.string()),
  /** Declared encoding of the site's source files; absent or null: detected from the bytes. */
  encoding: z.enum(DECLARABLE_SOURCE_ENCODINGS).nullable().optional(),
});
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

/** A problem found while reading a fleet or site: always names the file, and the key or line where known. */
export const ConfigProblemSchema = z.object({
  file: z.string(),
  line: z.number().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ConfigProblem = z.infer<typeof ConfigProblemSchema>;

/**
 * Why a path of a fleet folder was not taken: a link out of the fleet folder, a broken link, a link loop, a FIFO,
 * device or socket, an unreadable folder, a folder too deep, too many entries, or a folder already walked under
 * another name (the only reason that loses nothing).
 */
export const SKIP_REASONS = ['outside-fleet', 'broken-link', 'link-loop', 'not-regular', 'unreadable', 'too-deep', 'too-many-entries', 'already-walked'] as const;
export const SkipReasonSchema = z.enum(SKIP_REASONS);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

/** A path that was not read, and why in words; never anything the path holds. */
export const SkippedPathSchema = z.object({
  /** Relative to the site folder (a site's) or the fleet folder (a fleet's), forward slashes. */
  path: z.string(),
  reason: SkipReasonSchema,
  message: z.string(),
});
export type SkippedPath = z.infer<typeof SkippedPathSchema>;

export const SiteSummarySchema = z.object({
  /** Folder name; equals config.id when the site.yaml is valid. */
  folder: z.string(),
  dir: z.string(),
  config: SiteConfigSchema.nullable(),
  sourceFiles: z.array(z.string()),
  problems: z.array(ConfigProblemSchema),
  /**
   * The folder links may lead into: the fleet folder, or the site folder itself when the site was opened on its
   * own. Nothing outside it is read.
   */
  root: z.string(),
  /** Paths that could hold a source but were not taken; each one but 'already-walked' is also a problem. */
  skipped: z.array(SkippedPathSchema),
});
export type SiteSummary = z.infer<typeof SiteSummarySchema>;

export const FleetSummarySchema = z.object({
  path: z.string(),
  sites: z.array(SiteSummarySchema),
  problems: z.array(ConfigProblemSchema),
  /** Entries of the fleet folder that were not taken as sites, and why (a site folder linked from outside, ...). */
  skipped: z.array(SkippedPathSchema),
});
export type FleetSummary = z.infer<typeof FleetSummarySchema>;

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

export const SiteSummarySchema = z.object({
  /** Folder name; equals config.id when the site.yaml is valid. */
  folder: z.string(),
  dir: z.string(),
  config: SiteConfigSchema.nullable(),
  sourceFiles: z.array(z.string()),
  problems: z.array(ConfigProblemSchema),
});
export type SiteSummary = z.infer<typeof SiteSummarySchema>;

export const FleetSummarySchema = z.object({
  path: z.string(),
  sites: z.array(SiteSummarySchema),
  problems: z.array(ConfigProblemSchema),
});
export type FleetSummary = z.infer<typeof FleetSummarySchema>;

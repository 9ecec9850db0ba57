import { z } from 'zod';

/**
 * pass: every stage decided and nothing new is wrong. fail: evidence that the change is unsafe or broke
 * something (or a stage crashed). inconclusive: something could not be decided; never shown as safe.
 */
export const VERDICTS = ['pass', 'fail', 'inconclusive'] as const;
export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

/** One thing the verification could not decide, and where. */
export const OpenPointSchema = z.object({
  id: z.string(),
  stage: z.string(),
  rule: z.string(),
  what: z.string(),
  file: z.string().nullable(),
  line: z.number().nullable(),
});
export type OpenPoint = z.infer<typeof OpenPointSchema>;

export const RecipeSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  appliesTo: z.array(z.string()),
  touchesSafety: z.boolean(),
  /** Deterministic transform steps run before (or instead of) the agent. */
  transforms: z.array(z.string()),
  /** Whether the recipe needs the coding agent after its deterministic steps. */
  agent: z.boolean(),
});
export type RecipeSummary = z.infer<typeof RecipeSummarySchema>;

/**
 * changed: a verified change awaits review. needs-human: the judge vetoed the agent's change twice (or could not
 * decide); the change is stored for a person to look at. Only changed, unchanged and skipped are a clean end.
 */
export const SITE_RUN_STATUSES = ['changed', 'unchanged', 'skipped', 'needs-human', 'failed'] as const;
export const SiteRunStatusSchema = z.enum(SITE_RUN_STATUSES);
export type SiteRunStatus = z.infer<typeof SiteRunStatusSchema>;

/** What the language model was asked for one site, summed over the agent's and the judge's requests. */
export const LlmUsageSchema = z.object({
  requests: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  /** Prompt tokens not evaluated again because a shared prefix (the recipe's prompt) was kept in the KV cache. */
  cachedPromptTokens: z.number().int(),
  /** Requests that reused a cached prefix. */
  prefixHits: z.number().int(),
  /** Time spent waiting for the model. */
  modelMs: z.number(),
});
export type LlmUsage = z.infer<typeof LlmUsageSchema>;

export const SiteRunResultSchema = z.object({
  siteId: z.string(),
  status: SiteRunStatusSchema,
  changeId: z.number().int().nullable(),
  filesChanged: z.number().int(),
  linesAdded: z.number().int(),
  linesRemoved: z.number().int(),
  message: z.string(),
  durationMs: z.number(),
  /** Verdict of the verification pipeline on the proposed change; null when there was no change. */
  verdict: VerdictSchema.nullable(),
  safetyCritical: z.boolean(),
  /** Error and warning findings in the change's verification report. */
  findings: z.number().int(),
  /** The agent's part in one phrase: "finished in 6 turns", "skipped: no model", "not used by this recipe". */
  agent: z.string(),
  /** The judge's part: "in scope", "vetoed twice", "skipped: no model". */
  judge: z.string(),
  llm: LlmUsageSchema,
});
export type SiteRunResult = z.infer<typeof SiteRunResultSchema>;

/**
 * How a run ended. failed: it threw, or was cancelled in the app (run.cancel). interrupted: its process was stopped
 * (SIGTERM, Ctrl+C, a kill or a crash) before the run's end; a run left running by a process that is gone is
 * marked so when the next run or the app starts.
 */
export const RUN_STATUSES = ['running', 'finished', 'failed', 'interrupted'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunResultSchema = z.object({
  runId: z.number().int(),
  recipeId: z.string(),
  fleetPath: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  sites: z.array(SiteRunResultSchema),
});
export type RunResult = z.infer<typeof RunResultSchema>;

export const CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ChangeStatusSchema = z.enum(CHANGE_STATUSES);
export type ChangeStatus = z.infer<typeof ChangeStatusSchema>;

export const ChangeSummarySchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  siteId: z.string(),
  recipeId: z.string(),
  status: ChangeStatusSchema,
  filesChanged: z.number().int(),
  linesAdded: z.number().int(),
  linesRemoved: z.number().int(),
  createdAt: z.string(),
  verdict: VerdictSchema.nullable(),
  safetyCritical: z.boolean(),
});
export type ChangeSummary = z.infer<typeof ChangeSummarySchema>;

/**
 * The encodings a source file is read and written in (a BOM stays in the text as U+FEFF). The same list as
 * src-main/plc/source/text-encoding.ts, which a unit test keeps equal: a stored file is written back in it.
 */
export const SOURCE_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1250'] as const;
export const SourceEncodingSchema = z.enum(SOURCE_ENCODINGS);

export const ChangedFileSchema = z.object({
  /** Path relative to the site folder, with forward slashes. */
  path: z.string(),
  before: z.string(),
  after: z.string(),
  unifiedDiff: z.string(),
  /** The file's encoding: `after` written in it gives the proposed bytes, `before` the original bytes exactly. */
  encoding: SourceEncodingSchema,
  /** SHA-256 (hex) of the original and of the proposed bytes; null for changes stored before they were kept. */
  beforeSha256: z.string().nullable(),
  afterSha256: z.string().nullable(),
});
export type ChangedFile = z.infer<typeof ChangedFileSchema>;

export const APPROVAL_DECISIONS = ['approved', 'rejected'] as const;
export const ApprovalDecisionSchema = z.enum(APPROVAL_DECISIONS);
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

export const ApprovalSchema = z.object({
  id: z.number().int(),
  changeId: z.number().int(),
  reviewer: z.string(),
  role: z.string(),
  decision: ApprovalDecisionSchema,
  comment: z.string(),
  /** Ids of the open points of an inconclusive verification the reviewer acknowledged with this decision. */
  acknowledged: z.array(z.string()),
  createdAt: z.string(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** The verification report as the UI shows it: stages and findings (the full report is the HTML page). */
export const VerificationSummarySchema = z.object({
  verdict: VerdictSchema,
  safetyCritical: z.boolean(),
  safetyCriticalReasons: z.array(z.string()),
  /** What could not be decided, and where; an approval of an inconclusive change acknowledges each by id. */
  openPoints: z.array(OpenPointSchema),
  stages: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['pass', 'fail', 'inconclusive', 'error', 'skipped']),
      summary: z.string(),
      findings: z.array(
        z.object({
          rule: z.string(),
          severity: z.enum(['error', 'warning', 'info']),
          message: z.string(),
          file: z.string().nullable(),
          line: z.number().nullable(),
          /** An open point: the tools could not decide it. */
          undecided: z.boolean(),
          /** Already in the site before this change: shown apart, does not count against the change. */
          preExisting: z.boolean(),
        }),
      ),
    }),
  ),
});
export type VerificationSummary = z.infer<typeof VerificationSummarySchema>;

export const SITE_STEP_KINDS = ['transform', 'agent', 'verify', 'judge'] as const;

/** One recorded step of how a site's change was made, in order: deterministic transforms, agent sessions, verifications, judge verdicts. */
export const SiteStepSchema = z.object({
  seq: z.number().int(),
  kind: z.enum(SITE_STEP_KINDS),
  status: z.string(),
  summary: z.string(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  cachedPromptTokens: z.number().int(),
  durationMs: z.number(),
  /** The step as readable text: the transcript with every tool call and result, the diff, the check results. */
  log: z.string(),
});
export type SiteStep = z.infer<typeof SiteStepSchema>;

export const ChangeDetailSchema = z.object({
  change: ChangeSummarySchema,
  files: z.array(ChangedFileSchema),
  approvals: z.array(ApprovalSchema),
  verification: VerificationSummarySchema.nullable(),
  steps: z.array(SiteStepSchema),
  /** How the site run that produced the change ended (e.g. needs-human after two judge vetoes). */
  outcome: z.object({ status: SiteRunStatusSchema, message: z.string() }).nullable(),
});
export type ChangeDetail = z.infer<typeof ChangeDetailSchema>;

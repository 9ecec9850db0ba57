import { z } from 'zod';
import { FleetSummarySchema } from '../model/site.js';
import {
  ApprovalDecisionSchema,
  ApprovalSchema,
  ChangeDetailSchema,
  ChangeSummarySchema,
  RecipeSummarySchema,
  RunResultSchema,
  SiteRunStatusSchema,
} from '../model/change.js';

/**
 * The one contract between the UI and the main process. The Electron IPC handlers, the preload and the
 * loopback browser bridge are all generated from this table, so a channel cannot exist in one host only.
 * Only plain data crosses it: every input and output is validated by these schemas on the main side.
 */
export const contract = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'bridge']),
      dbPath: z.string(),
      /** True where a native folder dialog exists (Electron); the browser bridge uses a path field. */
      canPickFolder: z.boolean(),
      defaultFleetPath: z.string().nullable(),
      /** The model agent recipes will use, as configured (settings.yaml or models/); nothing is loaded to say so. */
      model: z.object({ description: z.string().nullable(), problem: z.string().nullable() }),
    }),
  },
  'fleet.pickFolder': {
    input: z.object({}),
    output: z.object({ path: z.string().nullable() }),
  },
  'fleet.open': {
    input: z.object({ path: z.string().trim().min(1, 'a fleet folder path is required') }),
    output: FleetSummarySchema,
  },
  'recipes.list': {
    input: z.object({}),
    output: z.array(RecipeSummarySchema),
  },
  'run.start': {
    input: z.object({
      fleetPath: z.string().trim().min(1),
      recipeId: z.string().min(1),
      /** Empty means every site of the fleet. */
      siteIds: z.array(z.string().min(1)),
    }),
    output: RunResultSchema,
  },
  /** Stops the run in progress at its next step: the agent session ends cancelled, later sites are not started. */
  'run.cancel': {
    input: z.object({}),
    output: z.object({ cancelled: z.boolean() }),
  },
  'changes.list': {
    input: z.object({ runId: z.number().int().positive().optional() }),
    output: z.array(ChangeSummarySchema),
  },
  'changes.get': {
    input: z.object({ changeId: z.number().int().positive() }),
    output: ChangeDetailSchema,
  },
  /** The change's full verification report as one offline HTML page (code excerpts, evidence, timing diagrams). */
  'changes.report': {
    input: z.object({ changeId: z.number().int().positive() }),
    output: z.object({ html: z.string() }),
  },
  'approvals.record': {
    input: z
      .object({
        changeId: z.number().int().positive(),
        reviewer: z.string().trim().min(1, 'the reviewer name is required').max(200),
        role: z.string().trim().min(1, 'the reviewer role is required').max(100),
        decision: ApprovalDecisionSchema,
        comment: z.string().max(4000),
        /** Open points of an inconclusive verification acknowledged by id (see policy/approval-policy.ts). */
        acknowledged: z.array(z.string().max(200)).max(500).default([]),
      })
      // A rejection sends the change back to an engineer, who needs to know why.
      .refine((v) => v.decision === 'approved' || v.comment.trim().length > 0, {
        message: 'a rejection needs a comment saying why',
        path: ['comment'],
      }),
    output: ApprovalSchema,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

/** Events pushed from main to the UI. */
export const events = {
  'run.progress': z.object({
    runId: z.number().int(),
    siteId: z.string(),
    phase: z.enum(['started', 'step', 'finished']),
    status: SiteRunStatusSchema.nullable(),
    message: z.string(),
  }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

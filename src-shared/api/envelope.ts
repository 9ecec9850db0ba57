import { z } from 'zod';

/** Error codes a caller can act on; anything unexpected is `internal` with no stack crossing the contract. */
export const API_ERROR_CODES = ['invalid-input', 'not-found', 'bad-data', 'conflict', 'unsupported', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  /** Field paths or file names the message refers to. */
  details: z.array(z.string()),
});
export type ApiErrorData = z.infer<typeof ApiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

/** Thrown on the UI side when a call comes back with an error envelope. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: string[];
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.details = data.details;
  }
}

/** Names used on the wire by every host, so the Electron and bridge transports cannot drift. */
export const IPC_INVOKE_CHANNEL = 'plantshift:invoke';
export const IPC_EVENT_CHANNEL = 'plantshift:event';
export const BRIDGE_API_PREFIX = '/api/';
export const BRIDGE_EVENTS_PATH = '/events';
export const BRIDGE_TOKEN_HEADER = 'x-plantshift-token';

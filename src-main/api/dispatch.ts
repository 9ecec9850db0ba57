import { contract, isChannel } from '../../src-shared/api/contract.js';
import type { ApiErrorData, Envelope } from '../../src-shared/api/envelope.js';
import { AppError } from '../app/app-error.js';
import type { Handlers } from './handlers.js';

export type Dispatch = (channel: string, input: unknown) => Promise<Envelope<unknown>>;

function issuesToError(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ApiErrorData {
  const parts = issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
  return { code: 'invalid-input', message: parts.join('; '), details: issues.map((i) => i.path.map(String).join('.')) };
}

/**
 * The single entry every host uses: validates the input against the contract, runs the handler, validates
 * the output, and turns every failure into an error envelope. Nothing thrown here reaches a host as an
 * exception, and no stack trace crosses to the UI.
 */
export function createDispatch(handlers: Handlers, log: (msg: string) => void = (m) => console.error(m)): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unsupported', message: `unknown channel "${channel}"`, details: [channel] } };
    }
    const spec = contract[channel];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: issuesToError(parsed.error.issues) };
    try {
      const handler = handlers[channel] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      const out = spec.output.safeParse(value);
      if (!out.success) {
        log(`plantshift: handler ${channel} returned data that breaks the contract: ${out.error.message}`);
        return { ok: false, error: { code: 'internal', message: `internal error in ${channel}: result did not match the contract`, details: [] } };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, details: err.details } };
      log(`plantshift: handler ${channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { ok: false, error: { code: 'internal', message: `internal error in ${channel}: ${err instanceof Error ? err.message : String(err)}`, details: [] } };
    }
  };
}

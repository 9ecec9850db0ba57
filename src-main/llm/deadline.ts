import { LlmError } from './provider.js';

/**
 * One abort signal for a request: fires when the caller's signal does or when `timeoutMs` has passed, and
 * remembers which of the two it was.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** 'timeout' or 'cancelled' once the signal has fired; null before. */
  reason(): 'timeout' | 'cancelled' | null;
  /** Throws the LlmError for a request that was stopped before it produced anything. */
  throwIfStopped(what: string): void;
  dispose(): void;
}

export function startDeadline(signal: AbortSignal | undefined, timeoutMs: number | undefined): Deadline {
  const controller = new AbortController();
  let why: 'timeout' | 'cancelled' | null = null;
  const stop = (reason: 'timeout' | 'cancelled'): void => {
    if (why) return;
    why = reason;
    controller.abort(stoppedError(reason, 'the request', timeoutMs));
  };
  const onAbort = (): void => stop('cancelled');
  if (signal?.aborted) stop('cancelled');
  else signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (timeoutMs !== undefined && !why) {
    if (!(timeoutMs > 0)) throw new LlmError('bad-request', `timeoutMs must be a positive number of milliseconds, not ${timeoutMs}`);
    timer = setTimeout(() => stop('timeout'), timeoutMs);
  }
  return {
    signal: controller.signal,
    reason: () => why,
    throwIfStopped(what) {
      if (why) throw stoppedError(why, what, timeoutMs);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

export function stoppedError(reason: 'timeout' | 'cancelled', what: string, timeoutMs?: number): LlmError {
  return reason === 'timeout'
    ? new LlmError('timeout', `${what} timed out${timeoutMs ? ` after ${timeoutMs} ms` : ''} before anything came back`)
    : new LlmError('cancelled', `${what} was cancelled`);
}

import type { ApiErrorCode } from '../../src-shared/api/envelope.js';

/**
 * An error meant for a person: the message names the file, field or id it is about. Services throw it for bad
 * input; anything else reaching a host boundary is a bug and is reported as `internal`.
 */
export class AppError extends Error {
  readonly code: ApiErrorCode;
  readonly details: string[];
  constructor(code: ApiErrorCode, message: string, details: string[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

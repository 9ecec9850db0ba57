import type { Clock } from '../app/clock.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  clock: Clock;
  cwd: string;
}

/** Exit codes every command keeps: 0 done, 1 done but something failed, 2 could not run. */
export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

export interface Command {
  name: string;
  /** One line for `plantshift --help`. */
  summary: string;
  /** Full text for `plantshift help NAME` and `plantshift NAME --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {}

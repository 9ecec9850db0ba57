import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The process that owns a run: recorded on the run so that a run whose process is gone can be found. */
export interface RunOwner {
  pid: number;
  host: string;
  /** Random per process: a later process that happens to get the same pid is not the owner. */
  token: string;
  /** The process's start time as the OS counts it (Linux: /proc/PID/stat), null where the OS does not tell. */
  start: string | null;
}

/** An owner as stored on a run row; every field is null for runs recorded before owners were. */
export interface StoredOwner {
  pid: number | null;
  host: string | null;
  token: string | null;
  start: string | null;
  heartbeatAt: string | null;
}

/** How often a running run refreshes its heartbeat, and how old one may be before its owner counts as gone. */
export const HEARTBEAT_MS = 30_000;
export const LEASE_MS = 10 * 60_000;

/** Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat); null if unknown or no such process. */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): a zombie has ended, whatever its parent has not collected yet.
  if (fields[0] === 'Z' || fields[0] === 'X') return null;
  return fields[19] ?? null;
}

let self: RunOwner | null = null;

/** This process as a run owner (the same value for the life of the process). */
export function thisProcess(): RunOwner {
  self ??= { pid: process.pid, host: hostname(), token: randomUUID(), start: processStartTime(process.pid) };
  return self;
}

/**
 * Whether the owner of a run may still be working on it. This process's own runs are alive. On the same host a
 * recorded start time settles it (the pid runs and started then); without one, a pid that is gone settles it
 * and a pid that exists (maybe reused) counts only with a fresh heartbeat. Another host's run counts as alive
 * while its heartbeat is fresh. A run without a recorded owner (from before owners were kept) is gone.
 */
export function ownerAlive(o: StoredOwner, now: Date): boolean {
  if (o.pid === null || o.token === null) return false;
  const me = thisProcess();
  if (o.token === me.token) return true;
  const fresh = o.heartbeatAt !== null && now.getTime() - Date.parse(o.heartbeatAt) < LEASE_MS;
  if (o.host !== me.host) return fresh;
  if (o.start !== null && me.start !== null) return processStartTime(o.pid) === o.start;
  return pidExists(o.pid) && fresh;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

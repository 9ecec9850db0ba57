import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** FIFOs and device links need a POSIX system with mkfifo and /dev/zero. */
export const POSIX = process.platform !== 'win32';

const guards: ChildProcess[] = [];

/**
 * Makes a FIFO and opens it for writing in a child process, which waits for a reader and then closes it: code
 * that wrongly opens the FIFO for reading gets an empty file (and the test fails on its assertions) instead of
 * hanging the test worker for ever. The child is killed after the test.
 */
export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path]);
  const child = spawn('sh', ['-c', 'exec 3>"$1"', 'sh', path], { stdio: 'ignore' });
  guards.push(child);
}

afterEach(() => {
  while (guards.length) guards.pop()!.kill('SIGKILL');
});

/** A site folder with a site.yaml and sources (relative path → text). */
export function writeSite(dir: string, yaml: string, files: Record<string, string> = { 'src/Main.st': 'PROGRAM Main\nEND_PROGRAM\n' }): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), yaml);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

export const siteYaml = (id: string, sources = '["src/**/*.st"]', extra = ''): string =>
  `id: ${id}\nname: Site ${id}\nplatform: codesys\nsources: ${sources}\nentry: Main\ncycle: 10ms\n${extra}`;

/** A secret file outside every fleet: its text must never appear in any message. */
export const SECRET_LINE = 'operator-password: hunter2-NEVER-PRINT-THIS';

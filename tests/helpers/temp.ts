import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temporary folder, removed after the current test. */
export function tempDir(prefix = 'plantshift-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

export const REPO = join(import.meta.dirname, '..', '..');
export const EXAMPLE_FLEET = join(REPO, 'examples', 'fleet');

/** A private copy of the example fleet that a test may change freely. */
export function copyExampleFleet(): string {
  const dir = join(tempDir('plantshift-fleet-'), 'fleet');
  cpSync(EXAMPLE_FLEET, dir, { recursive: true });
  return dir;
}

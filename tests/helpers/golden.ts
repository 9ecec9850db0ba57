import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * The one golden-file comparison: `actual` against the stored expectation at `expectedFile`. With
 * UPDATE_GOLDEN=1 the file is (re)written instead; review the diff before committing it.
 */
export function check(actual: string, expectedFile: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(expectedFile)) {
    if (process.env['CI'] && !existsSync(expectedFile)) throw new Error(`golden file missing: ${expectedFile}`);
    writeFileSync(expectedFile, actual);
    return;
  }
  expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src-main/plc/diagnostics/catalog.js';
import { SEMANTIC_CODES } from '../../../src-main/plc/diagnostics/codes-semantic.js';

const DIR = join(import.meta.dirname, '../../../src-main/plc/check');

describe('semantic diagnostic codes', () => {
  it('every code the checker reports is in the catalog, and every catalog entry is used', () => {
    const used = new Set<string>();
    for (const f of readdirSync(DIR)) for (const m of readFileSync(join(DIR, f), 'utf8').matchAll(/'(ST2\d{3})'/g)) used.add(m[1]!);
    for (const c of used) expect(CATALOG.has(c), c).toBe(true);
    expect([...used].sort()).toEqual(SEMANTIC_CODES.map((c) => c.code).sort());
  });
  it('each entry has a one-line title and a real explanation', () => {
    for (const c of SEMANTIC_CODES) {
      expect(c.code).toMatch(/^ST2\d{3}$/);
      expect(c.title.includes('\n')).toBe(false);
      expect(c.explanation.length, c.code).toBeGreaterThan(80);
    }
  });
});

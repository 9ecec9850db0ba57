import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proveSafety } from '../../../src-main/formal/bmc.js';
import { FLEET, siteVersion } from './site-helpers.js';

// Example sites the formal stage used to refuse outright: an S7 OB entry (mixer-s7-10), writes to a
// qualified_only GVL from a user FB (stamping-press-7), interface arrays with methods and properties
// (palletizer-9). Each is now encoded (nothing unsupported) and proves all three properties.

describe('formal: example sites with S7, qualified GVL and OOP constructs', () => {
  for (const id of ['mixer-s7-10', 'stamping-press-7', 'palletizer-9']) {
    it(`${id}: nothing unsupported, every property proved`, { timeout: 120_000 }, async () => {
      const r = await proveSafety(siteVersion(join(FLEET, id)), { bound: 8, timeoutMs: 90_000 });
      expect(r.properties.flatMap((p) => p.unsupported)).toEqual([]);
      expect(r.properties.map((p) => p.status)).toEqual(['proved', 'proved', 'proved']);
    });
  }

  it('palletizer-9 states how interface references are modelled', { timeout: 120_000 }, async () => {
    const r = await proveSafety(siteVersion(join(FLEET, 'palletizer-9')), { bound: 4, timeoutMs: 90_000 });
    expect(r.abstractions.some((a) => a.startsWith('interface references:'))).toBe(true);
  });
});

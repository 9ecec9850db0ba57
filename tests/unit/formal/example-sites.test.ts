import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proveSafety } from '../../../src-main/formal/bmc.js';
import { FLEET, mutant, siteVersion, variantOf } from './site-helpers.js';

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

  it('palletizer-9 whose Acknowledge (reached only through the I_Actuator array) drives the hoist is violated', { timeout: 120_000 }, async () => {
    // PRG_Safety moved to the start of MAIN, so the acknowledge loop runs after it and its write stands.
    const moved = mutant('palletizer-9', 'src/MAIN.TcPOU', (t) => t.replace(/\r?\nPRG_Safety\(\);(\r?\n)/, '$1').replace(/bZone := PRG_Safety\.bZoneEnable;(\r?\n)/, 'PRG_Safety();$1bZone := PRG_Safety.bZoneEnable;$1'));
    const safe = await proveSafety(siteVersion(moved), { bound: 6, timeoutMs: 90_000 });
    expect(safe.properties.map((p) => p.status)).toEqual(['proved', 'proved', 'proved']);
    const dir = variantOf(moved, 'src/FB_ActuatorBase.TcPOU', (t) => t.replace(/_bError := FALSE;(\r?\n)/, '_bError := FALSE;$1Q_HoistDown := TRUE;$1'));
    const r = await proveSafety(siteVersion(dir), { bound: 6, timeoutMs: 90_000 });
    expect(r.properties.flatMap((p) => p.unsupported)).toEqual([]);
    expect(Object.fromEntries(r.properties.map((p) => [p.id, p.status]))).toEqual({ estop: 'violated', reset: 'proved', guard: 'violated' });
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });
});

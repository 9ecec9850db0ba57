import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../helpers/check.js';
import type { Dialect } from '../../../src-main/plc/st/dialect.js';
import { dialectForPlatform } from '../../../src-main/plc/st/dialect.js';

const FLEET = join(import.meta.dirname, '../../../examples/fleet');
const SITES = readdirSync(FLEET, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('the example fleet checks clean', () => {
  for (const site of SITES) {
    it(site, () => {
      const yaml = readFileSync(join(FLEET, site, 'site.yaml'), 'utf8');
      const platform = /^platform:\s*(\S+)/m.exec(yaml)?.[1] ?? 'iec';
      const dialect: Dialect = dialectForPlatform(platform);
      const dir = join(FLEET, site, 'src');
      const files: Record<string, string> = {};
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.st')).sort()) files[f] = readFileSync(join(dir, f), 'utf8');
      const { lines, diagnostics } = runCheck(files, { dialect });
      expect(diagnostics.filter((d) => d.severity === 'error').length, lines.join('\n')).toBe(0);
      // The examples are clean of warnings too; a new warning here is either a checker change or an example bug.
      expect(lines).toEqual([]);
    });
  }
});

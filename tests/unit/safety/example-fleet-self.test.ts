import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkSafety } from '../../../src-main/safety/check-safety.js';
import { buildSafetyModel } from '../../../src-main/safety/safety-model.js';
import { EXAMPLE_FLEET } from '../../helpers/temp.js';
import { loadVersion } from './mutate.js';

// Every example site, whatever its style (user safety FBs writing a global enable, OO FBs with properties,
// L5X, S7 SCL, ...), checks clean against itself: no error and no open point. Sites added to the fleet are
// picked up as they appear.

const sites = readdirSync(EXAMPLE_FLEET).filter((d) => statSync(join(EXAMPLE_FLEET, d)).isDirectory());

describe('example fleet: each site against itself', () => {
  test('the fleet has sites', () => expect(sites.length).toBeGreaterThan(0));
  for (const site of sites) {
    test(`${site}: no error, no open point`, () => {
      const dir = join(EXAMPLE_FLEET, site);
      const before = loadVersion(dir, 'before');
      const after = loadVersion(dir, 'after');
      const r = checkSafety(before, after, buildSafetyModel(after.config.safety, after));
      const loud = r.findings.filter((f) => f.severity !== 'info');
      expect(loud.map((f) => `${f.rule} ${f.severity}${f.undecided ? ' (undecided)' : ''}: ${f.message}`)).toEqual([]);
    });
  }
});

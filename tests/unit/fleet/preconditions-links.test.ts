import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../src-main/fleet/load-fleet.js';
import { readSiteSources } from '../../../src-main/fleet/site-sources.js';
import type { RecipeSpec } from '../../../src-main/recipe/recipe-spec.js';
import { unmetPrecondition } from '../../../src-main/run/preconditions.js';
import { tempDir } from '../../helpers/temp.js';
import { siteYaml, writeSite } from './special-files.js';

const spec = (o: Partial<RecipeSpec>): RecipeSpec => ({ preconditions: [], endState: '', successCriteria: [], examples: [], requiredScenarios: [], allowedDifferences: [], ...o });

describe('recipe preconditions see the site as the fleet listed it', () => {
  it('a scenario folder linked from a sibling folder of the fleet counts; one linked from outside does not', () => {
    const fleet = tempDir();
    const site = join(fleet, 'line-1');
    writeSite(site, siteYaml('line-1'));
    mkdirSync(join(fleet, 'shared-tests'));
    writeFileSync(join(fleet, 'shared-tests', 'estop.yaml'), 'name: x\n');
    symlinkSync(join(fleet, 'shared-tests'), join(site, 'tests'));
    const listed = loadSite(site, fleet);
    const s = spec({ requiredScenarios: ['tests/*.yaml'], preconditions: [{ kind: 'has-file', value: 'tests/estop.yaml' }] });
    expect(unmetPrecondition(s, listed.dir, listed.config!, readSiteSources(listed), listed.root)).toBeNull();
    // Taken on its own the site is its own root: the linked folder is outside it, so the site does not have it.
    expect(unmetPrecondition(s, site, listed.config!, readSiteSources(listed))).toMatch(/no file of the site matches tests\/estop.yaml/);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SiteVersion } from '../../../../src-main/evidence/site-version.js';
import { checkSafety, type SafetyCheckResult } from '../../../../src-main/safety/check-safety.js';
import { buildSafetyModel } from '../../../../src-main/safety/safety-model.js';
import { applyEdits, type Edit } from '../../../../src-main/verify/mutation-suite/mutants.js';
import { tempDir } from '../../../helpers/temp.js';
import { loadVersion } from '../mutate.js';
import type { SiteFiles } from './press-sites.js';

function write(site: SiteFiles, edits: readonly Edit[]): string {
  const dir = tempDir('plantshift-newstyle-');
  const files = applyEdits(new Map(Object.entries(site.files)), edits);
  writeFileSync(join(dir, 'site.yaml'), site.yaml);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface NewStyleChange {
  before: SiteVersion;
  after: SiteVersion;
  result: SafetyCheckResult;
}

/** The site as written (before) against the site with `edits` applied (after). */
export function changeOf(site: SiteFiles, edits: readonly Edit[]): NewStyleChange {
  const before = loadVersion(write(site, []), 'before');
  const after = loadVersion(write(site, edits), 'after');
  return { before, after, result: checkSafety(before, after, buildSafetyModel(after.config.safety, after)) };
}

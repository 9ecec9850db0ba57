import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSiteProgram } from '../../../src-main/fleet/site-program.js';
import { checkSafety, type SafetyCheckResult } from '../../../src-main/safety/check-safety.js';
import { buildSafetyModel, type SafetyModel } from '../../../src-main/safety/safety-model.js';
import { toSiteVersion } from '../../../src-main/fleet/site-version-loader.js';
import type { SiteVersion } from '../../../src-main/evidence/site-version.js';
import { copyExampleFleet } from '../../helpers/temp.js';

import type { Edit, Site } from '../../../src-main/verify/mutation-suite/mutants.js';
export { SITES, type Edit, type Site } from '../../../src-main/verify/mutation-suite/mutants.js';

export function loadVersion(dir: string, version: 'before' | 'after'): SiteVersion {
  const sp = loadSiteProgram(dir);
  if (sp.errors.length) throw new Error(`${dir} does not compile: ${sp.errors.map((e) => e.message).join('; ')}`);
  return toSiteVersion(sp, version);
}

function apply(dir: string, edits: readonly Edit[]): void {
  for (const e of edits) {
    const path = join(dir, e.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = '';
    }
    if (e.from === '') {
      writeFileSync(path, text + e.to);
      continue;
    }
    if (!text.includes(e.from)) throw new Error(`mutant edit does not apply: ${e.file} has no ${JSON.stringify(e.from)}`);
    writeFileSync(path, e.all ? text.split(e.from).join(e.to) : text.replace(e.from, e.to));
  }
}

export interface Change {
  before: SiteVersion;
  after: SiteVersion;
  model: SafetyModel;
  result: SafetyCheckResult;
}

/** Copies the example fleet, applies `base` to make the before version and `edits` on top for the after one. */
export function change(site: Site, edits: readonly Edit[], base: readonly Edit[] = []): Change {
  const fleetB = copyExampleFleet();
  const fleetA = copyExampleFleet();
  apply(join(fleetB, site), base);
  apply(join(fleetA, site), [...base, ...edits]);
  const before = loadVersion(join(fleetB, site), 'before');
  const after = loadVersion(join(fleetA, site), 'after');
  const model = buildSafetyModel(after.config.safety, after);
  return { before, after, model, result: checkSafety(before, after, model) };
}

/** Rule ids of the error findings. */
export function errors(c: Change): string[] {
  return [...new Set(c.result.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
}

export function describeFindings(c: Change): string {
  return c.result.findings.map((f) => `${f.rule} ${f.severity}: ${f.message}\n    ${f.evidence.facts.join('\n    ')}`).join('\n');
}

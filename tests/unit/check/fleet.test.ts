import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectForPath } from '../../../src-main/fleet/project-files.js';
import { checkProgram } from '../../../src-main/plc/check/index.js';
import { compileProject } from '../../../src-main/plc/project/compile-project.js';

const FLEET = join(import.meta.dirname, '../../../examples/fleet');
const SITES = readdirSync(FLEET, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

// Each site is checked as one project, as `plantshift check SITE` does: every source format the site holds
// (ST, SCL, TwinCAT XML, PLCopen XML, L5X), its platform's dialect, GVLs named by their file or container.
describe('the example fleet checks clean', () => {
  for (const site of SITES) {
    it(site, () => {
      const project = projectForPath(join(FLEET, site), FLEET, null);
      expect(project.problems).toEqual([]);
      expect(project.files.length).toBeGreaterThan(0);
      const { diagnostics } = compileProject(project.files, project.dialect, checkProgram);
      const lines = diagnostics.map((d) => `${d.severity} ${d.code} ${d.span.file} ${d.message}`);
      expect(diagnostics.filter((d) => d.severity === 'error').length, lines.join('\n')).toBe(0);
      // The examples are clean of warnings too; a new warning here is either a checker change or an example bug.
      expect(lines).toEqual([]);
    });
  }
});

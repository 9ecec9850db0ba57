import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../src-main/fleet/load-fleet.js';
import { expandGlobs } from '../../src-main/fleet/glob.js';
import { analyzeProgram } from '../../src-main/plc/check/index.js';
import { compileProject } from '../../src-main/plc/project/compile-project.js';
import { dialectForPlatform } from '../../src-main/plc/st/dialect.js';
import { compileSite } from '../../src-main/sim/compile-site.js';
import { runScenario } from '../../src-main/sim/run-scenario.js';
import { parseScenario } from '../../src-main/sim/scenario.js';
import { EXAMPLE_FLEET } from '../helpers/temp.js';

export function simulateSite(dir: string) {
  const site = loadSite(dir);
  const cfg = site.config!;
  const files = site.sourceFiles.map((rel) => ({ path: rel, text: readFileSync(join(dir, rel), 'utf8') }));
  const dialect = dialectForPlatform(cfg.platform);
  const project = compileProject(files, dialect);
  const model = analyzeProgram(project.sources.map((s) => s.parse.unit), { dialect });
  const texts = new Map(files.map((f) => [f.path, f.text]));
  return { cfg, ...compileSite(project, model, { entry: cfg.entry, cycleMs: cfg.cycleMs, texts }) };
}

describe('example fleet on the soft-PLC', () => {
  for (const siteId of ['conveyor-line-1', 'filler-line-5', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2', 'pump-station-6']) {
    it(`${siteId}: every scenario passes`, () => {
      const dir = join(EXAMPLE_FLEET, siteId);
      const { cfg, program, problems } = simulateSite(dir);
      expect(problems).toEqual([]);
      for (const rel of expandGlobs(dir, cfg.scenarios)) {
        const parsed = parseScenario(readFileSync(join(dir, rel), 'utf8'), rel);
        expect(parsed.problems).toEqual([]);
        const r = runScenario(program!, parsed.scenario!);
        expect({ scenario: rel, failures: r.failures, fault: r.fault, problems: r.problems }).toEqual({ scenario: rel, failures: [], fault: null, problems: [] });
      }
    });
  }
});

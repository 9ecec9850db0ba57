import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../src-main/fleet/load-fleet.js';
import { buildSiteProgram } from '../../../src-main/fleet/site-program.js';
import { readSiteSources } from '../../../src-main/fleet/site-sources.js';
import { toSiteVersion } from '../../../src-main/fleet/site-version-loader.js';
import { compileStage } from '../../../src-main/verify/stage-compile.js';
import { EXAMPLE_FLEET } from '../../helpers/temp.js';

function versions(siteId: string, edit: (path: string, text: string) => string) {
  const site = loadSite(join(EXAMPLE_FLEET, siteId));
  const files = readSiteSources(site);
  const before = toSiteVersion(buildSiteProgram(site.dir, site.config!, files), 'before');
  const after = toSiteVersion(buildSiteProgram(site.dir, site.config!, files.map((f) => ({ path: f.path, text: edit(f.path, f.text) }))), 'after');
  return { before, after };
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('compile stage', () => {
  it('locates syntax and semantic errors alike at the line of the file a person opens', () => {
    const { before, after } = versions('press-line-2', (path, text) =>
      path === 'src/Main.st' ? text.replace('Req_Pump := rsPump.Q1;', 'Req_Pump := rsPump.Q1 +;').replace('bPumpReady := tonPumpReady.Q;', 'bPumpReady := tonPumpReady.Qx;') : text,
    );
    const r = compileStage(before, after);
    expect(r.status).toBe('fail');
    const main = readFileSync(join(EXAMPLE_FLEET, 'press-line-2', 'src', 'Main.st'), 'utf8');
    const lines = r.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}`);
    expect(lines).toContain(`src/Main.st:${lineOf(main, 'Req_Pump := rsPump.Q1;')}`);
    expect(lines).toContain(`src/Main.st:${lineOf(main, 'bPumpReady := tonPumpReady.Q;')}`);
    for (const f of r.findings) expect(f.evidence.locations[0]?.excerpt, f.message).toMatch(/>/);
  });

  it('maps an error inside a PLCopen XML project to the line of the XML file', () => {
    const { before, after } = versions('filler-line-5', (_path, text) => text.replace('F_FillTime := T#2500MS;', 'F_FillTime := Fill_Time_Typo;'));
    const r = compileStage(before, after);
    const xml = readFileSync(join(EXAMPLE_FLEET, 'filler-line-5', 'src', 'Filler_Line_5.xml'), 'utf8');
    const err = r.findings.find((f) => f.severity === 'error');
    expect(err, JSON.stringify(r.findings)).toBeDefined();
    expect(err!.file).toBe('src/Filler_Line_5.xml');
    expect(err!.line).toBe(lineOf(xml, 'F_FillTime := T#2500MS;'));
    expect(err!.message).toContain('Fill_Time_Typo');
  });
});

import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/app/app-error.js';
import { isRunnable, loadSite, openFleet, requireFleet } from '../../../src-main/fleet/load-fleet.js';
import { readSiteSources } from '../../../src-main/fleet/site-sources.js';
import { loadScenarios } from '../../../src-main/fleet/site-version-loader.js';
import { tempDir } from '../../helpers/temp.js';
import { makeFifo, POSIX, SECRET_LINE, siteYaml, writeSite } from './special-files.js';

function secretFile(): string {
  const file = join(tempDir(), 'secret.yaml');
  writeFileSync(file, `${SECRET_LINE}\nid: stolen\n`);
  return file;
}

describe('openFleet and links', () => {
  it('takes a site folder linked from inside the fleet as a site, sources linked from a sibling folder too', () => {
    const fleet = tempDir();
    writeSite(join(fleet, 'archive', 'line-1'), siteYaml('line-1'));
    symlinkSync(join(fleet, 'archive', 'line-1'), join(fleet, 'line-1'));
    writeSite(join(fleet, 'line-2'), siteYaml('line-2'));
    mkdirSync(join(fleet, 'library'));
    writeFileSync(join(fleet, 'library', 'Lib.st'), 'FUNCTION_BLOCK Lib\nEND_FUNCTION_BLOCK\n');
    symlinkSync(join(fleet, 'library'), join(fleet, 'line-2', 'src', 'lib'));
    const f = openFleet(fleet);
    expect(f.sites.map((s) => s.folder)).toEqual(['line-1', 'line-2']);
    expect(f.skipped).toEqual([]);
    expect(f.problems).toEqual([]);
    const two = f.sites[1]!;
    expect(two.root).toBe(fleet);
    expect(two.sourceFiles).toEqual(['src/Main.st', 'src/lib/Lib.st']);
    expect(isRunnable(two)).toBe(true);
    expect(readSiteSources(two).map((s) => s.text)).toEqual(['PROGRAM Main\nEND_PROGRAM\n', 'FUNCTION_BLOCK Lib\nEND_FUNCTION_BLOCK\n']);
    // Opened on its own, the site is its own root: the linked library is outside it and the site says so.
    const alone = loadSite(join(fleet, 'line-2'));
    expect(alone.skipped.map((s) => [s.path, s.reason])).toEqual([['src/lib', 'outside-fleet']]);
    expect(isRunnable(alone)).toBe(false);
  });

  it('reports a site folder linked from outside the fleet, and a broken link, never dropping them silently', () => {
    const elsewhere = tempDir();
    writeSite(join(elsewhere, 'line-9'), siteYaml('line-9'));
    const fleet = tempDir();
    writeSite(join(fleet, 'line-1'), siteYaml('line-1'));
    symlinkSync(join(elsewhere, 'line-9'), join(fleet, 'line-9'));
    symlinkSync(join(fleet, 'gone'), join(fleet, 'line-3'));
    const f = openFleet(fleet);
    expect(f.sites.map((s) => s.folder)).toEqual(['line-1']);
    expect(f.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['line-3', 'broken-link'],
      ['line-9', 'outside-fleet'],
    ]);
    expect(f.problems.map((p) => p.file)).toEqual([join(fleet, 'line-9')]);
    expect(f.problems[0]!.message).toMatch(/^a link to a site folder outside the fleet folder/);
  });

  it('gives a site whose site.yaml links out of the fleet a problem that holds no line of the target', () => {
    const fleet = tempDir();
    writeSite(join(fleet, 'line-1'), siteYaml('line-1'));
    rmSync(join(fleet, 'line-1', 'site.yaml'));
    symlinkSync(secretFile(), join(fleet, 'line-1', 'site.yaml'));
    const site = openFleet(fleet).sites[0]!;
    expect(site.config).toBeNull();
    expect(isRunnable(site)).toBe(false);
    expect(site.problems).toHaveLength(1);
    expect(site.problems[0]!.message).toMatch(/site\.yaml is a link that points outside the fleet folder/);
    expect(JSON.stringify(site)).not.toContain('hunter2');
  });

  it('refuses a scenario linked out of the site without reading it', () => {
    const site = tempDir();
    writeSite(site, siteYaml('line-1', '["src/*.st"]', 'scenarios: ["scenarios/*.yaml"]\n'));
    mkdirSync(join(site, 'scenarios'));
    symlinkSync(secretFile(), join(site, 'scenarios', 'start.yaml'));
    let caught: unknown;
    try {
      loadScenarios(site, ['scenarios/*.yaml']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).message).toMatch(/scenarios\/start\.yaml: scenario not read: a link that points outside the fleet folder/);
    expect((caught as AppError).message).not.toContain('hunter2');
    // The site is known to be incomplete as soon as it is opened, before any run reaches its scenarios.
    const summary = loadSite(site);
    expect(isRunnable(summary)).toBe(false);
    expect(summary.skipped.map((s) => [s.path, s.reason])).toEqual([['scenarios/start.yaml', 'outside-fleet']]);
    expect(summary.problems.map((p) => [p.file, p.field])).toEqual([[join(site, 'scenarios', 'start.yaml'), 'scenarios']]);
  });

  it('refuses a folder without any site.yaml, saying what was looked for and found', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'etc-like'));
    writeFileSync(join(dir, 'etc-like', 'passwd'), 'root:x:0:0\n');
    expect(() => requireFleet(dir)).toThrow(`no site found: no site.yaml in ${dir} or its subfolders; found 0 sites`);
    writeSite(join(dir, 'line-1'), siteYaml('line-1'));
    expect(requireFleet(dir).sites).toHaveLength(1);
  });

  describe.skipIf(!POSIX)('special files', () => {
    it('gives a FIFO or /dev/zero site.yaml a problem at once, and the other sites stay valid', () => {
      const fleet = tempDir();
      writeSite(join(fleet, 'good'), siteYaml('good'));
      writeSite(join(fleet, 'pipe'), siteYaml('pipe'));
      rmSync(join(fleet, 'pipe', 'site.yaml'));
      makeFifo(join(fleet, 'pipe', 'site.yaml'));
      writeSite(join(fleet, 'zero'), siteYaml('zero'));
      rmSync(join(fleet, 'zero', 'site.yaml'));
      symlinkSync('/dev/zero', join(fleet, 'zero', 'site.yaml'));
      const f = openFleet(fleet);
      expect(f.sites.map((s) => [s.folder, isRunnable(s)])).toEqual([
        ['good', true],
        ['pipe', false],
        ['zero', false],
      ]);
      expect(f.sites[1]!.problems[0]!.message).toBe('the site.yaml is a FIFO (named pipe), not a regular file; it is not read');
      expect(f.sites[2]!.problems[0]!.message).toMatch(/the site\.yaml is a link that points outside the fleet folder \(to \/dev\/zero\)/);
    });

    it('gives a site whose source glob matches a FIFO a problem; a stray FIFO no glob matches is not reported', () => {
      const fleet = tempDir();
      writeSite(join(fleet, 'line-1'), siteYaml('line-1'));
      makeFifo(join(fleet, 'line-1', 'src', 'Pipe.st'));
      makeFifo(join(fleet, 'line-1', 'src', 'stray.pipe'));
      const site = openFleet(fleet).sites[0]!;
      expect(site.sourceFiles).toEqual(['src/Main.st']);
      expect(site.skipped.map((s) => s.path)).toEqual(['src/Pipe.st']);
      expect(site.problems.map((p) => p.message)).toEqual(["a FIFO (named pipe), not a regular file; it is not read; the site's sources may be incomplete, so it is not run"]);
      expect(isRunnable(site)).toBe(false);
    });

    it('refuses a source swapped for a FIFO after the fleet was opened, without blocking', () => {
      const fleet = tempDir();
      writeSite(join(fleet, 'line-1'), siteYaml('line-1'));
      const site = openFleet(fleet).sites[0]!;
      expect(isRunnable(site)).toBe(true);
      renameSync(join(fleet, 'line-1', 'src', 'Main.st'), join(fleet, 'line-1', 'Main.st.bak'));
      makeFifo(join(fleet, 'line-1', 'src', 'Main.st'));
      expect(() => readSiteSources(site)).toThrow(/src\/Main\.st: the source file is a FIFO \(named pipe\), not a regular file/);
      expect(readFileSync(join(fleet, 'line-1', 'Main.st.bak'), 'utf8')).toContain('PROGRAM Main');
    });
  });
});

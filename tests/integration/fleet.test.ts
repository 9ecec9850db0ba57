import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/app/app-error.js';
import { isRunnable, openFleet } from '../../src-main/fleet/load-fleet.js';
import { copyExampleFleet, EXAMPLE_FLEET, tempDir } from '../helpers/temp.js';

const SITE_IDS = ['bottling-l5x-11', 'conveyor-line-1', 'filler-line-5', 'heat-tank-8', 'mixer-s7-10', 'mixing-tank-3', 'packaging-cell-4', 'palletizer-9', 'press-line-2', 'pump-station-6', 'stamping-press-7'];
/** The first six sites: flat ST (and one PLCopen XML) of 100-400 lines. */
const FIRST_SIX = ['conveyor-line-1', 'filler-line-5', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2', 'pump-station-6'];
/** The vendor-style sites: their container formats (TwinCAT XML, SCL, L5X) are longer. */
const VENDOR_STYLE = SITE_IDS.filter((id) => !FIRST_SIX.includes(id));

function writeSite(dir: string, yaml: string, files: Record<string, string> = { 'src/Main.st': 'PROGRAM Main\nEND_PROGRAM\n' }): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), yaml);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

const minimalYaml = (id: string, sources = '["src/*.st"]'): string =>
  `id: ${id}\nname: Site ${id}\nplatform: codesys\nsources: ${sources}\nentry: Main\ncycle: 10ms\n`;

describe('openFleet on the example fleet', () => {
  const fleet = openFleet(EXAMPLE_FLEET);

  it('lists the example sites, all valid, with no problems', () => {
    expect(fleet.path).toBe(EXAMPLE_FLEET);
    expect(fleet.problems).toEqual([]);
    expect(fleet.sites.map((s) => s.config?.id)).toEqual(SITE_IDS);
    for (const site of fleet.sites) {
      expect(site.problems, site.folder).toEqual([]);
      expect(site.config, site.folder).not.toBeNull();
      expect(site.folder).toBe(site.config!.id);
      expect(isRunnable(site)).toBe(true);
    }
  });

  it.each(FIRST_SIX)('%s has 100-400 lines of ST (or PLCopen XML) and declares its safety names in its sources', (id) => {
    const site = fleet.sites.find((s) => s.config?.id === id)!;
    expect(site.sourceFiles.length).toBeGreaterThan(0);
    expect(site.sourceFiles.every((f) => /\.(st|xml)$/i.test(f))).toBe(true);
    const texts = site.sourceFiles.map((f) => readFileSync(join(site.dir, f), 'utf8'));
    const lines = texts.reduce((n, t) => n + t.split('\n').length - (t.endsWith('\n') ? 1 : 0), 0);
    const text = texts.join('\n');
    expect(lines).toBeGreaterThanOrEqual(100);
    expect(lines).toBeLessThanOrEqual(400);
    const safety = site.config!.safety;
    const names = [...safety.estops, ...safety.guards, ...safety.hazardousOutputs, ...(safety.reset ? [safety.reset] : []), ...safety.pous];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(text, `${id}: ${name} not found in sources`).toMatch(new RegExp(`\\b${name}\\b`));
  });
  it.each(VENDOR_STYLE)('%s holds 200-800 lines of vendor sources (ST, TwinCAT XML, SCL or L5X) and declares its safety names in them', (id) => {
    const site = fleet.sites.find((s) => s.config?.id === id)!;
    expect(site.sourceFiles.length).toBeGreaterThan(0);
    expect(site.sourceFiles.every((f) => /\.(st|scl|tcpou|tcgvl|tcdut|tcio|l5x)$/i.test(f))).toBe(true);
    const text = site.sourceFiles.map((f) => readFileSync(join(site.dir, f), 'utf8')).join('\n');
    const lines = text.split('\n').length;
    expect(lines).toBeGreaterThanOrEqual(200);
    expect(lines).toBeLessThanOrEqual(800);
    const safety = site.config!.safety;
    const names = [...safety.estops, ...safety.guards, ...safety.hazardousOutputs, ...(safety.reset ? [safety.reset] : []), ...safety.pous];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(text, `${id}: ${name} not found in sources`).toMatch(new RegExp(`\\b${name}\\b`));
  });
});

describe('openFleet on broken fleets', () => {
  it('reports a bad platform with file and field, other sites stay valid', () => {
    const dir = copyExampleFleet();
    const file = join(dir, 'press-line-2', 'site.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('platform: twincat', 'platform: s5'));
    const fleet = openFleet(dir);
    expect(fleet.sites).toHaveLength(SITE_IDS.length);
    const broken = fleet.sites.find((s) => s.folder === 'press-line-2')!;
    expect(broken.config).toBeNull();
    expect(isRunnable(broken)).toBe(false);
    const p = broken.problems.find((x) => x.field === 'platform');
    expect(p, JSON.stringify(broken.problems)).toBeDefined();
    expect(p!.file).toBe(file);
    expect(p!.line).toBe(5);
    expect(p!.message).toContain('"s5"');
    for (const site of fleet.sites.filter((s) => s !== broken)) {
      expect(site.problems, site.folder).toEqual([]);
      expect(isRunnable(site)).toBe(true);
    }
  });

  it('reports duplicate site ids on the second site', () => {
    const dir = copyExampleFleet();
    cpSync(join(dir, 'mixing-tank-3'), join(dir, 'mixing-tank-3-copy'), { recursive: true });
    const fleet = openFleet(dir);
    expect(fleet.sites).toHaveLength(SITE_IDS.length + 1);
    const first = fleet.sites.find((s) => s.folder === 'mixing-tank-3')!;
    const copy = fleet.sites.find((s) => s.folder === 'mixing-tank-3-copy')!;
    expect(first.problems).toEqual([]);
    const p = copy.problems.find((x) => x.field === 'id');
    expect(p, JSON.stringify(copy.problems)).toBeDefined();
    expect(p!.file).toBe(join(dir, 'mixing-tank-3-copy', 'site.yaml'));
    expect(p!.message).toContain('mixing-tank-3');
    expect(p!.message).toContain(join(dir, 'mixing-tank-3', 'site.yaml'));
    expect(isRunnable(copy)).toBe(false);
  });

  it('gives a fleet problem for a folder without sites', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'not-a-site'));
    writeFileSync(join(dir, 'not-a-site', 'notes.txt'), 'hello');
    const fleet = openFleet(dir);
    expect(fleet.sites).toEqual([]);
    expect(fleet.problems).toHaveLength(1);
    expect(fleet.problems[0]!.file).toBe(dir);
    expect(fleet.problems[0]!.message).toMatch(/no site found/);
  });

  it('throws not-found naming a path that does not exist', () => {
    const missing = join(tempDir(), 'no', 'such', 'fleet');
    let caught: unknown;
    try {
      openFleet(missing);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('not-found');
    expect((caught as AppError).message).toContain(missing);
  });

  it('throws invalid-input for a path that is a file', () => {
    const file = join(tempDir(), 'fleet.txt');
    writeFileSync(file, 'x');
    expect(() => openFleet(file)).toThrow(expect.objectContaining({ code: 'invalid-input', message: expect.stringContaining(file) }));
  });

  it('reports a sources problem when the globs match nothing', () => {
    const dir = tempDir();
    writeSite(join(dir, 'empty-site'), minimalYaml('empty-site', '["plc/**/*.st"]'));
    writeSite(join(dir, 'good-site'), minimalYaml('good-site'));
    const fleet = openFleet(dir);
    const empty = fleet.sites.find((s) => s.folder === 'empty-site')!;
    expect(empty.config).not.toBeNull();
    expect(empty.sourceFiles).toEqual([]);
    const p = empty.problems.find((x) => x.field === 'sources');
    expect(p, JSON.stringify(empty.problems)).toBeDefined();
    expect(p!.file).toBe(join(dir, 'empty-site', 'site.yaml'));
    expect(p!.message).toContain('plc/**/*.st');
    expect(isRunnable(empty)).toBe(false);
    const good = fleet.sites.find((s) => s.folder === 'good-site')!;
    expect(good.problems).toEqual([]);
    expect(good.sourceFiles).toEqual(['src/Main.st']);
  });

  it('reports a missing site.yaml only for folders that have one (others are ignored)', () => {
    const dir = tempDir();
    writeSite(join(dir, 'a'), minimalYaml('a'));
    mkdirSync(join(dir, '.hidden'));
    writeFileSync(join(dir, '.hidden', 'site.yaml'), 'garbage: [');
    const fleet = openFleet(dir);
    expect(fleet.sites.map((s) => s.folder)).toEqual(['a']);
    expect(fleet.problems).toEqual([]);
  });

  it('treats a site folder passed directly as a fleet of one', () => {
    const siteDir = join(EXAMPLE_FLEET, 'press-line-2');
    const fleet = openFleet(siteDir);
    expect(fleet.path).toBe(siteDir);
    expect(fleet.problems).toEqual([]);
    expect(fleet.sites).toHaveLength(1);
    expect(fleet.sites[0]!.config?.id).toBe('press-line-2');
    expect(fleet.sites[0]!.dir).toBe(siteDir);
    expect(fleet.sites[0]!.sourceFiles.length).toBeGreaterThan(0);
  });
});

import { cpSync, existsSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { writeOutputFile } from '../../src-main/cli/output-file.js';
import { cliMain } from '../../src-main/cli/main.js';
import { checkGgufFile } from '../../src-main/llm/gguf-check.js';
import { EXAMPLE_FLEET, tempDir } from '../helpers/temp.js';
import { makeFifo, POSIX } from '../unit/fleet/special-files.js';

/**
 * Issue #11 as a tester found it: links out of the fleet folder must never print what they point at, in any
 * command; FIFOs and devices must be refused at once (a blocked read would hang this very process).
 */

const PASSWD = '/etc/passwd';
const passwdLines = (): string[] => (existsSync(PASSWD) ? readFileSync(PASSWD, 'utf8').split('\n').filter((l) => l.trim().length > 8) : []);

let home: string;
const savedHome = process.env['PLANTSHIFT_HOME'];
beforeEach(() => {
  home = tempDir('plantshift-home-');
  process.env['PLANTSHIFT_HOME'] = home;
});
afterEach(() => {
  if (savedHome === undefined) delete process.env['PLANTSHIFT_HOME'];
  else process.env['PLANTSHIFT_HOME'] = savedHome;
});

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await cliMain(argv, { out: (t) => (text += t), err: (t) => (text += t), clock: fixedClock('2026-11-25T10:00:00Z'), cwd });
  return { code, text };
}

function expectNoPasswd(text: string): void {
  for (const line of passwdLines()) expect(text, `a line of ${PASSWD} was printed`).not.toContain(line);
}

/** A fleet with press-line-2 (one scenario linked to /etc/passwd) and a site whose site.yaml is /etc/passwd. */
function leakyFleet(): string {
  const fleet = join(tempDir('plantshift-fleet-'), 'fleet');
  cpSync(join(EXAMPLE_FLEET, 'press-line-2'), join(fleet, 'press-line-2'), { recursive: true });
  rmSync(join(fleet, 'press-line-2', 'tests', 'normal-stroke.yaml'));
  symlinkSync(PASSWD, join(fleet, 'press-line-2', 'tests', 'normal-stroke.yaml'));
  cpSync(join(EXAMPLE_FLEET, 'pump-station-6'), join(fleet, 'pump-station-6'), { recursive: true });
  rmSync(join(fleet, 'pump-station-6', 'site.yaml'));
  symlinkSync(PASSWD, join(fleet, 'pump-station-6', 'site.yaml'));
  return fleet;
}

describe.skipIf(!POSIX || !existsSync(PASSWD))('links to /etc/passwd print nothing of it', () => {
  it('plantshift sites names the link and the site, exits 1', async () => {
    const fleet = leakyFleet();
    symlinkSync(join(fleet, 'no-such-site'), join(fleet, 'line-7'));
    const r = await cli(fleet, 'sites', '--fleet', '.');
    expect(r.code).toBe(1);
    expect(r.text).toContain(`${join(fleet, 'line-7')}: skipped: a broken link (its target does not exist); if it was a site folder, that site is not read`);
    expect(r.text).toContain(`${join(fleet, 'pump-station-6', 'site.yaml')}: the site.yaml is a link that points outside the fleet folder (to ${PASSWD})`);
    expect(r.text).toContain(`${join(fleet, 'press-line-2', 'tests', 'normal-stroke.yaml')}: a link that points outside the fleet folder (to ${PASSWD}); it is not followed`);
    expectNoPasswd(r.text);
    const json = await cli(fleet, 'sites', '--fleet', '.', '--json');
    expectNoPasswd(json.text);
  });

  it('plantshift check names the link, exits 1', async () => {
    const fleet = leakyFleet();
    const r = await cli(fleet, 'check', 'pump-station-6');
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/pump-station-6\/site\.yaml: the site\.yaml is a link that points outside the fleet folder/);
    expectNoPasswd(r.text);
  });

  it('plantshift sim and verify refuse the linked scenario, naming it', async () => {
    const fleet = leakyFleet();
    const sim = await cli(fleet, 'sim', 'press-line-2');
    expect(sim.code).toBe(2);
    expect(sim.text).toMatch(/tests\/normal-stroke\.yaml: a link that points outside the fleet folder \(to \/etc\/passwd\); it is not followed; the site's scenarios may be incomplete/);
    expectNoPasswd(sim.text);
    const verify = await cli(fleet, 'verify', '--before', 'press-line-2', '--after', 'press-line-2', '--fast');
    expect(verify.code).toBe(2);
    expect(verify.text).toMatch(/normal-stroke\.yaml: a link that points outside the fleet folder/);
    expectNoPasswd(verify.text);
  });

  it('plantshift run --dry-run fails both sites without printing the file', async () => {
    const fleet = leakyFleet();
    const r = await cli(fleet, 'run', 'revision-note', '--fleet', '.', '--dry-run', '--no-model', '--fast');
    expect(r.code, r.text).toBe(1);
    expect(r.text).toMatch(/pump-station-6/);
    expectNoPasswd(r.text);
  });

  it('plantshift check DIR (not a site) names a source linked out of the folder as not checked', async () => {
    const dir = tempDir();
    cpSync(join(EXAMPLE_FLEET, 'press-line-2', 'src'), join(dir, 'src'), { recursive: true });
    symlinkSync(PASSWD, join(dir, 'src', 'Passwd.st'));
    const r = await cli(dir, 'check', 'src');
    expect(r.code).toBe(1);
    expect(r.text).toContain(`src/Passwd.st: not checked: a link that points outside the fleet folder (to ${PASSWD})`);
    expect(r.text).toMatch(/in 4 files/);
    expectNoPasswd(r.text);
  });

  it('plantshift check FILE reads a regular file named on the command line even outside any fleet', async () => {
    const r = await cli(tempDir(), 'check', PASSWD);
    // It is the person's own choice; the file is checked (and fails as PLC source), which is all this asserts.
    expect(r.code).toBe(1);
  });
});

describe.skipIf(!POSIX)('links inside the fleet folder are followed', () => {
  it('a site whose scenario folder links to a sibling folder of the fleet is listed and run like any other', async () => {
    const fleet = join(tempDir('plantshift-fleet-'), 'fleet');
    cpSync(join(EXAMPLE_FLEET, 'press-line-2'), join(fleet, 'press-line-2'), { recursive: true });
    renameSync(join(fleet, 'press-line-2', 'tests'), join(fleet, 'shared-scenarios'));
    symlinkSync(join(fleet, 'shared-scenarios'), join(fleet, 'press-line-2', 'tests'));
    const sites = await cli(fleet, 'sites', '--fleet', '.');
    expect(sites.code, sites.text).toBe(0);
    const run = await cli(fleet, 'run', 'revision-note', '--fleet', '.', '--dry-run', '--no-model', '--fast');
    expect(run.code, run.text).toBe(0);
    expect(run.text).toMatch(/press-line-2 +changed/);
  });
});

describe.skipIf(!POSIX)('FIFOs and devices named on the command line are refused without blocking', () => {
  it('plantshift check FIFO and check /dev/zero exit 2 at once', async () => {
    const dir = tempDir();
    makeFifo(join(dir, 'Main.st'));
    const fifo = await cli(dir, 'check', 'Main.st');
    expect(fifo.code).toBe(2);
    expect(fifo.text).toContain('Main.st: the source file is a FIFO (named pipe), not a regular file');
    const zero = await cli(dir, 'check', '/dev/zero');
    expect(zero.code).toBe(2);
    expect(zero.text).toContain('/dev/zero: the source file is a character device, not a regular file');
  });

  it('plantshift sites on a fleet whose only site.yaml is a FIFO answers with the problem', async () => {
    const fleet = join(tempDir(), 'fleet');
    cpSync(join(EXAMPLE_FLEET, 'press-line-2'), join(fleet, 'press-line-2'), { recursive: true });
    rmSync(join(fleet, 'press-line-2', 'site.yaml'));
    makeFifo(join(fleet, 'press-line-2', 'site.yaml'));
    const r = await cli(fleet, 'sites', '--fleet', '.');
    expect(r.code).toBe(1);
    expect(r.text).toContain('the site.yaml is a FIFO (named pipe), not a regular file; it is not read');
  });

  it('plantshift run on a folder with no site exits 2 saying what it looked for', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'run', 'revision-note', '--fleet', '.', '--dry-run', '--no-model');
    expect(r.code).toBe(2);
    expect(r.text).toContain(`no site.yaml in ${dir} or its subfolders; found 0 sites`);
  });

  it('a model file that is a FIFO or /dev/zero is refused before it is read', () => {
    const dir = tempDir();
    makeFifo(join(dir, 'model.gguf'));
    symlinkSync('/dev/zero', join(dir, 'zero.gguf'));
    expect(() => checkGgufFile(join(dir, 'model.gguf'))).toThrow(/is not a file \(a FIFO\)/);
    expect(() => checkGgufFile(join(dir, 'zero.gguf'))).toThrow(/is not a file \(a device\)/);
  });

  it('an --html or --vcd output path that is a FIFO is refused, not waited on', () => {
    const dir = tempDir();
    makeFifo(join(dir, 'report.html'));
    expect(() => writeOutputFile(join(dir, 'report.html'), '<html>', 'HTML report')).toThrow(/the HTML report is a FIFO \(named pipe\); give the path of a regular file/);
    expect(() => writeOutputFile('/dev/null', 'x')).toThrow(/is a character device/);
    writeOutputFile(join(dir, 'ok.vcd'), 'data');
    expect(readFileSync(join(dir, 'ok.vcd'), 'utf8')).toBe('data');
  });
});

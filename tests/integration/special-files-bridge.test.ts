import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_TOKEN_HEADER } from '../../src-shared/api/envelope.js';
import { FleetSummarySchema } from '../../src-shared/model/site.js';
import { createDispatch } from '../../src-main/api/dispatch.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { Services } from '../../src-main/api/services.js';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { startBridge, type Bridge } from '../../src-main/bridge/bridge-server.js';
import { EXAMPLE_FLEET, tempDir } from '../helpers/temp.js';
import { makeFifo, POSIX } from '../unit/fleet/special-files.js';

/** Issue #11 through the loopback bridge: a FIFO must not freeze the API, a link out must not leak, /etc is no fleet. */

let services: Services;
let bridge: Bridge;

beforeEach(async () => {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  services = new Services({ verification: 'fast', dbPath: join(dir, 'plantshift.db'), promptsDir: promptsDir(), clock: fixedClock('2026-11-25T10:00:00Z'), host: 'bridge', defaultFleetPath: null });
  bridge = await startBridge({ dispatch: createDispatch(createHandlers(services), () => {}), events: services.events, rendererDir });
});

afterEach(async () => {
  await bridge.close();
  services.close();
});

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

async function api(channel: string, input: unknown): Promise<{ reply: Reply; body: string }> {
  const res = await fetch(`http://127.0.0.1:${bridge.port}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: bridge.token }, body: JSON.stringify(input) });
  const body = await res.text();
  return { reply: JSON.parse(body) as Reply, body };
}

function siteCopy(fleet: string, id: string): string {
  cpSync(join(EXAMPLE_FLEET, id), join(fleet, id), { recursive: true });
  return join(fleet, id);
}

describe('fleet.open and run.start need a fleet', () => {
  it('refuse a folder without any site.yaml, saying what was looked for and found', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ssl'));
    writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n');
    for (const [channel, input] of [
      ['fleet.open', { path: dir }],
      ['run.start', { fleetPath: dir, recipeId: 'revision-note', siteIds: [] }],
    ] as const) {
      const { reply } = await api(channel, input);
      expect(reply.ok, channel).toBe(false);
      expect(reply.error!.code).toBe('not-found');
      expect(reply.error!.message).toBe(`no site found: no site.yaml in ${dir} or its subfolders; found 0 sites`);
    }
  });

  it('answer a real fleet with its sites', async () => {
    const fleet = tempDir();
    siteCopy(fleet, 'press-line-2');
    const { reply } = await api('fleet.open', { path: fleet });
    expect(reply.ok).toBe(true);
    expect(FleetSummarySchema.parse(reply.value).sites.map((s) => s.config?.id)).toEqual(['press-line-2']);
  });
});

describe.skipIf(!POSIX)('special files through the bridge', () => {
  it('answers fleet.open on a FIFO site.yaml with a problem, and other calls go on meanwhile', async () => {
    const fleet = tempDir();
    siteCopy(fleet, 'press-line-2');
    const pipe = siteCopy(fleet, 'pump-station-6');
    rmSync(join(pipe, 'site.yaml'));
    makeFifo(join(pipe, 'site.yaml'));
    const [open, info, again] = await Promise.all([api('fleet.open', { path: fleet }), api('app.info', {}), api('fleet.open', { path: fleet })]);
    expect(info.reply.ok).toBe(true);
    for (const r of [open, again]) {
      expect(r.reply.ok).toBe(true);
      const summary = FleetSummarySchema.parse(r.reply.value);
      expect(summary.sites.map((s) => [s.folder, s.problems.map((p) => p.message)])).toEqual([
        ['press-line-2', []],
        ['pump-station-6', ['the site.yaml is a FIFO (named pipe), not a regular file; it is not read']],
      ]);
    }
  });

  it.skipIf(!existsSync('/etc/passwd'))('never puts a line of /etc/passwd in a reply (site.yaml and scenario linked to it)', async () => {
    const fleet = tempDir();
    const press = siteCopy(fleet, 'press-line-2');
    rmSync(join(press, 'tests', 'normal-stroke.yaml'));
    symlinkSync('/etc/passwd', join(press, 'tests', 'normal-stroke.yaml'));
    const pump = siteCopy(fleet, 'pump-station-6');
    rmSync(join(pump, 'site.yaml'));
    symlinkSync('/etc/passwd', join(pump, 'site.yaml'));
    const lines = readFileSync('/etc/passwd', 'utf8').split('\n').filter((l) => l.trim().length > 8);
    const open = await api('fleet.open', { path: fleet });
    const run = await api('run.start', { fleetPath: fleet, recipeId: 'revision-note', siteIds: ['press-line-2', 'pump-station-6'] });
    expect(open.reply.ok).toBe(true);
    expect(open.body).toContain('is a link that points outside the fleet folder');
    expect(run.reply.ok).toBe(true);
    expect(run.body).toContain('failed');
    for (const line of lines) {
      expect(open.body).not.toContain(line);
      expect(run.body).not.toContain(line);
    }
  });
});

import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src-main/api/dispatch.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { Services } from '../../src-main/api/services.js';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir, rendererDistDir } from '../../src-main/app/paths.js';
import { startBridge, type Bridge } from '../../src-main/bridge/bridge-server.js';
import { EXAMPLE_FLEET, REPO } from '../helpers/temp.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launchChromium, watchPage, type PageWatch } from './browser.js';

const OUTPUT = join(REPO, 'test-results', 'e2e');
const SITES = ['conveyor-line-1', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2'];

let services: Services;
let bridge: Bridge;
let browser: Browser;
let dbPath: string;

beforeAll(async () => {
  if (!existsSync(join(rendererDistDir(), 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'src-renderer/vite.config.ts'], { cwd: REPO, stdio: 'ignore' });
  }
  mkdirSync(OUTPUT, { recursive: true });
  dbPath = join(mkdtempSync(join(tmpdir(), 'plantshift-e2e-')), 'plantshift.db');
  services = new Services({ dbPath, promptsDir: promptsDir(), clock: fixedClock('2026-11-25T10:00:00Z'), host: 'bridge', defaultFleetPath: null });
  bridge = await startBridge({ dispatch: createDispatch(createHandlers(services)), events: services.events, rendererDir: rendererDistDir() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  services?.close();
});

async function openApp(): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  const watch = watchPage(page);
  await page.goto(bridge.url);
  await page.getByText(/browser bridge · database/).waitFor();
  return { page, watch };
}

function offlineOnly(watch: PageWatch): string[] {
  const origin = `http://127.0.0.1:${bridge.port}/`;
  return watch.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
}

describe('review slice in Chromium through the browser bridge', () => {
  it('opens the fleet, runs a recipe, reviews the diff in Monaco and records an approval', { timeout: 240_000 }, async () => {
    const { page, watch } = await openApp();

    await page.getByTestId('fleet-path').fill(EXAMPLE_FLEET);
    await page.getByTestId('fleet-open').click();
    const siteRows = page.getByTestId('site-list').locator('tbody tr');
    await expect.poll(() => siteRows.count()).toBe(4);
    for (const id of SITES) await expect.poll(() => page.getByTestId(`site-${id}`).innerText()).toContain(id);
    expect(await page.getByTestId('site-press-line-2').innerText()).toContain('Hydraulic press, line 2');

    await page.getByTestId('recipe-select').selectOption('revision-note');
    await page.getByTestId('run-start').click();
    const results = page.getByTestId('run-results').locator('tbody tr');
    // Each change is verified in full (compile, safety, simulation, formal) before it is shown.
    await expect.poll(() => results.count(), { timeout: 110_000, interval: 500 }).toBe(4);
    for (const id of SITES) {
      expect(await page.getByTestId(`result-${id}`).innerText()).toMatch(/changed/);
      expect(await page.getByTestId(`verdict-${id}`).innerText()).toMatch(/pass/);
    }

    await page.getByTestId('review-press-line-2').click();
    const review = page.getByTestId('change-review');
    await review.waitFor();
    expect(await review.locator('h2').innerText()).toMatch(/Change #\d+ · press-line-2 · revision-note/);
    expect(await page.getByTestId('change-status').innerText()).toBe('pending');
    expect(await page.getByTestId('verdict').innerText()).toBe('PASS');
    for (const stage of ['compile', 'safety', 'simulation', 'formal', 'judge']) await page.getByTestId(`stage-${stage}`).waitFor({ state: 'attached' });

    // The diff is drawn by the bundled Monaco: the inserted revision line is shown as an insertion.
    const modified = page.locator('.monaco-diff-editor .editor.modified .view-lines');
    // Monaco draws spaces as no-break spaces and may wrap in zero-width marks; compare words, not whitespace.
    const shown = async (): Promise<string> => (await modified.innerText()).replace(/[\s\u00a0\u200b-\u200d]+/g, ' ');
    await expect.poll(shown, { timeout: 30_000 }).toMatch(/\* 1\.2 2022-09-12 SP .*\* 2026-11-25 Plantshift run \d+: Record the Plantshift run in the revision history/);
    await expect.poll(() => page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').count()).toBeGreaterThan(0);

    await expect.poll(() => page.getByTestId('approve').isDisabled()).toBe(true);
    await page.getByTestId('reviewer-name').fill('Dana Keller');
    await page.getByTestId('reviewer-role').selectOption('Safety officer');
    await page.getByTestId('review-comment').fill('Comment-only change, checked against the site copy.');
    await page.getByTestId('approve').click();

    await expect.poll(() => page.getByTestId('change-status').innerText()).toBe('approved');
    expect(await page.getByTestId('notice').innerText()).toMatch(/approved by Dana Keller \(Safety officer\)/);
    expect(await page.getByTestId('approval-trail').innerText()).toMatch(/approved by Dana Keller \(Safety officer\) at 2026-11-25T10:00:00.000Z/);
    await page.screenshot({ path: join(OUTPUT, 'review-slice.png'), fullPage: true });

    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = db
        .prepare('SELECT a.reviewer, a.role, a.decision, a.comment, c.site_id AS site FROM approvals a JOIN changes c ON c.id = a.change_id')
        .all();
      expect(rows).toEqual([
        { reviewer: 'Dana Keller', role: 'Safety officer', decision: 'approved', comment: 'Comment-only change, checked against the site copy.', site: 'press-line-2' },
      ]);
    } finally {
      db.close();
    }

    expect(offlineOnly(watch)).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('shows a clear error for a fleet folder that does not exist, and needs a comment to reject', { timeout: 240_000 }, async () => {
    const { page, watch } = await openApp();
    await page.getByTestId('fleet-path').fill('/media/usb/no-such-fleet');
    await page.getByTestId('fleet-open').click();
    await expect.poll(() => page.getByTestId('error').innerText()).toMatch(/fleet folder not found: \/media\/usb\/no-such-fleet/);

    await page.getByTestId('fleet-path').fill(EXAMPLE_FLEET);
    await page.getByTestId('fleet-open').click();
    await page.getByRole('checkbox', { name: 'select conveyor-line-1' }).uncheck();
    await page.getByRole('checkbox', { name: 'select mixing-tank-3' }).uncheck();
    await page.getByRole('checkbox', { name: 'select press-line-2' }).uncheck();
    await expect.poll(() => page.getByTestId('run-start').innerText()).toBe('Run on 1 site');
    await page.getByTestId('run-start').click();
    await page.getByTestId('review-packaging-cell-4').waitFor({ timeout: 110_000 });
    await page.getByTestId('review-packaging-cell-4').click();
    await page.getByTestId('reviewer-name').fill('Sam Ortiz');
    expect(await page.getByTestId('reject').isDisabled()).toBe(true);
    await page.getByTestId('review-comment').fill('Wrong header line for this plant.');
    await page.getByTestId('reject').click();
    await expect.poll(() => page.getByTestId('change-status').innerText()).toBe('rejected');
    expect(offlineOnly(watch)).toEqual([]);
    // A bad path is an answer shown to the person, not a failed request or a script error.
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});

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
import type { ChangeDetail, RunResult, SiteStep } from '../../src-shared/model/change.js';
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

/** The example fleet grows over time; each test runs on the sites it names so its counts and timing stay fixed. */
async function selectOnly(page: Page, ids: readonly string[]): Promise<void> {
  for (const id of ids) await page.getByRole('checkbox', { name: `select ${id}` }).waitFor();
  const boxes = page.getByTestId('site-list').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const id = ((await box.getAttribute('aria-label')) ?? '').replace(/^select /, '');
    if (ids.includes(id)) await box.check();
    else if (await box.isChecked()) await box.uncheck();
  }
  await expect.poll(() => page.getByTestId('run-start').innerText()).toBe(`Run on ${ids.length} site${ids.length === 1 ? '' : 's'}`);
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
    await expect.poll(() => siteRows.count()).toBeGreaterThanOrEqual(SITES.length);
    for (const id of SITES) await expect.poll(() => page.getByTestId(`site-${id}`).innerText()).toContain(id);
    expect(await page.getByTestId('site-press-line-2').innerText()).toContain('Hydraulic press, line 2');
    await selectOnly(page, SITES);

    // An agent recipe says which model it would use before anything runs; this host has none configured.
    await page.getByTestId('recipe-select').selectOption('estop_standardize');
    expect(await page.getByTestId('recipe-mode').innerText()).toBe('Uses the coding agent after 2 deterministic steps.');
    expect(await page.getByTestId('model-choice').innerText()).toMatch(/^No model configured .*the agent and the judge are skipped\.$/);
    await page.getByTestId('recipe-select').selectOption('revision-note');
    expect(await page.getByTestId('recipe-mode').innerText()).toMatch(/^Deterministic only \(1 deterministic step\)/);
    expect(await page.getByTestId('model-choice').count()).toBe(0);
    await page.getByTestId('run-start').click();
    // While the run goes on, each site's steps are listed under it as they happen.
    await page.getByTestId('run-progress').locator('.progress-steps li', { hasText: 'transform: revision-note: changed src/Main.st' }).first().waitFor({ timeout: 60_000 });
    const results = page.getByTestId('run-results').locator('tbody tr');
    // Each change is verified in full (compile, safety, simulation, formal) before it is shown.
    await expect.poll(() => results.count(), { timeout: 110_000, interval: 500 }).toBe(SITES.length);
    const headers = await page.getByTestId('run-results').locator('thead th').allInnerTexts();
    expect(headers.filter(Boolean)).toEqual(['Site', 'Status', 'Files', 'Lines', 'Verdict', 'Findings', 'Agent', 'Judge', 'Tokens', 'Time', 'Result']);
    for (const id of SITES) {
      expect(await page.getByTestId(`result-${id}`).innerText()).toMatch(/changed/);
      expect(await page.getByTestId(`verdict-${id}`).innerText()).toMatch(/pass/);
      expect(await page.getByTestId(`findings-${id}`).innerText()).toMatch(/^\d+$/);
      expect(await page.getByTestId(`agent-${id}`).innerText()).toBe('not used by this recipe');
      expect(await page.getByTestId(`judge-${id}`).innerText()).toBe('-');
      // No model was asked: a deterministic recipe spends no tokens.
      expect(await page.getByTestId(`tokens-${id}`).innerText()).toBe('-');
      expect(await page.getByTestId(`time-${id}`).innerText()).toMatch(/^\d+\.\d s$/);
    }

    await page.getByTestId('review-press-line-2').click();
    const review = page.getByTestId('change-review');
    await review.waitFor();
    expect(await review.locator('h2').innerText()).toMatch(/Change #\d+ · press-line-2 · revision-note/);
    expect(await page.getByTestId('change-status').innerText()).toBe('pending');
    expect(await page.getByTestId('verdict').innerText()).toBe('PASS');
    for (const stage of ['compile', 'safety', 'simulation', 'formal', 'judge']) await page.getByTestId(`stage-${stage}`).waitFor({ state: 'attached' });

    // The full report opens inside the review, in a sandboxed frame: the same page plantshift verify --html writes.
    await page.getByTestId('report-toggle').click();
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await expect.poll(() => frame.locator('h1').innerText(), { timeout: 30_000 }).toBe('Site press-line-2');
    for (const stage of ['Compile', 'Safety', 'Simulation', 'Formal']) expect(await frame.locator('body').innerText()).toContain(stage);
    expect(await page.getByTestId('report-frame').getAttribute('sandbox')).toBe('');
    await page.getByTestId('report-toggle').click();
    await expect.poll(() => page.getByTestId('report-frame').count()).toBe(0);

    // How the change was made: the deterministic transform, then the verification, in that order.
    const steps = page.getByTestId('steps');
    expect(await steps.locator('h3').innerText()).toBe('How this change was made');
    const kinds = await steps.locator('li[data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds.indexOf('transform')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('verify')).toBeGreaterThan(kinds.indexOf('transform'));
    expect(await page.getByTestId('step-1').getAttribute('data-kind')).toBe('transform');
    const transform = steps.locator('li[data-kind="transform"]').first();
    const verify = steps.locator('li[data-kind="verify"]').first();
    expect(await transform.locator('summary').innerText()).toContain('revision-note: changed src/Main.st');
    expect(await verify.locator('summary').innerText()).toMatch(/verify\s+pass\s+compile pass, safety pass/);
    // A log stays closed until asked for; opening the transform step shows the diff it made.
    const log = transform.locator('pre.step-log');
    expect(await log.isVisible()).toBe(false);
    await transform.locator('summary').click();
    await expect.poll(() => log.isVisible()).toBe(true);
    expect(await log.innerText()).toMatch(/^\+.*2026-11-25 +Plantshift run \d+: Record the Plantshift run in the revision history/m);

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
    await selectOnly(page, ['packaging-cell-4']);
    // The first recipe in the list is not necessarily this one now that there are several.
    await page.getByTestId('recipe-select').selectOption('revision-note');
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

  it('shows an inconclusive change as not safe: only the Safety officer approves it, acknowledging each open point', { timeout: 240_000 }, async () => {
    const { page, watch } = await openApp();
    await page.getByTestId('fleet-path').fill(EXAMPLE_FLEET);
    await page.getByTestId('fleet-open').click();
    await selectOnly(page, ['mixing-tank-3']);
    await page.getByTestId('recipe-select').selectOption('revision-note');
    await page.getByTestId('run-start').click();
    await page.getByTestId('result-mixing-tank-3').waitFor({ timeout: 110_000 });
    // The stored report is turned into what a site with undecidable points yields, as a later run would store it.
    const changeId = services.store.changes.list().find((c) => c.siteId === 'mixing-tank-3')!.id;
    const report = services.store.verifications.get(changeId)!;
    const openPoints = [
      { id: 'formal:BMC-ESTOP:0', stage: 'formal' as const, rule: 'BMC-ESTOP', what: 'e-stop demand switches every hazardous output off: not decided (solver timeout); no proof', file: null, line: null },
      { id: 'safety:SAF001:0', stage: 'safety' as const, rule: 'SAF001', what: 'Agitator_Run: 23 atoms are involved, more than the 20 the exhaustive check enumerates', file: 'src/Safety_Logic.st', line: 31 },
    ];
    const formal = report.stages.find((x) => x.name === 'formal')!;
    formal.status = 'inconclusive';
    formal.findings.push({ rule: 'BMC-ESTOP', severity: 'error', undecided: true, message: openPoints[0]!.what, file: null, line: null, evidence: { locations: [], trace: null, facts: [] } });
    formal.findings.push({ rule: 'BMC-RESET', severity: 'error', preExisting: true, message: 'no hazardous output restarts without a reset edge: VIOLATED within 20 scans', file: null, line: null, evidence: { locations: [], trace: null, facts: [] } });
    services.store.db.prepare("UPDATE verifications SET verdict = 'inconclusive', report_json = ? WHERE change_id = ?").run(JSON.stringify({ ...report, verdict: 'inconclusive', openPoints }), changeId);

    await page.getByTestId('review-mixing-tank-3').click();
    await page.getByTestId('change-review').waitFor();
    expect(await page.getByTestId('verdict').innerText()).toBe('INCONCLUSIVE: not shown to be safe');
    expect(await page.getByTestId('verdict').getAttribute('class')).not.toContain('approved');
    expect(await page.getByTestId('stage-formal').innerText()).toMatch(/inconclusive[\s\S]*open point · BMC-ESTOP/);
    expect(await page.getByTestId('pre-existing').innerText()).toMatch(/Already in the site before this change \(1\)[\s\S]*BMC-RESET/);
    expect(await page.getByTestId('open-points').innerText()).toMatch(/could not decide 2 points/);

    await page.getByTestId('reviewer-name').fill('Ben Ito');
    await page.getByTestId('reviewer-role').selectOption('Control engineer');
    await page.getByTestId(`ack-${openPoints[0]!.id}`).check();
    await page.getByTestId(`ack-${openPoints[1]!.id}`).check();
    expect(await page.getByTestId('approve').isDisabled()).toBe(true);
    expect(await page.getByTestId('approve-block').innerText()).toMatch(/needs the approval of a Safety officer: its verification is inconclusive/);
    await page.getByTestId('reviewer-name').fill('Dana Keller');
    await page.getByTestId('reviewer-role').selectOption('Safety officer');
    await page.getByTestId(`ack-${openPoints[1]!.id}`).uncheck();
    expect(await page.getByTestId('approve').isDisabled()).toBe(true);
    expect(await page.getByTestId('approve-block').innerText()).toMatch(/acknowledge each open point .*safety:SAF001:0/);
    await page.screenshot({ path: join(OUTPUT, 'inconclusive-review.png'), fullPage: true });
    await page.getByTestId(`ack-${openPoints[1]!.id}`).check();
    await page.getByTestId('review-comment').fill('Both points checked on the test rig.');
    await page.getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('change-status').innerText()).toBe('approved');
    expect(await page.getByTestId('approval-trail').innerText()).toMatch(/Dana Keller \(Safety officer\).*acknowledged 2 open point\(s\): formal:BMC-ESTOP:0, safety:SAF001:0/);

    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT role, acknowledged_json AS ack FROM approvals WHERE change_id = ?').all(changeId)).toEqual([{ role: 'Safety officer', ack: JSON.stringify(openPoints.map((p) => p.id)) }]);
    } finally {
      db.close();
    }
    expect(offlineOnly(watch)).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('makes a change that needs a person stand out, with the model usage and the agent transcript', { timeout: 240_000 }, async () => {
    // Only a real model produces a judge veto and token counts, and these tests run without one: the run's and the
    // change's replies are rewritten in the browser, after the bridge's checks, to what such a run returns.
    const { page, watch } = await openApp();
    const transcript = Array.from({ length: 400 }, (_, i) => `turn ${Math.floor(i / 40) + 1}: read_file src/Main.st (line ${i + 1})`).join('\n');
    await page.route('**/api/run.start', async (route) => {
      const reply = (await (await route.fetch()).json()) as { ok: true; value: RunResult };
      for (const site of reply.value.sites) {
        if (site.siteId !== 'conveyor-line-1') continue;
        Object.assign(site, {
          status: 'needs-human',
          verdict: 'fail',
          message: `change #${site.changeId}: verification FAILED (judge); the judge vetoed the change on attempt 2; a person must decide`,
          findings: 2,
          agent: 'finished (6 turns, 2 attempts)',
          judge: 'vetoed on the last attempt',
          llm: { requests: 8, promptTokens: 24_000, completionTokens: 900, cachedPromptTokens: 18_000, prefixHits: 6, modelMs: 42_000 },
        });
      }
      await route.fulfill({ json: reply });
    });
    await page.route('**/api/changes.get', async (route) => {
      const reply = (await (await route.fetch()).json()) as { ok: true; value: ChangeDetail };
      const [transform, ...rest] = reply.value.steps;
      const step = { cachedPromptTokens: 0, promptTokens: 0, completionTokens: 0, durationMs: 0, log: '' };
      const steps: SiteStep[] = [
        transform!,
        { ...step, seq: 0, kind: 'agent', status: 'finished', summary: 'attempt 1: finished after 6 turn(s)', promptTokens: 20_000, completionTokens: 800, cachedPromptTokens: 15_000, durationMs: 38_000, log: transcript },
        ...rest,
        { ...step, seq: 0, kind: 'judge', status: 'fail', summary: 'the change touches Safety_Logic', promptTokens: 4_000, completionTokens: 100, durationMs: 4_000, log: '[reply]\nout of scope' },
      ];
      reply.value.steps = steps.map((s, i) => ({ ...s, seq: i + 1 }));
      await route.fulfill({ json: reply });
    });

    await page.getByTestId('fleet-path').fill(EXAMPLE_FLEET);
    await page.getByTestId('fleet-open').click();
    await selectOnly(page, ['conveyor-line-1']);
    await page.getByTestId('recipe-select').selectOption('revision-note');
    await page.getByTestId('run-start').click();
    const row = page.getByTestId('result-conveyor-line-1');
    await row.waitFor({ timeout: 110_000 });
    expect(await row.getAttribute('class')).toContain('needs-human');
    expect(await row.locator('.badge.needs-human').innerText()).toBe('needs-human');
    expect(await row.innerText()).toContain('A person must look at this change.');
    expect(await page.getByTestId('needs-human-note').innerText()).toMatch(/^1 site needs a person/);
    expect(await page.getByTestId('findings-conveyor-line-1').innerText()).toBe('2');
    expect(await page.getByTestId('agent-conveyor-line-1').innerText()).toBe('finished (6 turns, 2 attempts)');
    expect(await page.getByTestId('judge-conveyor-line-1').innerText()).toBe('vetoed on the last attempt');
    const tokens = page.getByTestId('tokens-conveyor-line-1');
    expect(await tokens.innerText()).toMatch(/^24,900\s+18,000 cached · 6 hits$/);
    expect(await tokens.locator('[title]').getAttribute('title')).toBe(
      '24,000 prompt + 900 completion tokens in 8 requests; 18,000 prompt tokens cached (6 prefix hits); model time 42.0 s',
    );

    await page.getByTestId('review-conveyor-line-1').click();
    await page.getByTestId('needs-human').waitFor();
    const steps = page.getByTestId('steps');
    expect(await steps.locator('li[data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['transform', 'agent', 'verify', 'judge']);
    expect(await page.getByTestId('step-2').locator('summary').innerText()).toContain('20,000 prompt + 800 completion tokens, 15,000 cached · 38.0 s');
    expect(await page.getByTestId('step-4').locator('summary').innerText()).toMatch(/judge\s+fail\s+the change touches Safety_Logic/);
    // A long transcript scrolls inside its step instead of pushing the diff and the approval form away.
    await page.getByTestId('step-2').locator('summary').click();
    const log = page.getByTestId('step-log-2');
    await expect.poll(() => log.isVisible()).toBe(true);
    const box = await log.evaluate((e) => ({ client: e.clientHeight, scroll: e.scrollHeight }));
    expect(box.client).toBeLessThanOrEqual(320);
    expect(box.scroll).toBeGreaterThan(box.client);
    await page.screenshot({ path: join(OUTPUT, 'needs-human.png'), fullPage: true });
    expect(offlineOnly(watch)).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});

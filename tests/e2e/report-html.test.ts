import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src-main/verify/html/index.js';
import { FAILING_REPORT, INCONCLUSIVE_REPORT, PASSING_REPORT, SAMPLE_RULES } from '../fixtures/verify/sample-reports.js';
import { REPO } from '../helpers/temp.js';
import { launchChromium, watchPage } from './browser.js';

// The HTML report as a safety officer sees it: opened from disk in Debian's Chromium, offline. Screenshots
// (screen and print media) and a PDF go to test-results/e2e/ for a human look.
const OUTPUT = join(REPO, 'test-results', 'e2e');

let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

for (const [name, report] of [
  ['failing', FAILING_REPORT],
  ['passing', PASSING_REPORT],
  ['inconclusive', INCONCLUSIVE_REPORT],
] as const) {
  describe(`the ${name} sample report in Chromium`, () => {
    it('renders offline, with no console error and no request beyond the page itself', async () => {
      const file = join(OUTPUT, `report-html-${name}.html`);
      writeFileSync(file, renderReportHtml(report, SAMPLE_RULES));
      const url = pathToFileURL(file).href;

      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const watch = watchPage(page);
      await page.goto(url, { waitUntil: 'load' });

      expect(watch.errors).toEqual([]);
      expect(watch.requests).toEqual([url]);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('.verdict .word').innerText()).toContain(report.verdict.toUpperCase());
      const sections = page.locator('section.stage');
      expect(await sections.count()).toBe(report.stages.length);
      const traces = report.stages.flatMap((s) => s.findings).filter((f) => f.evidence.trace !== null).length;
      expect(await page.locator('svg.timing-diagram').count()).toBe(traces);
      // The diagram is laid out at its own size: nothing collapsed to zero.
      const box = await page.locator('svg.timing-diagram').first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect(box?.height ?? 0).toBeGreaterThan(100);

      await page.screenshot({ path: join(OUTPUT, `report-html-${name}.png`), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(OUTPUT, `report-html-${name}-print.png`), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(OUTPUT, `report-html-${name}.pdf`), pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(watch.errors).toEqual([]);
      expect(watch.requests).toEqual([url]);
      await page.close();
    });
  });
}

import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: Playwright's own browser download is impossible on these offline machines. */
export const CHROMIUM = process.env['PLANTSHIFT_CHROMIUM'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageWatch {
  /** Every URL the page asked for. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

/** Records what a page requests and every error it logs, so tests can assert it stayed offline and clean. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { requests: [], errors: [] };
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) watch.errors.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return watch;
}

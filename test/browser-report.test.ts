import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Report, renderHtml } from '../src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
// In CI (.ci/run installs Debian's chromium) a missing browser must fail the run, never skip it.
// Only on a developer machine without chromium is the suite skipped, and it says so.
const required = Boolean(process.env.CI) || Boolean(process.env.LOGSIFT_REQUIRE_BROWSER);
if (!present && !required) {
  console.warn(`browser-report: skipped because ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`);
}

// The project compiles without the DOM library; these are the page globals the tests read.
interface BrowserGlobals {
  __pwned?: unknown;
  getComputedStyle(el: unknown): { backgroundColor: string };
}

const out = new URL('../test-output/', import.meta.url);
const demo = JSON.parse(readFileSync(new URL('../fixtures/report/demo.json', import.meta.url), 'utf8')) as Report;

if (!present && required) {
  describe('the HTML report in a real browser (headless chromium)', () => {
    it('needs chromium at /usr/bin/chromium', () => {
      expect.fail(`${CHROMIUM} is missing: .ci/run installs it with apt-get (see test-output/chromium-install.log)`);
    });
  });
}

describe.skipIf(!present)('the HTML report in a real browser (headless chromium)', () => {
  let browser: Browser;
  let page: Page;
  let fileUrl: string;
  const requests: string[] = [];
  const blocked: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    const file = new URL('report.html', out);
    writeFileSync(file, renderHtml(demo, { baselineLabel: 'v2.3.1 (baseline)', canaryLabel: 'v2.4.0-rc1 (canary)' }));
    fileUrl = pathToFileURL(file.pathname).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Anything but the report file itself is recorded and refused, so a leak cannot reach the network.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(fileUrl, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens with the verdict, the score and the gauge', async () => {
    await expect.poll(() => page.locator('#verdict').isVisible()).toBe(true);
    expect(await page.locator('#verdict').textContent()).toBe('FAIL');
    expect(await page.locator('h1 .score').textContent()).toBe('score 18/100');
    expect(await page.locator('svg.gauge').isVisible()).toBe(true);
    // The stylesheet applied (its CSP hash matched): the verdict badge is red.
    expect(await page.locator('#verdict').evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).backgroundColor)).toBe('rgb(207, 34, 46)');
  });

  it('shows the rate chart, the timelines and the findings table', async () => {
    expect(await page.locator('svg.rate-bars').isVisible()).toBe(true);
    const box = await page.locator('svg.rate-bars').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(100);
    expect(await page.locator('svg.timeline').count()).toBe(4);
    expect(await page.locator('svg.timeline').first().isVisible()).toBe(true);
    expect(await page.locator('#findings-table').isVisible()).toBe(true);
    expect(await page.locator('#findings-table tbody tr').count()).toBe(8);
  });

  it('shows log lines with <script>, onerror and javascript: as text, and none of them runs', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    const text = await page.locator('#f-3').innerText();
    expect(text).toContain('<script>window.__pwned=1</script> login failed for user=');
    expect(text).toContain('"><img src=x onerror="window.__pwned=5">');
    expect(consoleErrors).toEqual([]);
  });

  it('sorts the findings table when a column header is clicked', async () => {
    const canary = async (): Promise<number[]> =>
      (await page.locator('#findings-table tbody tr td:nth-child(6)').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
    await page.getByRole('button', { name: 'Canary' }).click();
    const ascending = await canary();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBe(0);
    await page.getByRole('button', { name: 'Canary' }).click();
    const descending = await canary();
    expect(descending).toEqual([...ascending].reverse());
    expect(descending[0]).toBe(402);
    expect(await page.locator('th', { has: page.getByRole('button', { name: 'Canary' }) }).getAttribute('aria-sort')).toBe('descending');
  });

  it('filters the findings table as one types, and by severity', async () => {
    const visibleRows = page.locator('#findings-table tbody tr:visible');
    await page.locator('#filter').fill('payment');
    expect(await visibleRows.count()).toBe(1);
    expect(await visibleRows.first().innerText()).toContain('Payment declined by provider');
    expect(await page.locator('#filter-count').textContent()).toBe('1 of 8 findings');
    await page.locator('#filter').fill('');
    await page.locator('#severity-filter').selectOption('info');
    expect(await visibleRows.count()).toBe(2);
    await page.locator('#severity-filter').selectOption('');
    expect(await visibleRows.count()).toBe(8);
  });

  it('hides the table tools when printed', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#table-tools').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('#table-tools').isVisible()).toBe(true);
  });

  it('makes no network request: the only request is the report file itself', async () => {
    await page.screenshot({ path: new URL('report.png', out).pathname });
    await page.screenshot({ path: new URL('report-full.png', out).pathname, fullPage: true });
    expect(blocked).toEqual([]);
    expect(requests).toEqual([fileUrl]);
    expect(existsSync(new URL('report.png', out))).toBe(true);
  });
});

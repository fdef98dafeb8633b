/**
 * Pages only the internal portal (or analytics) has, in Chromium: axe-clean in both themes,
 * no console errors, no horizontal scrolling at 360 px, and charts drawn over the fallback.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtrium, tempDir } from '../helpers/cli.ts';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { serveDirectory } from '../helpers/static-server.ts';

const PAGES = [
  '/internal/environments/',
  '/internal/health/',
  '/products/flights/analytics/',
  '/products/flights/v2/changes/',
  '/products/loyalty/',
  '/404.html',
];

describe('internal portal pages in Chromium', () => {
  let browser: Browser;
  let server: { origin: string; close(): Promise<void> };

  beforeAll(async () => {
    const out = path.join(await tempDir(), 'internal');
    const result = await runAtrium(['build', '--out', out, '--audience', 'internal']);
    expect(result.code, result.stderr).toBe(0);
    server = await serveDirectory(out);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const url of PAGES) {
    it(`${url}: axe-clean in light and dark, no console errors, fits 360 px`, async () => {
      for (const [colorScheme, width] of [['light', 1280], ['dark', 360]] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && !/404 \(Not Found\)/.test(m.text()) && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(server.origin + url, { waitUntil: 'networkidle' });
        expect(await axeViolations(page), `${url} ${colorScheme}`).toEqual([]);
        expect(errors, url).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${url} at ${width}px`).toBeLessThanOrEqual(0);
        await context.close();
      }
    }, 60_000);
  }

  it('draws the analytics charts with Chart.js over the server-rendered fallback', async () => {
    const page = await browser.newPage();
    await page.goto(server.origin + '/products/flights/analytics/', { waitUntil: 'networkidle' });
    await page.waitForFunction(() => [...document.querySelectorAll('canvas')].some((c) => c.width > 0), null, { timeout: 15_000 });
    expect(await page.locator('table').count()).toBeGreaterThan(0);
    await page.close();
  });
});

/**
 * Pages only the internal portal (or analytics) has, in Chromium: axe-clean in both themes,
 * no console errors, no horizontal scrolling at 360 px, and charts drawn over the fallback.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/browser.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';

const PAGES = [
  '/internal/environments/',
  '/internal/health/',
  '/products/flights/analytics/',
  '/products/flights/v2/changes/',
  '/products/loyalty/',
  '/404.html',
];

describe('internal portal pages in Chromium', () => {
  const portal = servePortalBuild(['--audience', 'internal']);

  for (const url of PAGES) {
    it(`${url}: axe-clean in light and dark, no console errors, fits 360 px`, async () => {
      for (const [colorScheme, width] of [['light', 1280], ['dark', 360]] as const) {
        const context = await portal.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && !/404 \(Not Found\)/.test(m.text()) && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(portal.origin + url, { waitUntil: 'networkidle' });
        expect(await axeViolations(page), `${url} ${colorScheme}`).toEqual([]);
        expect(errors, url).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${url} at ${width}px`).toBeLessThanOrEqual(0);
        await context.close();
      }
    }, 60_000);
  }

  it('draws the analytics charts with Chart.js over the server-rendered fallback', async () => {
    const page = await portal.browser.newPage();
    await page.goto(portal.origin + '/products/flights/analytics/', { waitUntil: 'networkidle' });
    await page.waitForFunction(() => [...document.querySelectorAll('canvas')].some((c) => c.width > 0), null, { timeout: 15_000 });
    expect(await page.locator('table').count()).toBeGreaterThan(0);
    await page.close();
  });
});

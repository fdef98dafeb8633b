/**
 * The built example portal in a real browser (issue 8): search, accessibility (axe), dark
 * mode, 360 px without horizontal scrolling, the explorer, the JavaScript budget, and no
 * console errors.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/browser.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';

const PAGES = {
  catalog: '/',
  product: '/products/flights/',
  docs: '/products/flights/docs/guides/authentication/',
  // Task lists: each checkbox needs an accessible name (axe `label`).
  tasks: '/products/flights/docs/getting-started/',
  version: '/products/flights/v1/',
  reference: '/products/flights/v2/reference/',
  operation: '/products/flights/v2/reference/list-flights/',
} as const;

describe('the example portal in Chromium', () => {
  const portal = servePortalBuild();

  async function open(url: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}) {
    const context = await portal.browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    const scripts: { url: string; bytes: number }[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', async (r) => {
      if (r.request().resourceType() === 'script') scripts.push({ url: r.url(), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
    });
    await page.goto(portal.origin + url, { waitUntil: 'networkidle' });
    return { page, errors, scripts, close: () => context.close() };
  }


  for (const [name, url] of Object.entries(PAGES)) {
    it(`${name} page: axe-clean in light and dark, no console errors, JS within budget`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, errors, scripts, close } = await open(url, { colorScheme });
        expect(await axeViolations(page), `${url} ${colorScheme}`).toEqual([]);
        expect(errors, url).toEqual([]);
        const budget = name === 'reference' || name === 'operation' ? 150_000 : 50_000;
        const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
        expect(total, JSON.stringify(scripts)).toBeLessThanOrEqual(budget);
        expect(scripts.some((s) => s.url.includes('/_atrium/elements/')), 'Elements loads only on demand').toBe(false);
        await close();
      }
    }, 60_000);

    it(`${name} page: no horizontal scrolling at 360 px`, async () => {
      const { page, close } = await open(url, { width: 360 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await close();
    });
  }

  it('applies the dark theme from the system and from the switch, and remembers the choice', async () => {
    const dark = await open('/', { colorScheme: 'dark' });
    const bg = () => dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await bg()).toBe('rgb(17, 19, 24)');
    await dark.page.click('[data-theme-toggle]');
    expect(await bg()).toBe('rgb(255, 255, 255)');
    await dark.page.reload();
    expect(await bg()).toBe('rgb(255, 255, 255)');
    await dark.close();
  });

  it('search finds an operation page by its summary, and nothing unpublished', { timeout: 60_000 }, async () => {
    const { page, errors, close } = await open('/');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await page.keyboard.type('live status of a flight');
    await page.waitForSelector('.search-results a[href*="/reference/"]', { timeout: 15_000 });
    const links = await page.$$eval('.search-results a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links.some((l) => /\/products\/flights\/v\d\/reference\/[a-z-]+\/$/.test(l ?? ''))).toBe(true);

    for (const query of ['flight-data on-call rotation', 'Loyalty Program', 'KongAir Miles', 'operations runbook']) {
      await page.fill('#site-search-input', query);
      await page.waitForFunction(() => !!document.querySelector('.search-results')?.textContent, null, { timeout: 15_000 });
      await page.waitForTimeout(400); // the search box debounces keystrokes
      const hrefs = await page.$$eval('.search-results a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.filter((h) => /loyalty|operations-runbook|\/v3\//.test(h)), query).toEqual([]);
    }
    expect(errors).toEqual([]);
    await close();
  });

  it('the explorer loads on demand and renders an operation', async () => {
    const { page, errors, scripts, close } = await open(PAGES.reference);
    await page.click('[data-atrium-explorer]');
    await page.waitForSelector('elements-api', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('elements-api')?.textContent?.includes('flight'), null, { timeout: 30_000 });
    expect(scripts.some((s) => s.url.includes('/_atrium/elements/web-components.min.js'))).toBe(true);
    expect(errors).toEqual([]); // no /favicon.ico 404 either: every page declares its icon
    await close();
  }, 60_000);
});

/**
 * The reference and analytics pages as readers see them (issue 15), asserted on geometry and
 * colour in Chromium at desktop and phone widths, light and dark: charts drawn in the theme's
 * colours, search results on screen, the explorer over the whole window in the page's theme,
 * sending no credential the reader did not type, reopened by a reload of its link.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servePortalBuild } from '../helpers/served-portal.ts';

const ANALYTICS = '/products/flights/analytics/';
const OPERATION = '/products/flights/v2/reference/list-flights/';
const REFERENCE = '/products/flights/v2/reference/';

type Scheme = 'light' | 'dark';

describe('reading the reference in Chromium', () => {
  const portal = servePortalBuild();

  const open = portal.open;

  /**
   * The canvas's blue pixels (the requests bars are the accent blue) and their mean colour. A
   * chart drawn without resolved colours is black and grey: it has none.
   */
  function bluePixels(page: Page): Promise<{ count: number; mean: number[] }> {
    return page.$eval('canvas[data-atrium-chart]', (canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      const sum = [0, 0, 0];
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a < 200 || b < r + 40 || b < g + 20) continue;
        count++;
        sum[0] += r;
        sum[1] += g;
        sum[2] += b;
      }
      return { count, mean: sum.map((v) => Math.round(v / Math.max(count, 1))) };
    });
  }

  async function drawnChart(page: Page) {
    await page.locator('figure:has(canvas[data-atrium-chart])').first().scrollIntoViewIfNeeded();
    await page.waitForSelector('canvas[data-atrium-chart]', { state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(600); // Chart.js animates its first draw for 300 ms
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`analytics charts are drawn in the theme's colours (${colorScheme})`, async () => {
      const { page, errors, close } = await open(ANALYTICS, 1280, colorScheme);
      await drawnChart(page);
      const pixels = await bluePixels(page);
      // The bars alone cover thousands of pixels.
      expect(pixels.count, JSON.stringify(pixels)).toBeGreaterThan(2000);
      const brightness = pixels.mean.reduce((a, b) => a + b, 0);
      // Dark blue on white in light mode, light blue on near-black in dark mode.
      if (colorScheme === 'dark') expect(brightness, JSON.stringify(pixels)).toBeGreaterThan(450);
      else expect(brightness, JSON.stringify(pixels)).toBeLessThan(350);
      expect(errors).toEqual([]);
      await close();
    }, 60_000);
  }

  it('analytics charts are redrawn when the reader switches the theme', async () => {
    const { page, close } = await open(ANALYTICS, 1280, 'light');
    await drawnChart(page);
    const before = await bluePixels(page);
    await page.click('[data-theme-toggle]');
    await page.waitForTimeout(800); // the redraw animates for 300 ms
    const after = await bluePixels(page);
    expect(after.count).toBeGreaterThan(2000);
    expect(after.mean.reduce((a, b) => a + b, 0)).toBeGreaterThan(before.mean.reduce((a, b) => a + b, 0) + 100);
    await close();
  }, 60_000);

  it('search results on a phone stay on screen', async () => {
    const { page, close } = await open(REFERENCE, 390, 'light');
    await page.click('[data-search-open]');
    await page.keyboard.type('flight');
    await page.waitForSelector('.search-results li', { timeout: 15_000 });
    const box = (await page.locator('.search-results').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.width).toBeGreaterThan(300);
    await close();
  }, 60_000);

  for (const [width, colorScheme] of [[1280, 'light'], [1280, 'dark'], [390, 'light'], [390, 'dark']] as const) {
    it(`try-it on an operation page fills the window in the page's theme (${width} px, ${colorScheme})`, async () => {
      const { page, errors, close } = await open(OPERATION, width, colorScheme);
      await page.click('[data-atrium-explorer]');
      await page.waitForSelector('elements-api .HttpOperation', { timeout: 30_000 });
      // Scoped to this operation: Elements opens on it, and its hash route says so.
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/operations/list-flights');
      const dialog = (await page.locator('dialog.ref-explorer-dialog').boundingBox())!;
      expect(dialog.width).toBeGreaterThanOrEqual(width - 1);
      const send = page.getByRole('button', { name: 'Send API Request' });
      const sendBox = (await send.boundingBox())!;
      expect(sendBox.x).toBeGreaterThanOrEqual(0);
      expect(sendBox.x + sendBox.width).toBeLessThanOrEqual(width);
      expect(await send.evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true); // not cut to "Send ."
      const background = await page.$eval('.sl-elements-api', (e) => {
        let el: Element | null = e;
        while (el) {
          const bg = getComputedStyle(el).backgroundColor;
          if (bg !== 'rgba(0, 0, 0, 0)') return bg;
          el = el.parentElement;
        }
        return '';
      });
      const channels = background.match(/\d+/g)!.slice(0, 3).map(Number);
      const sum = channels.reduce((a, b) => a + b, 0);
      if (colorScheme === 'dark') expect(sum, background).toBeLessThan(150);
      else expect(sum, background).toBeGreaterThan(600);
      // Nothing in the explorer scrolls sideways.
      expect(await page.$eval('.ref-explorer-body', (b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await close();
    }, 60_000);
  }

  it('try-it sends no credential until the reader types one, then sends that one', async () => {
    const { page, close } = await open(OPERATION, 1280, 'light');
    const sent: Record<string, string>[] = [];
    await page.context().route('https://api.dev.kongair.example/**', async (route) => {
      sent.push(route.request().headers());
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"data":[]}', headers: { 'access-control-allow-origin': '*' } });
    });
    await page.click('[data-atrium-explorer]');
    await page.waitForSelector('elements-api .HttpOperation', { timeout: 30_000 });
    const send = page.getByRole('button', { name: 'Send API Request' });
    await send.click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(sent[0]!.apikey).toBeUndefined();
    expect(Object.values(sent[0]!)).not.toContain('123');

    await page.getByRole('textbox', { name: 'apikey' }).fill('my-real-key');
    await send.click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBeGreaterThan(1);
    expect(sent.at(-1)!.apikey).toBe('my-real-key');
    await close();
  }, 60_000);

  it('a reload of an explorer link reopens the explorer there, and closing it leaves the page', async () => {
    const { page, close } = await open(REFERENCE + '#/operations/list-flights', 1280, 'light');
    await page.waitForSelector('elements-api .HttpOperation', { timeout: 30_000 });
    expect(await page.locator('dialog.ref-explorer-dialog').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('dialog.ref-explorer-dialog').isVisible()).toBe(false);
    expect(await page.evaluate(() => location.hash)).toBe('');
    await close();
  }, 60_000);

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`an operation page has two panes at 1280 px, the examples sticky on the right (${colorScheme})`, async () => {
      const { page, errors, close } = await open(OPERATION, 1280, colorScheme);
      const main = (await page.locator('.ref-op-main').boundingBox())!;
      const aside = (await page.locator('.ref-op-aside').boundingBox())!;
      expect(aside.x).toBeGreaterThanOrEqual(main.x + main.width);
      expect(Math.abs(aside.y - main.y)).toBeLessThan(40);
      expect(aside.width).toBeGreaterThan(350);
      // The request sample is on the first screen, not after every response.
      const sample = (await page.locator('.ref-env-samples pre').first().boundingBox())!;
      expect(sample.y).toBeLessThan(900);
      await page.evaluate(() => window.scrollTo(0, 1500));
      const stuck = (await page.locator('.ref-op-aside-inner').boundingBox())!;
      expect(stuck.y).toBeGreaterThanOrEqual(0);
      expect(stuck.y).toBeLessThan(40);
      // Highlighted at build time: tokens have colours, different in the two themes.
      const colours = await page.$$eval('.ref-env-samples pre span[class*="c"]', (spans) => [...new Set(spans.map((s) => getComputedStyle(s).color))]);
      expect(colours.length).toBeGreaterThan(2);
      const background = await page.$eval('.ref-env-samples figure', (f) => getComputedStyle(f).backgroundColor);
      const sum = background.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
      if (colorScheme === 'dark') expect(sum, background).toBeLessThan(150);
      else expect(sum, background).toBeGreaterThan(600);
      expect(errors).toEqual([]);
      await close();
    }, 60_000);
  }

  it('an operation page is one column at 390 px, the request sample right after the description', async () => {
    const { page, close } = await open(OPERATION, 390, 'light');
    const aside = (await page.locator('.ref-op-aside').boundingBox())!;
    const description = (await page.locator('.ref-op-main > .ref-md').first().boundingBox())!;
    const parameters = (await page.locator('#parameters').boundingBox())!;
    expect(aside.x).toBeLessThan(30);
    expect(aside.width).toBeGreaterThan(330);
    expect(aside.y).toBeGreaterThan(description.y);
    expect(aside.y).toBeLessThan(parameters.y);
    expect(await page.evaluate(() => document.querySelector('.ref-op-aside')!.scrollWidth <= document.querySelector('.ref-op-aside')!.clientWidth)).toBe(true);
    await close();
  }, 60_000);

  it('language tabs work from the keyboard and the choice is remembered across pages', async () => {
    const { page, close } = await open(OPERATION, 1280, 'light');
    const tabs = page.locator('.ref-env-samples [role="tablist"]').first().getByRole('tab');
    expect(await tabs.count()).toBeGreaterThanOrEqual(10);
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // curl → JavaScript → Node.js → Python
    const selected = page.locator('.ref-env-samples [role="tab"][aria-selected="true"]').first();
    expect(await selected.textContent()).toBe('Python');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).textContent)).toBe('Python');
    const visible = page.locator('.ref-env-samples [role="tabpanel"]:not([hidden]) pre').first();
    expect(await visible.textContent()).toContain('requests.get(');
    await page.keyboard.press('End');
    expect(await selected.textContent()).toBe('Swift');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft'); // wraps to the last
    expect(await selected.textContent()).toBe('Swift');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // Kotlin, Ruby, PHP, C#
    await page.goto(portal.origin + '/products/flights/v2/reference/get-flight-by-number/', { waitUntil: 'networkidle' });
    expect(await page.locator('.ref-env-samples [role="tab"][aria-selected="true"]').first().textContent()).toBe('C#');
    await close();
  }, 60_000);

  it('the environment picker puts the chosen environment\'s URL into every sample, and is remembered', async () => {
    const { page, close } = await open(OPERATION, 1280, 'light');
    const picker = page.locator('select[data-atrium-env-picker]');
    expect(await picker.isVisible()).toBe(true);
    const code = () => page.locator('.ref-env-samples:not([hidden]) [role="tabpanel"]:not([hidden]) pre').first().textContent();
    expect(await code()).toContain('https://api.dev.kongair.example/v2/flights');
    await picker.selectOption('staging');
    expect(await code()).toContain('https://api.staging.kongair.example/v2/flights');
    expect(await code()).not.toContain('api.dev.kongair.example');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await picker.inputValue()).toBe('staging');
    expect(await code()).toContain('https://api.staging.kongair.example/v2/flights');
    await picker.selectOption('development');
    expect(await code()).toContain('https://api.dev.kongair.example/v2/flights');
    await close();
  }, 60_000);

  it('without JavaScript every sample and example is readable, stacked under its heading', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(portal.origin + OPERATION);
    const titles = await page.locator('.ref-env-samples .ref-tabpanel-title').allTextContents();
    expect(titles.slice(0, 3)).toEqual(['curl', 'JavaScript', 'Node.js']);
    expect(await page.locator('.ref-env-samples .ref-tabpanel pre').evaluateAll((pres) => pres.filter((p) => (p as HTMLElement).offsetHeight > 0).length)).toBeGreaterThanOrEqual(10);
    expect(await page.locator('.ref-env-aliases').textContent()).toContain('https://api.staging.kongair.example');
    expect(await page.locator('[data-atrium-explorer]').isVisible()).toBe(false);
    await context.close();
  }, 60_000);

  it('the sidebar stays in view on desktop; on a phone it is a drawer behind a Menu button', async () => {
    const desktop = await open(OPERATION, 1280, 'dark');
    expect(await desktop.page.locator('[data-sidebar-toggle]').isVisible()).toBe(false);
    await desktop.page.evaluate(() => window.scrollTo(0, 2000));
    const nav = (await desktop.page.locator('#site-sidebar').boundingBox())!;
    expect(nav.y).toBeGreaterThanOrEqual(-1);
    expect(nav.y).toBeLessThan(20);
    expect(await desktop.page.locator('#site-sidebar [aria-current="page"]').isVisible()).toBe(true);
    await desktop.close();

    const phone = await open(OPERATION, 390, 'light');
    const menu = phone.page.getByRole('button', { name: 'Menu' });
    const heading = (await phone.page.locator('h1').boundingBox())!;
    expect((await menu.boundingBox())!.y).toBeLessThan(heading.y);
    expect(await phone.page.locator('#site-sidebar').isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const drawer = (await phone.page.locator('#site-sidebar').boundingBox())!;
    expect(drawer.x).toBe(0);
    expect(drawer.width).toBeLessThanOrEqual(390);
    expect(drawer.height).toBeGreaterThanOrEqual(899);
    expect(await phone.page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('page');
    await phone.page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await phone.page.locator('#site-sidebar').isVisible()).toBe(false);
    expect(await phone.page.evaluate(() => document.activeElement?.textContent)).toBe('Menu');
    await phone.close();
  }, 60_000);

  it("try-it aims at the environment the reader picked on the page", async () => {
    const { page, close } = await open(OPERATION, 1280, 'light');
    const sent: string[] = [];
    await page.context().route(/https:\/\/api\.(dev|staging)\.kongair\.example\/.*/, async (route) => {
      sent.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"data":[]}', headers: { 'access-control-allow-origin': '*' } });
    });
    await page.locator('select[data-atrium-env-picker]').selectOption('staging');
    await page.click('[data-atrium-explorer]');
    await page.waitForSelector('elements-api .HttpOperation', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Send API Request' }).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(new URL(sent[0]!).host).toBe('api.staging.kongair.example');
    await close();
  }, 60_000);
});

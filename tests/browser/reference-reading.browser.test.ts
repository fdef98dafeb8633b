/**
 * The reference and analytics pages as readers see them (issue 15), asserted on geometry and
 * colour in Chromium at desktop and phone widths, light and dark: charts drawn in the theme's
 * colours, search results on screen, the explorer over the whole window in the page's theme,
 * sending no credential the reader did not type, reopened by a reload of its link.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { runAtrium, tempDir } from '../helpers/cli.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';
import { serveDirectory } from '../helpers/static-server.ts';

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

/**
 * Schemas where they are used (issue 15 item 2), on verbatim fragments of Box's and Stripe's
 * specs (tests/fixtures/reference) and on a spec too big for one page: what a reader sees of
 * variants, collapsed depths, cycles and fields fetched on demand, with and without script.
 */
describe('schemas where they are used, in Chromium', () => {
  let browser: Browser | undefined;
  let site: { origin: string; close(): Promise<void> } | undefined;
  const BOX = '/products/box/v1/reference/get-collaborations-id/';
  const STRIPE = '/products/stripe/v1/reference/get-prices-price/';
  const WIDE = '/products/wide/v1/reference/get-root/';

  /** 400 components as a binary tree, a dozen described fields each: far over one page's budget. */
  function wideSpec() {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 400; i++) {
      const properties: Record<string, unknown> = {};
      for (let f = 0; f < 12; f++) properties[`field${f}`] = { type: 'string', description: `Field ${f} of node ${i}, described at some length so the fields have weight.` };
      for (const child of [2 * i + 1, 2 * i + 2]) if (child < 400) properties[`child${child}`] = { $ref: `#/components/schemas/Node${child}` };
      schemas[`Node${i}`] = { type: 'object', properties };
    }
    const ok = { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node0' } } } };
    return { openapi: '3.1.0', info: { title: 'Wide', version: '1' }, paths: { '/nodes': { get: { operationId: 'getRoot', responses: { '200': ok } } } }, components: { schemas } };
  }

  beforeAll(async () => {
    const dir = await tempDir();
    const content = path.join(dir, 'content');
    await fs.mkdir(content, { recursive: true });
    await fs.writeFile(path.join(content, 'portal.yaml'), 'title: Schemas portal\n');
    const specs: [string, string][] = [
      ['box', await fs.readFile(new URL('../fixtures/reference/box-collaboration.json', import.meta.url), 'utf8')],
      ['stripe', await fs.readFile(new URL('../fixtures/reference/stripe-price.json', import.meta.url), 'utf8')],
      ['wide', JSON.stringify(wideSpec())],
    ];
    for (const [slug, spec] of specs) {
      const version = path.join(content, 'products', slug, 'versions', 'v1');
      await fs.mkdir(version, { recursive: true });
      await fs.writeFile(path.join(content, 'products', slug, 'product.yaml'), `name: ${slug}\npublished: true\n`);
      await fs.writeFile(path.join(version, 'version.yaml'), 'publish_status: published\n');
      await fs.writeFile(path.join(version, 'openapi.json'), spec);
    }
    const out = path.join(dir, 'site');
    const result = await runAtrium(['build', '--content', content, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    site = await serveDirectory(out);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(url: string, width: number, colorScheme: 'light' | 'dark', javaScriptEnabled = true) {
    const context = await browser!.newContext({ viewport: { width, height: 900 }, colorScheme, javaScriptEnabled });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site!.origin + url, { waitUntil: 'networkidle' });
    return { page, errors, close: () => context.close() };
  }

  /** The `<li>` of the property `name` (the first on the page). */
  const prop = (page: Page, name: string) => page.locator('li.ref-prop', { has: page.locator(':scope > .ref-prop-head > .ref-prop-name', { hasText: new RegExp(`^${name}$`) }) }).first();

  /** WCAG contrast of an element's text against the first opaque background behind it. */
  function contrast(page: Page, selector: string): Promise<number> {
    return page.$eval(selector, (el) => {
      const rgb = (c: string) => c.match(/[\d.]+/g)!.slice(0, 4).map(Number);
      let bg: number[] = [255, 255, 255];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length < 4 || c[3]! > 0.5) {
          bg = c;
          break;
        }
      }
      const lum = (c: number[]) => {
        const [r, g, b] = c.slice(0, 3).map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
  }

  for (const [width, colorScheme] of [[1440, 'light'], [1440, 'dark'], [390, 'light'], [390, 'dark']] as const) {
    it(`a oneOf is a variant switcher that works without script; fields below depth 2 start collapsed (${width} px, ${colorScheme})`, async () => {
      const { page, close } = await open(BOX, width, colorScheme, false);
      const item = prop(page, 'item');
      const variants = item.locator('.ref-variant-list').first().locator(':scope > details.ref-variant');
      const summaries = variants.locator(':scope > summary');
      expect(await summaries.allTextContents()).toEqual(['File', 'Folder', 'Web link']);
      // The first variant is open: File's own fields are on screen, Folder's are not.
      const fileField = page.locator('#schema-File > ul.ref-props > li.ref-prop', { has: page.locator(':scope > .ref-prop-head > .ref-prop-name', { hasText: /^sha1$/ }) });
      await fileField.scrollIntoViewIfNeeded();
      expect(await fileField.isVisible()).toBe(true);
      expect(await variants.nth(1).locator('#schema-Folder').isVisible()).toBe(false);
      // Choosing Folder shows its fields and closes File: an exclusive group, no script.
      await summaries.nth(1).click();
      expect(await variants.nth(1).locator('#schema-Folder .ref-prop').first().isVisible()).toBe(true);
      expect(await fileField.isVisible()).toBe(false);
      const folderBox = (await variants.nth(1).boundingBox())!;
      expect(folderBox.x + folderBox.width).toBeLessThanOrEqual(width); // nothing runs off a phone
      // Depth 2 is open, depth 3 collapsed until the reader opens it.
      const status = prop(page, 'acceptance_requirements_status');
      const password = prop(page, 'strong_password_requirement');
      expect(await password.isVisible()).toBe(true);
      const deep = prop(page, 'user_has_strong_password');
      expect(await deep.isVisible()).toBe(false);
      await password.locator(':scope > details.ref-nested > summary').click();
      expect(await deep.isVisible()).toBe(true);
      expect(await status.isVisible()).toBe(true);
      // Readable in both themes.
      expect(await contrast(page, 'details.ref-variant > summary .ref-variant-title')).toBeGreaterThan(4.5);
      expect(await contrast(page, 'details.ref-nested > summary')).toBeGreaterThan(4.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await close();
    }, 60_000);
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`a cycle is marked where the reader meets it, and leads back to the fields it repeats (${colorScheme})`, async () => {
      const { page, errors, close } = await open(STRIPE, 1440, colorScheme);
      // price → product (a variant of the expandable field) → default_price → price again.
      const product = prop(page, 'product');
      await product.locator('details.ref-variant > summary', { hasText: 'Product' }).first().click();
      const defaultPrice = prop(page, 'default_price');
      await defaultPrice.locator(':scope > details.ref-nested > summary').click();
      await defaultPrice.locator('details.ref-variant > summary', { hasText: 'Price' }).click();
      const marker = page.locator('a.ref-recursive', { hasText: '↻ price' });
      expect(await marker.isVisible()).toBe(true);
      expect(await marker.getAttribute('title')).toContain('Recursive');
      await marker.click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#schema-price');
      const target = (await page.locator('#schema-price').boundingBox())!;
      expect(target.y).toBeGreaterThanOrEqual(-1);
      expect(target.y).toBeLessThan(900);
      expect(errors).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await close();
    }, 60_000);
  }

  it('a schema the page could not hold opens from its own page when the reader opens it; without script it is a link', async () => {
    const { page, errors, close } = await open(WIDE, 1440, 'light');
    // It sits deep (depth 4): the reader opens the collapsed fields above it first.
    const openAbove = () =>
      page.evaluate(() => {
        for (let e = document.querySelector('details.ref-lazy')?.parentElement; e; e = e.parentElement) if (e instanceof HTMLDetailsElement) e.open = true;
      });
    await openAbove();
    const lazy = page.locator('details.ref-lazy').first();
    await lazy.scrollIntoViewIfNeeded();
    const url = await lazy.getAttribute('data-schema-page');
    expect(url).toMatch(/\/products\/wide\/v1\/reference\/schemas\/node\d+\/$/);
    await lazy.locator(':scope > summary').click();
    await expect.poll(() => lazy.getAttribute('data-schema-state'), { timeout: 10_000 }).toBe('loaded');
    const fields = lazy.locator('.ref-prop-name', { hasText: 'field0' }).first();
    expect(await fields.isVisible()).toBe(true);
    // Its links still lead to that schema page's anchors; no id of it clashes with this page's.
    const hrefs = await lazy.locator('a[href*="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of hrefs) expect(href.startsWith(url!)).toBe(true);
    expect(await lazy.locator('[id]').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();

    const plain = await open(WIDE, 1440, 'light', false);
    await plain.page.evaluate(() => {
      for (let e = document.querySelector('details.ref-lazy')?.parentElement; e; e = e.parentElement) if (e instanceof HTMLDetailsElement) e.open = true;
    });
    const closed = plain.page.locator('details.ref-lazy').first();
    await closed.scrollIntoViewIfNeeded();
    await closed.locator(':scope > summary').click();
    const link = closed.locator('a.ref-schema-link');
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('href')).toBe(url);
    await plain.close();
  }, 60_000);
});

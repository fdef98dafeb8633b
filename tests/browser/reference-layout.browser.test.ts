/**
 * The operation page's layout as readers of Stripe's, Redocly's and Scalar's references expect it
 * (issue 15), asserted on geometry in Chromium at two-pane widths and on a phone, light and dark:
 * parameters read in full inside the left column (no sideways scroll), response examples' status
 * tabs on one row, and a phone header that is one bar with nothing overlapping.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { runAtrium, tempDir } from '../helpers/cli.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';
import { serveDirectory } from '../helpers/static-server.ts';

const OPERATION = '/products/flights/v2/reference/list-flights/';
const SCHEMES = ['light', 'dark'] as const;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** Every parameter row and its description: how far each sticks out of the left column or scrolls. */
function parameterFit(page: Page) {
  return page.evaluate(() => {
    const column = (document.querySelector('.ref-op-main > .ref-section') ?? document.querySelector('main'))!.getBoundingClientRect();
    const rows = [...document.querySelectorAll<HTMLElement>('#parameters ~ .ref-params > .ref-param, .ref-section[aria-labelledby="parameters"] .ref-param')];
    return {
      rows: rows.length,
      descriptions: rows.filter((r) => r.querySelector(':scope > .ref-md')).length,
      worst: Math.max(
        ...rows.flatMap((r) => {
          const description = r.querySelector<HTMLElement>(':scope > .ref-md');
          const parts = [r, ...(description ? [description] : [])];
          return parts.map((p) => Math.max(p.scrollWidth - p.clientWidth, p.getBoundingClientRect().right - column.right));
        }),
      ),
      pageScroll: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

describe('the operation page layout in Chromium', () => {
  const portal = servePortalBuild();

  for (const colorScheme of SCHEMES) {
    for (const width of [1440, 1100, 390]) {
      it(`parameters read in full inside their column (${width} px, ${colorScheme})`, async () => {
        const { page, errors, close } = await portal.open(OPERATION, width, colorScheme);
        if (width >= 1100) {
          // Two panes: the parameters are in the left one, the examples beside them.
          const main = (await page.locator('.ref-op-main').boundingBox())!;
          const aside = (await page.locator('.ref-op-aside').boundingBox())!;
          expect(aside.x).toBeGreaterThanOrEqual(main.x + main.width);
        }
        const fit = await parameterFit(page);
        expect(fit.rows).toBe(5); // origin, destination, date, limit, cursor
        expect(fit.descriptions).toBe(5);
        expect(fit.worst).toBeLessThanOrEqual(0.5);
        expect(fit.pageScroll).toBeLessThanOrEqual(0);
        // Name, type and badge on one line; the description below it.
        const origin = page.locator('.ref-param').filter({ has: page.locator('.ref-prop-name', { hasText: /^origin$/ }) }).first();
        const [name, type, required, description] = await Promise.all(
          ['.ref-prop-name', '.ref-type', '.ref-badge-required', ':scope > .ref-md'].map(async (s) => (await origin.locator(s).first().boundingBox())!),
        );
        expect(Math.abs(type!.y - name!.y)).toBeLessThan(8);
        expect(Math.abs(required!.y - name!.y)).toBeLessThan(8);
        expect(description!.y).toBeGreaterThanOrEqual(name!.y + name!.height - 1);
        // Its example once: the parameter's own, not its schema's again.
        expect((await origin.textContent())!.match(/example/g)).toHaveLength(1);
        if (width === 1440) expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await close();
      }, 60_000);
    }

    for (const width of [1440, 390]) {
      it(`response example tabs are one row of status codes, keyboard-operable (${width} px, ${colorScheme})`, async () => {
        const { page, errors, close } = await portal.open(OPERATION, width, colorScheme);
        const list = page.locator('[data-atrium-tabs="status"] > [role="tablist"]');
        const tabs = list.locator('[role="tab"]');
        expect(await tabs.count()).toBe(3);
        const boxes = await tabs.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON() as Box));
        expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
        expect((await list.boundingBox())!.height).toBeLessThanOrEqual(48);
        // The tab shows the code; its name keeps the reason, which the panel shows as its title.
        expect(await tabs.nth(1).textContent()).toBe('400 Bad Request');
        await expect.poll(() => page.getByRole('tab', { name: '400 Bad Request' }).count()).toBe(1);
        const row = await list.evaluate((l) => ({ scroll: l.scrollWidth - l.clientWidth, right: l.getBoundingClientRect().right }));
        expect(row.right).toBeLessThanOrEqual(width);
        // The row scrolls inside the pane; the pane itself never scrolls sideways.
        expect(await page.locator('.ref-op-aside').evaluate((a) => a.scrollWidth - a.clientWidth)).toBeLessThanOrEqual(0);
        // The eleven languages wrap instead: every one in sight inside the pane, none behind a scroll.
        const pane = (await page.locator('.ref-op-aside').boundingBox())!;
        const languages = await page
          .locator('[data-atrium-tabs="language"] > [role="tablist"] > [role="tab"]')
          .evaluateAll((ts) => ts.filter((t) => t.getClientRects().length).map((t) => t.getBoundingClientRect().right));
        expect(languages.length).toBeGreaterThanOrEqual(10);
        expect(Math.max(...languages)).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
        // Arrow keys move the selection and focus; the panel follows.
        await tabs.first().focus();
        await page.keyboard.press('ArrowRight');
        expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
        const panel = page.locator(`#${await tabs.nth(1).getAttribute('aria-controls')}`);
        expect(await panel.isVisible()).toBe(true);
        expect(await panel.locator('.ref-tabpanel-title').textContent()).toBe('400 Bad Request');
        expect(await panel.locator('.ref-tabpanel-title').isVisible()).toBe(true);
        await page.keyboard.press('End');
        expect(await tabs.nth(2).getAttribute('aria-selected')).toBe('true');
        if (width === 390) expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await close();
      }, 60_000);
    }

    it(`the phone header is one bar: menu, name, search and theme side by side (390 px, ${colorScheme})`, async () => {
      const { page, errors, close } = await portal.open(OPERATION, 390, colorScheme);
      const header = (await page.locator('.site-header').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(64);
      const menu = page.getByRole('button', { name: 'Menu' });
      const search = page.getByRole('button', { name: 'Search' });
      const parts = [menu, page.locator('.site-brand'), search, page.locator('[data-theme-toggle]')];
      const boxes = await Promise.all(parts.map(async (p) => (await p.boundingBox())!));
      for (const [i, b] of boxes.entries()) {
        expect(b.width, `part ${i}`).toBeGreaterThan(20);
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(390);
        expect(b.y).toBeGreaterThanOrEqual(header.y);
        expect(b.y + b.height).toBeLessThanOrEqual(header.y + header.height);
        for (const other of boxes.slice(i + 1)) expect(overlaps(b, other)).toBe(false);
      }
      // Left to right, as on Scalar's and Redocly's phones.
      expect(boxes.map((b) => b.x)).toEqual([...boxes.map((b) => b.x)].sort((a, b) => a - b));
      // The name is cut with an ellipsis rather than wrapping or pushing the buttons off.
      const name = await page.locator('.site-brand__name').evaluate((n) => ({
        overflow: getComputedStyle(n).textOverflow,
        lines: Math.round(n.getBoundingClientRect().height / parseFloat(getComputedStyle(n).lineHeight)),
        shown: n.clientWidth,
      }));
      expect(name).toMatchObject({ overflow: 'ellipsis', lines: 1 });
      expect(name.shown).toBeGreaterThan(60);
      // The breadcrumbs start right under the header and the product tabs: no Menu row between.
      const tabs = (await page.locator('.product-bar').boundingBox())!;
      expect(tabs.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
      const crumbs = (await page.locator('.breadcrumbs').boundingBox())!;
      expect(crumbs.y - (tabs.y + tabs.height)).toBeLessThan(24);
      expect(crumbs.y).toBeLessThan(130);
      // The icons still work: the drawer opens, and so does the palette.
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('#site-sidebar').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await search.click();
      await page.waitForSelector('#site-search-input', { state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Escape');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    }, 60_000);
  }

  it('the header is one bar on a tablet too, the Menu button in it (700 px)', async () => {
    const { page, close } = await portal.open(OPERATION, 700, 'light');
    const header = (await page.locator('.site-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(64);
    const parts = await Promise.all(
      ['[data-sidebar-toggle]', '.site-brand', '[data-search-open]', '[data-theme-toggle]'].map(async (s) => (await page.locator(s).boundingBox())!),
    );
    // The site link keeps its whole word; the portal's name gives way first.
    expect(await page.locator('.site-nav').evaluate((n) => n.scrollWidth - n.clientWidth)).toBeLessThanOrEqual(0);
    for (const [i, b] of parts.entries()) {
      expect(b.x + b.width).toBeLessThanOrEqual(700);
      for (const other of parts.slice(i + 1)) expect(overlaps(b, other)).toBe(false);
    }
    await close();
  }, 60_000);

  it('the header keeps its full search field and no menu button at 1440 px', async () => {
    const { page, close } = await portal.open(OPERATION, 1440, 'light');
    const search = page.getByRole('button', { name: 'Search' });
    expect((await search.boundingBox())!.width).toBeGreaterThan(180);
    expect(await page.locator('[data-sidebar-toggle]').isVisible()).toBe(false);
    expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThanOrEqual(64);
    await close();
  }, 60_000);
});

/**
 * An operation shaped like Box's `GET /files/{file_id}`: six statuses with examples (the tabs
 * wrapped onto three rows before) and parameters with long descriptions and unbroken values.
 */
function sixStatusSpec() {
  const example = (status: string) => ({ description: `Status ${status}`, content: { 'application/json': { example: { type: 'error', status } } } });
  const responses: Record<string, unknown> = { '200': { description: 'The file', content: { 'application/json': { example: { id: '12345', type: 'file', name: 'Contract.pdf' } } } } };
  for (const status of ['401', '404', '405', '415', 'default']) responses[status] = example(status);
  const long = 'The ID for any file can be determined by visiting a file in the web application and copying the ID from the URL, for example https://example.app.box.com/files/1234567890123456789012345678901234567890.';
  return {
    openapi: '3.1.0',
    info: { title: 'Files', version: '1' },
    servers: [{ url: 'https://api.files.example' }],
    paths: {
      '/files/{file_id}': {
        get: {
          operationId: 'getFile',
          summary: 'Get file information',
          parameters: [
            { name: 'file_id', in: 'path', required: true, description: long, schema: { type: 'string' }, example: '12345' },
            { name: 'fields', in: 'query', description: `A comma-separated list of attributes to include. ${long}`, schema: { type: 'array', items: { type: 'string' } }, explode: false },
            { name: 'if-none-match', in: 'header', description: 'Ensures an item is only returned if it has changed.', schema: { type: 'string' } },
          ],
          responses,
        },
      },
    },
  };
}

describe('an operation with six response statuses in Chromium', () => {
  let browser: Browser | undefined;
  let site: { origin: string; close(): Promise<void> } | undefined;
  let url = '';

  beforeAll(async () => {
    const dir = await tempDir();
    const content = path.join(dir, 'content');
    const version = path.join(content, 'products', 'files', 'versions', 'v1');
    await fs.mkdir(version, { recursive: true });
    await fs.writeFile(path.join(content, 'portal.yaml'), 'title: A portal whose name is long enough to be cut on a phone\n');
    await fs.writeFile(path.join(content, 'products', 'files', 'product.yaml'), 'name: Files\npublished: true\n');
    await fs.writeFile(path.join(version, 'version.yaml'), 'publish_status: published\n');
    await fs.writeFile(path.join(version, 'openapi.json'), JSON.stringify(sixStatusSpec()));
    const out = path.join(dir, 'site');
    const result = await runAtrium(['build', '--content', content, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const reference = path.join(out, 'products', 'files', 'v1', 'reference');
    const pages = (await fs.readdir(reference, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(pages).toHaveLength(1);
    url = `/products/files/v1/reference/${pages[0]}/`;
    site = await serveDirectory(out);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const colorScheme of SCHEMES) {
    for (const width of [1440, 390]) {
      it(`six status tabs sit on one row; long parameters read in full (${width} px, ${colorScheme})`, async () => {
        const context = await browser!.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        await page.goto(site!.origin + url, { waitUntil: 'networkidle' });
        const tabs = page.locator('[data-atrium-tabs="status"] > [role="tablist"] > [role="tab"]');
        expect(await tabs.count()).toBe(6);
        const boxes = await tabs.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON() as Box));
        expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
        // All six in view without scrolling the row, inside the pane.
        const pane = (await page.locator('.ref-op-aside').boundingBox())!;
        expect(Math.max(...boxes.map((b) => b.x + b.width))).toBeLessThanOrEqual(pane.x + pane.width);
        expect(await page.locator('.ref-op-aside').evaluate((a) => a.scrollWidth - a.clientWidth)).toBeLessThanOrEqual(0);
        expect(await tabs.last().textContent()).toBe('default Any other status'); // "default" shown, the reason in its name
        const fit = await parameterFit(page);
        expect(fit.rows).toBe(3);
        expect(fit.worst).toBeLessThanOrEqual(0.5);
        expect(fit.pageScroll).toBeLessThanOrEqual(0);
        if (width === 390) expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThanOrEqual(64);
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
      }, 60_000);
    }
  }
});

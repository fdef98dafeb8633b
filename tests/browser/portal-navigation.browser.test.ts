/**
 * Finding and reading things as readers of Stripe's, Redocly's and Scalar's portals expect (issue
 * 15 items 3, 7, 9), asserted on geometry, colour and keyboard in Chromium at 1440 and 390 px,
 * light and dark: phones' stacked tables and full-size diagrams, the
 * reference sidebar's filter and product tabs, the catalog's first impression.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/browser.ts';
import { runAtrium, tempDir } from '../helpers/cli.ts';
import { serveDirectory } from '../helpers/static-server.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';
import { syntheticSpec } from '../../scripts/bench/synthetic/spec.ts';

const OPERATION = '/products/flights/v2/reference/list-flights/';
const WIDTHS = [1440, 390] as const;
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

/** Screenshots for a person to look at; ATRIUM_SCREENSHOTS names the folder (default: none). */
const SHOTS = process.env.ATRIUM_SCREENSHOTS;

describe('finding and reading in Chromium', () => {
  const portal = servePortalBuild();

  beforeAll(async () => {
    if (SHOTS) await fs.mkdir(SHOTS, { recursive: true });
  });

  const open = portal.open;

  async function shot(page: Page, name: string) {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  }

  const luminance = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);

  // Search as a palette, the version switcher's and the filter's keys: navigation-keys.browser.test.ts.

  describe('phones', () => {
    for (const colorScheme of SCHEMES) {
      it(`wide tables become stacked rows, each cell led by its column (390 px, ${colorScheme})`, async () => {
        const { page, errors, close } = await open(OPERATION, 390, colorScheme);
        const table = page.locator('main table.ref-table').first();
        await table.scrollIntoViewIfNeeded();
        const wrap = table.locator('xpath=..');
        // Nothing scrolls sideways: the rows fit the column.
        expect(await wrap.evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(0);
        const cells = await table.locator('tbody tr').first().locator('th, td').evaluateAll((cs) =>
          cs.map((c) => ({ box: c.getBoundingClientRect().toJSON(), label: getComputedStyle(c, '::before').content })),
        );
        expect(cells.length).toBeGreaterThan(1);
        // Stacked: one under the other, each as wide as the row.
        for (let i = 1; i < cells.length; i++) {
          expect(cells[i]!.box.y).toBeGreaterThanOrEqual(cells[i - 1]!.box.y + cells[i - 1]!.box.height - 1);
          expect(Math.abs(cells[i]!.box.width - cells[0]!.box.width)).toBeLessThan(2);
        }
        expect(cells[1]!.label).toBe('"When"'); // the gateway's responses: parameters are stacked rows at every width
        await shot(page, `stacked-table-390-${colorScheme}`);
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await close();
      }, 60_000);

      it(`tables keep their columns at 1440 px (${colorScheme})`, async () => {
        const { page, close } = await open(OPERATION, 1440, colorScheme);
        const cells = await page.locator('main table.ref-table tbody tr').first().locator('th, td').evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().y));
        expect(new Set(cells.map(Math.round)).size).toBe(1);
        await close();
      }, 60_000);

      it(`a diagram opens full size on tap (390 px, ${colorScheme})`, async () => {
        const { page, errors, close } = await open('/products/flights/docs/architecture/', 390, colorScheme);
        const figure = page.locator('.atrium-diagram-zoomable').first();
        await figure.scrollIntoViewIfNeeded();
        const inline = await figure.evaluate((f) => [...f.querySelectorAll('svg')].find((s) => s.getClientRects().length)!.getBoundingClientRect().width);
        expect(inline).toBeLessThanOrEqual(390);
        await figure.tap().catch(() => figure.click());
        const dialog = page.locator('dialog.diagram-dialog');
        await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
        const box = (await dialog.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(389);
        expect(box.height).toBeGreaterThanOrEqual(899);
        const full = await dialog.locator('svg').evaluate((s) => ({ width: s.getBoundingClientRect().width, viewBox: (s as SVGSVGElement).viewBox.baseVal.width }));
        expect(full.width).toBeGreaterThanOrEqual(full.viewBox - 1);
        expect(full.width).toBeGreaterThan(inline * 2);
        // The dialog is in the page's theme.
        const bg = await dialog.evaluate((d) => getComputedStyle(d).backgroundColor);
        if (colorScheme === 'dark') expect(luminance(bg)).toBeLessThan(150);
        else expect(luminance(bg)).toBeGreaterThan(600);
        await shot(page, `diagram-390-${colorScheme}`);
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
        // A keyboard reader has a button for it.
        const button = figure.locator('.atrium-diagram-open');
        await button.focus();
        expect(await page.evaluate(() => document.activeElement?.className)).toBe('atrium-diagram-open');
        await page.keyboard.press('Enter');
        await expect.poll(() => dialog.isVisible(), { timeout: 10_000, message: errors.join('; ') }).toBe(true);
        expect(errors).toEqual([]);
        await close();
      }, 60_000);
    }
  });

  describe('reference navigation', () => {
    for (const width of WIDTHS)
      for (const colorScheme of SCHEMES) {
        it(`product tabs, a version switcher, a sidebar filter and coloured method badges (${width} px, ${colorScheme})`, async () => {
          const { page, errors, close } = await open('/products/flights/v1/reference/get-flights/', width, colorScheme);
          // Tabs in one row under the header, the current section underlined in the accent colour.
          const tabs = page.locator('.product-tabs a');
          expect(await tabs.allTextContents()).toEqual(['Overview', 'Docs', 'Reference', 'Changes', 'Analytics']);
          const boxes = await tabs.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON()));
          expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
          // On a phone the row scrolls inside its bar; the page itself never scrolls sideways.
          const bar = (await page.locator('.product-tabs').boundingBox())!;
          expect(bar.x + bar.width).toBeLessThanOrEqual(width);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
          const current = page.locator('.product-tabs a[aria-current]');
          expect(await current.textContent()).toBe('Reference');
          const underline = await current.evaluate((a) => [getComputedStyle(a).borderBottomColor, getComputedStyle(a).borderBottomWidth]);
          expect(underline[1]).toBe('3px');
          expect(underline[0]).not.toBe('rgba(0, 0, 0, 0)');
          await shot(page, `operation-v1-${width}-${colorScheme}`);
          expect(await axeViolations(page), `${width} ${colorScheme}`).toEqual([]);

          // The switcher opens the same operation in the other version.
          await page.locator('.version-switcher summary').click();
          const v2 = page.locator('.version-switcher a', { hasText: /^v2$/ });
          const v2Box = (await v2.boundingBox())!;
          expect(v2Box.x).toBeGreaterThanOrEqual(0);
          expect(v2Box.x + v2Box.width).toBeLessThanOrEqual(width);
          await Promise.all([page.waitForURL('**/v2/reference/list-flights/'), v2.click()]);

          // Sidebar: method badges are coloured, readable pills; the filter narrows the list.
          if (width < 1000) await page.click('[data-sidebar-toggle]');
          const badge = page.locator('.sidebar .method--get').first();
          const [bg, fg] = await badge.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
          expect(Math.abs(luminance(bg!) - luminance(fg!)), `${bg} on ${fg}`).toBeGreaterThan(250);
          const post = await page.locator('.sidebar .method--post').first().evaluate((b) => getComputedStyle(b).backgroundColor);
          expect(post).not.toBe(bg);
          const filter = page.locator('.sidebar [data-nav-filter]');
          expect(await filter.isVisible()).toBe(true);
          const visible = () => page.locator('.sidebar .ref-nav-ops > li:not([hidden])').count();
          const all = await visible();
          await filter.fill('status');
          expect(await visible()).toBeLessThan(all);
          expect(await page.locator('.sidebar .ref-nav-ops > li:not([hidden])').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/status/i)]));
          await filter.fill('');
          expect(await visible()).toBe(all);
          expect(errors).toEqual([]);
          await close();
        }, 60_000);
      }
  });

  describe('first impression', () => {
    for (const width of WIDTHS)
      for (const colorScheme of SCHEMES) {
        it(`the catalog opens with a hero and whole product cards are links (${width} px, ${colorScheme})`, async () => {
          const { page, errors, close } = await open('/', width, colorScheme);
          const hero = (await page.locator('.hero').boundingBox())!;
          expect(hero.y).toBeLessThan(200);
          expect(await page.locator('.hero__lead').textContent()).toContain('Build on KongAir');
          const primary = page.locator('.hero__actions .button--primary');
          const box = (await primary.boundingBox())!;
          expect(box.y + box.height).toBeLessThan(900); // on the first screen
          const [bg, fg] = await primary.evaluate((a) => [getComputedStyle(a).backgroundColor, getComputedStyle(a).color]);
          expect(Math.abs(luminance(bg!) - luminance(fg!))).toBeGreaterThan(250);
          expect(await primary.getAttribute('href')).toBe('/products/flights/docs/getting-started/');
          await shot(page, `catalog-${width}-${colorScheme}`);
          expect(await axeViolations(page), `${width} ${colorScheme}`).toEqual([]);
          // A click anywhere on a card (here near its bottom-right corner) opens the product.
          const card = page.locator('[data-product]', { hasText: 'Bookings' }).first();
          await card.scrollIntoViewIfNeeded();
          const c = (await card.boundingBox())!;
          await Promise.all([page.waitForURL('**/products/bookings/'), page.mouse.click(c.x + c.width - 8, c.y + c.height - 8)]);
          expect(errors).toEqual([]);
          await close();
        }, 60_000);

        it(`a version page is cards: reference, environments, changes, downloads (${width} px, ${colorScheme})`, async () => {
          const { page, errors, close } = await open('/products/flights/v2/', width, colorScheme);
          const cards = page.locator('.version-cards > .card');
          const kinds = await cards.evaluateAll((cs) => cs.map((c) => [...c.classList].find((k) => k.startsWith('version-card--'))));
          expect(kinds).toEqual(expect.arrayContaining(['version-card--reference', 'version-card--environments', 'version-card--changes', 'version-card--downloads']));
          const boxes = await cards.evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().toJSON()));
          const columns = new Set(boxes.map((b) => Math.round(b.x))).size;
          if (width > 1000) expect(columns).toBeGreaterThanOrEqual(2);
          else expect(columns).toBe(1);
          for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(width);
          const border = await cards.first().evaluate((c) => getComputedStyle(c).borderTopColor);
          expect(border).not.toBe('rgba(0, 0, 0, 0)');
          await shot(page, `version-${width}-${colorScheme}`);
          expect(await axeViolations(page), `${width} ${colorScheme}`).toEqual([]);
          const reference = page.locator('.version-card--reference');
          const r = (await reference.boundingBox())!;
          await Promise.all([page.waitForURL('**/v2/reference/'), page.mouse.click(r.x + r.width - 8, r.y + r.height - 8)]);
          expect(errors).toEqual([]);
          await close();
        }, 60_000);
      }
  });

  describe('a large spec', () => {
    let big: { origin: string; close(): Promise<void> };
    beforeAll(async () => {
      // 150 operations in tag groups: the sidebar lists groups collapsed (reference-nav.ts).
      const dir = await tempDir();
      const content = path.join(dir, 'content');
      const version = path.join(content, 'products', 'big', 'versions', 'v1');
      await fs.mkdir(version, { recursive: true });
      await fs.writeFile(path.join(content, 'portal.yaml'), 'title: Big portal\n');
      await fs.writeFile(path.join(content, 'products', 'big', 'product.yaml'), 'name: Big\npublished: true\n');
      await fs.writeFile(path.join(version, 'version.yaml'), 'publish_status: published\n');
      const spec = syntheticSpec({ product: 7, productName: 'Big', version: 1, operations: 150, openapi: '3.1.0', serverUrl: 'https://api.example.com' });
      await fs.writeFile(path.join(version, 'openapi.json'), JSON.stringify(spec));
      const out = path.join(dir, 'site');
      const result = await runAtrium(['build', '--content', content, '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      big = await serveDirectory(out);
    }, 240_000);
    afterAll(async () => big?.close());

    it('the sidebar filter finds operations in collapsed tag groups', async () => {
      const context = await portal.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(big.origin + '/products/big/v1/reference/', { waitUntil: 'networkidle' });
      const groups = page.locator('.sidebar .ref-nav-groups > li');
      const total = await groups.count();
      expect(total).toBeGreaterThan(1);
      expect(await page.locator('.sidebar .ref-nav-ops > li').count()).toBe(0); // all collapsed on the overview
      // An operation of the last, collapsed group, by its page slug (unique).
      const nav = await page.evaluate(async () => (await fetch('nav.json')).json());
      const slug: string = nav.groups.at(-1)[0][0];
      await page.locator('.sidebar [data-nav-filter]').fill(slug);
      // Groups fill from nav.json first, then the filter hides those without a match.
      await expect.poll(() => page.locator('.sidebar .ref-nav-groups > li:not([hidden])').count(), { timeout: 10_000 }).toBeLessThan(total);
      expect(await page.locator('.sidebar .ref-nav-ops > li:not([hidden])').count()).toBeGreaterThan(0);
      expect(await page.locator('.sidebar .ref-nav-ops > li:not([hidden]) a').first().getAttribute('href')).toContain(`/${slug}/`);
      const first = page.locator('.sidebar .ref-nav-ops > li:not([hidden])').first();
      expect((await first.boundingBox())!.height).toBeGreaterThan(10); // visible, in an opened group
      await context.close();
    }, 60_000);
  });
});

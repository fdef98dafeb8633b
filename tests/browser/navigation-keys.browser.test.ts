/**
 * Issue 15 items 3, 5 and 7 by keyboard, pointer and geometry in Chromium, at 1440 and 390 px,
 * light and dark: search as a modal palette (Ctrl+K and `/`, focus kept in it and given back,
 * arrows and Enter, centred on desktop and the whole screen on a phone, loaded only when asked
 * for), arrow keys in the version switcher and the reference sidebar's filter, and zoom in the
 * full-size diagram (buttons, keys, Ctrl+wheel, a two-finger pinch).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/browser.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';

const DOCS = '/products/flights/docs/getting-started/';
const OPERATION = '/products/flights/v2/reference/list-flights/';
const V1_OPERATION = '/products/flights/v1/reference/get-flights/';
const DIAGRAMS = '/products/flights/docs/architecture/';
const WIDTHS = [1440, 390] as const;
const SCHEMES = ['light', 'dark'] as const;
const HEIGHT = 900;

/** Screenshots for a person to look at; ATRIUM_SCREENSHOTS names the folder (default: none). */
const SHOTS = process.env.ATRIUM_SCREENSHOTS;

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const activeInPalette = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('#search-palette'));
/** Script and index files the page has fetched so far. */
const fetched = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

describe('navigation by keyboard in Chromium', () => {
  const portal = servePortalBuild();
  const open = portal.open;

  beforeAll(async () => {
    if (SHOTS) await fs.mkdir(SHOTS, { recursive: true });
  });
  async function shot(page: Page, name: string) {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  }

  describe('search as a palette', () => {
    for (const width of WIDTHS)
      for (const colorScheme of SCHEMES) {
        it(`a modal opened by Ctrl+K and /, arrows and Enter, Escape gives focus back (${width} px, ${colorScheme})`, async () => {
          const { page, errors, close } = await open(DOCS, width, colorScheme);
          // Before the reader asks: neither the palette's code nor Pagefind has loaded.
          const before = await fetched(page);
          expect(before.filter((p) => /search-palette|pagefind/.test(p))).toEqual([]);
          expect(await page.locator('#search-palette').count()).toBe(0);

          // `/` from a link in the page; Escape closes and focus goes back to that link.
          const link = page.locator('main a[href]').first();
          await link.focus();
          const linkHref = await link.getAttribute('href');
          await page.keyboard.press('/');
          const dialog = page.locator('dialog#search-palette');
          expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
          expect(await activeId(page)).toBe('site-search-input');
          await page.keyboard.press('Escape');
          await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
          expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(linkHref);

          // The header's button opens it too (saying what it finds before anything is typed);
          // a click on the backdrop, or on a phone its Close button, ends it and focus goes back.
          await page.click('[data-search-open]');
          expect(await activeId(page)).toBe('site-search-input');
          await expect.poll(() => page.locator('[data-search-status]').textContent()).toMatch(/^Search operations/);
          if (width > 600) await page.mouse.click(8, HEIGHT - 8);
          else await page.click('[data-search-close]');
          await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
          await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-search-open'))).toBe(true);

          // Ctrl+K, then typing at once: the first keystrokes land in the field while the code loads.
          await page.keyboard.press('Control+K');
          await page.keyboard.type('List scheduled flights from an airport');
          await page.waitForSelector('#search-listbox [role="option"]', { timeout: 15_000 });
          await page.waitForTimeout(400); // debounced keystrokes settle
          const after = await fetched(page);
          expect(after.some((p) => /search-palette\.[\w-]+\.js$/.test(p))).toBe(true);
          expect(after.some((p) => p.endsWith('/pagefind/pagefind.js'))).toBe(true);

          // Geometry: a centred modal on desktop, the whole screen on a phone.
          const box = (await dialog.boundingBox())!;
          if (width > 600) {
            expect(Math.abs(box.x + box.width / 2 - width / 2)).toBeLessThanOrEqual(2);
            expect(box.width).toBeLessThanOrEqual(680);
            expect(box.width).toBeGreaterThan(500);
            expect(box.y).toBeGreaterThan(20);
            expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT);
          } else {
            expect(box).toEqual({ x: 0, y: 0, width, height: HEIGHT });
            expect(await page.locator('[data-search-close]').isVisible()).toBe(true);
          }
          // The palette's surface is in the page's theme.
          const bg = await dialog.evaluate((d) => getComputedStyle(d).backgroundColor);
          expect(bg).toBe(colorScheme === 'dark' ? 'rgb(17, 19, 24)' : 'rgb(255, 255, 255)');

          // The exact title is first, with the operation's method and path.
          const first = page.locator('#search-listbox [role="option"]').first();
          expect(await first.locator('.search-title').textContent()).toMatch(/^List scheduled flights from an airport/);
          expect(await first.locator('.search-op').textContent()).toBe('GET /flights');
          await shot(page, `palette-${width}-${colorScheme}`);
          expect(await axeViolations(page), `${width} ${colorScheme}`).toEqual([]);

          // Focus is trapped: Tab and Shift+Tab cycle inside the palette.
          for (let i = 0; i < 6; i++) {
            await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
            expect(await activeInPalette(page)).toBe(true);
          }
          await page.focus('#site-search-input');

          // Arrow keys choose (the input keeps focus), Enter opens the chosen result's URL.
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('ArrowDown');
          expect(await page.getAttribute('#site-search-input', 'aria-activedescendant')).toBe('search-option-1');
          expect(await page.getAttribute('#search-option-1', 'aria-selected')).toBe('true');
          expect(await activeId(page)).toBe('site-search-input');
          await page.keyboard.press('ArrowUp');
          expect(await page.getAttribute('#site-search-input', 'aria-activedescendant')).toBe('search-option-0');
          const href = (await page.getAttribute('#search-option-0', 'href'))!;
          await Promise.all([page.waitForURL((u) => u.pathname === href), page.keyboard.press('Enter')]);
          expect(new URL(page.url()).pathname).toBe(OPERATION);
          expect(errors).toEqual([]);
          await close();
        }, 90_000);
      }

    it('on a slow network the palette opens at once: what is typed waits for its code, Escape before it gives focus back', async () => {
      const { page, errors, close } = await open(DOCS, 1440, 'light');
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/search-palette\.[\w-]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.locator('[data-search-open]').focus();
      await page.keyboard.press('/');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-search-open'))).toBe(true);
      await page.keyboard.press('Control+K');
      await page.keyboard.type('flight status');
      expect(await page.inputValue('#site-search-input')).toBe('flight status');
      expect(await page.locator('#search-listbox [role="option"]').count()).toBe(0);
      release();
      // The code arrives and searches for what was typed.
      await page.waitForSelector('#search-listbox [role="option"]', { timeout: 15_000 });
      expect(errors).toEqual([]);
      await close();
    }, 60_000);

    it('`/` typed into a field stays in the field; Ctrl+K there still opens search', async () => {
      const { page, errors, close } = await open(OPERATION, 1440, 'light');
      const filter = page.locator('.sidebar [data-nav-filter]');
      await filter.focus();
      await page.keyboard.type('/flights');
      expect(await filter.inputValue()).toBe('/flights');
      expect(await page.locator('dialog#search-palette[open]').count()).toBe(0);
      await page.keyboard.press('Control+K');
      expect(await activeId(page)).toBe('site-search-input');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-nav-filter'))).toBe(true);
      expect(errors).toEqual([]);
      await close();
    }, 60_000);
  });

  describe('version switcher', () => {
    for (const width of WIDTHS)
      for (const colorScheme of SCHEMES) {
        it(`arrow keys move through versions, Escape closes, Enter follows (${width} px, ${colorScheme})`, async () => {
          const { page, errors, close } = await open(V1_OPERATION, width, colorScheme);
          const switcher = page.locator('.version-switcher');
          const summary = switcher.locator('summary');
          const isOpen = () => switcher.evaluate((d: HTMLDetailsElement) => d.open);
          const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
          const listId = await switcher.locator('ul').getAttribute('id');
          expect(await summary.getAttribute('aria-controls')).toBe(listId);
          expect(await switcher.evaluate((d) => d.closest('nav')?.getAttribute('aria-label'))).toBe('Versions');

          // One row with the product tabs, on a phone too; the current tab is in view in it.
          const row = (await page.locator('.product-tabs ul').boundingBox())!;
          const summaryBox = (await summary.boundingBox())!;
          expect(summaryBox.y).toBeLessThan(row.y + row.height);
          expect(summaryBox.y + summaryBox.height).toBeGreaterThan(row.y);
          expect(summaryBox.x + summaryBox.width).toBeLessThanOrEqual(width);
          const tab = (await page.locator('.product-tabs a[aria-current]').boundingBox())!;
          expect(tab.x).toBeGreaterThanOrEqual(row.x);
          expect(tab.x + tab.width).toBeLessThanOrEqual(row.x + row.width + 1);

          await summary.focus();
          await page.keyboard.press('ArrowDown');
          expect(await isOpen()).toBe(true);
          // Opens on the current version.
          expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('page');
          expect(await focused()).toBe('v1');
          const labels = await switcher.locator('a').allTextContents();
          expect(labels.length).toBeGreaterThan(1);
          await page.keyboard.press('End');
          expect(await focused()).toBe(labels.at(-1));
          await page.keyboard.press('Home');
          expect(await focused()).toBe(labels[0]);
          await page.keyboard.press('ArrowUp'); // wraps
          expect(await focused()).toBe(labels.at(-1));
          await page.keyboard.press('ArrowDown');
          expect(await focused()).toBe(labels[0]);
          // The open list stays on screen.
          const list = (await switcher.locator('ul').boundingBox())!;
          expect(list.x).toBeGreaterThanOrEqual(0);
          expect(list.x + list.width).toBeLessThanOrEqual(width);
          expect(await axeViolations(page), `${width} ${colorScheme}`).toEqual([]);
          await shot(page, `version-switcher-${width}-${colorScheme}`);

          await page.keyboard.press('Escape');
          expect(await isOpen()).toBe(false);
          expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');

          // Tabbing away closes it.
          await page.keyboard.press('ArrowDown');
          expect(await isOpen()).toBe(true);
          await page.keyboard.press('End');
          await page.keyboard.press('Tab');
          expect(await switcher.evaluate((d) => d.contains(document.activeElement))).toBe(false);
          await expect.poll(isOpen).toBe(false);

          await summary.focus();
          await page.keyboard.press('ArrowDown');
          while ((await focused()) !== 'v2') await page.keyboard.press('ArrowDown');
          await Promise.all([page.waitForURL('**/v2/reference/list-flights/'), page.keyboard.press('Enter')]);
          expect(errors).toEqual([]);
          await close();
        }, 60_000);
      }
  });

  describe('sidebar filter', () => {
    for (const width of WIDTHS)
      for (const colorScheme of SCHEMES) {
        it(`arrow keys move through what the filter leaves, Enter follows, Escape clears (${width} px, ${colorScheme})`, async () => {
          const { page, errors, close } = await open(OPERATION, width, colorScheme);
          if (width < 1000) await page.click('[data-sidebar-toggle]');
          const filter = page.locator('.sidebar [data-nav-filter]');
          const visible = () => page.locator('.sidebar .ref-nav-ops > li:not([hidden]) a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href'));
          const all = await visible();
          await filter.fill('flight');
          const left = await visible();
          expect(left.length).toBeGreaterThan(1);
          expect(left.length).toBeLessThan(all.length);
          await expect.poll(() => page.locator('.sidebar [aria-live]').textContent()).toBe(`${left.length} operations match`);
          expect(await axeViolations(page), `${width} ${colorScheme}`).toEqual([]);

          await filter.focus();
          await page.keyboard.press('ArrowDown');
          expect(await focusedHref()).toBe(left[0]);
          await page.keyboard.press('ArrowDown');
          expect(await focusedHref()).toBe(left[1]);
          // The focused result is in view inside the sidebar.
          const focusedBox = await page.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON());
          expect(focusedBox.y).toBeGreaterThanOrEqual(0);
          expect(focusedBox.y + focusedBox.height).toBeLessThanOrEqual(HEIGHT);
          await page.keyboard.press('ArrowUp');
          expect(await focusedHref()).toBe(left[0]);
          await page.keyboard.press('ArrowUp');
          expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-nav-filter'))).toBe(true);

          // Escape on a result clears the filter and returns to the box; so does Escape in the box.
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Escape');
          expect(await filter.inputValue()).toBe('');
          expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-nav-filter'))).toBe(true);
          expect(await visible()).toEqual(all);
          await filter.fill('status');
          await page.keyboard.press('Escape');
          expect(await filter.inputValue()).toBe('');

          // Enter in the box follows the first result; Enter on a result follows it.
          await filter.fill('status');
          const [target] = await visible();
          await Promise.all([page.waitForURL((u) => u.pathname === target), page.keyboard.press('Enter')]);
          expect(errors).toEqual([]);
          await close();
        }, 60_000);
      }
  });

  describe('full-size diagram zoom', () => {
    for (const width of WIDTHS)
      for (const colorScheme of SCHEMES) {
        it(`zooms by buttons, + − 0 and Ctrl+wheel, closes on Escape (${width} px, ${colorScheme})`, async () => {
          const { page, errors, close } = await open(DIAGRAMS, width, colorScheme);
          const opener = page.locator('.atrium-diagram-zoomable .atrium-diagram-open').first();
          await opener.scrollIntoViewIfNeeded();
          await opener.click();
          const dialog = page.locator('dialog.diagram-dialog');
          await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
          const drawing = dialog.locator('.diagram-dialog__body > *');
          const size = () => drawing.evaluate((d) => d.getBoundingClientRect().width);
          const level = () => dialog.locator('[data-zoom-level]').textContent();
          const natural = await size();
          expect(await level()).toBe('100%');

          // The bar fits the screen.
          for (const b of await dialog.locator('.diagram-dialog__bar button').evaluateAll((bs) => bs.map((x) => x.getBoundingClientRect().toJSON()))) {
            expect(b.x).toBeGreaterThanOrEqual(0);
            expect(b.x + b.width).toBeLessThanOrEqual(width);
          }
          expect(await axeViolations(page), `${width} ${colorScheme}`).toEqual([]);

          await dialog.getByRole('button', { name: 'Zoom in' }).click();
          expect(await size()).toBeCloseTo(natural * 1.25, 0);
          expect(await level()).toBe('125%');
          await page.keyboard.press('+');
          expect(await size()).toBeCloseTo(natural * 1.5625, 0);
          await page.keyboard.press('-');
          await page.keyboard.press('-');
          await page.keyboard.press('-');
          expect(await size()).toBeCloseTo(natural * 0.8, 0);
          await page.keyboard.press('0');
          expect(await size()).toBeCloseTo(natural, 0);
          await dialog.getByRole('button', { name: 'Zoom out' }).click();
          expect(await size()).toBeCloseTo(natural / 1.25, 0);
          await dialog.getByRole('button', { name: 'Reset' }).click();
          expect(await size()).toBeCloseTo(natural, 0);

          // Ctrl+wheel (a trackpad pinch) zooms about the pointer; a plain wheel does not zoom.
          const body = (await dialog.locator('.diagram-dialog__body').boundingBox())!;
          await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
          await page.mouse.wheel(0, 200);
          expect(await size()).toBeCloseTo(natural, 0);
          await page.keyboard.down('Control');
          await page.mouse.wheel(0, -300);
          await page.keyboard.up('Control');
          await expect.poll(size).toBeGreaterThan(natural * 1.5);
          await shot(page, `diagram-zoom-${width}-${colorScheme}`);

          // Fit: the whole drawing in the view's width.
          await dialog.getByRole('button', { name: 'Fit' }).click();
          expect(await size()).toBeLessThanOrEqual(body.width);

          await page.keyboard.press('Escape');
          await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
          // The drawing is back in the page, focus on the button that opened it.
          expect(await page.locator('.atrium-diagram-zoomable').first().locator('svg').count()).toBeGreaterThan(0);
          expect(await page.evaluate(() => document.activeElement?.className)).toBe('atrium-diagram-open');
          expect(errors).toEqual([]);
          await close();
        }, 60_000);
      }

    it('a two-finger pinch zooms on a touch phone (390 px)', async () => {
      const context = await portal.browser.newContext({ viewport: { width: 390, height: HEIGHT }, hasTouch: true, isMobile: true });
      const page = await context.newPage();
      await page.goto(portal.origin + DIAGRAMS, { waitUntil: 'networkidle' });
      const figure = page.locator('.atrium-diagram-zoomable').first();
      await figure.scrollIntoViewIfNeeded();
      await figure.tap();
      const dialog = page.locator('dialog.diagram-dialog');
      await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
      const size = () => dialog.locator('.diagram-dialog__body > *').evaluate((d) => d.getBoundingClientRect().width);
      const natural = await size();
      const cdp = await context.newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
        cdp.send('Input.dispatchTouchEvent', {
          type,
          touchPoints: type === 'touchEnd' ? [] : [{ x: 195 - spread, y: 450, id: 1 }, { x: 195 + spread, y: 450, id: 2 }],
        });
      await touch('touchStart', 40);
      for (const spread of [60, 80, 100, 120]) await touch('touchMove', spread);
      await touch('touchEnd', 0);
      // Fingers three times as far apart: the drawing three times as wide.
      await expect.poll(size).toBeGreaterThan(natural * 2.5);
      const shown = Number.parseInt((await dialog.locator('[data-zoom-level]').textContent())!, 10);
      expect(Math.abs(shown - ((await size()) / natural) * 100)).toBeLessThanOrEqual(1);
      await context.close();
    }, 60_000);
  });
});

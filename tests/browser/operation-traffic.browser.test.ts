/**
 * The per-operation analytics blocks in Chromium (example portal, internal audience): the
 * operation page's own traffic sits in the page's main column, its three figures side by side
 * on a wide screen and inside the viewport on a phone, readable in both themes and reachable
 * by keyboard; the analytics page's deprecated-version note and operation rankings fit 360 px.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/browser.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';

const OPERATION = '/products/flights/v1/reference/get-flight-by-number/';

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('per-operation analytics in Chromium', () => {
  const portal = servePortalBuild(['--audience', 'internal']);

  for (const [colorScheme, width] of [['light', 1280], ['dark', 360]] as const) {
    it(`the operation page's traffic block: in the main column, figures laid out, readable (${colorScheme}, ${width} px)`, async () => {
      const { page, errors, close } = await portal.open(OPERATION, width, colorScheme);
      const block = page.locator('section.atrium-operation-traffic');
      await expect.poll(() => block.count()).toBe(1);
      expect(await block.locator('h2').textContent()).toContain('Traffic');
      const cards = block.locator('.atrium-analytics__card');
      expect(await cards.count()).toBe(3);
      const boxes = await cards.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      const main = await page.evaluate(() => (document.querySelector('main') ?? document.body).getBoundingClientRect().toJSON() as DOMRect);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(60);
        expect(box.left).toBeGreaterThanOrEqual(main.left - 1);
        expect(box.right).toBeLessThanOrEqual(Math.min(main.right, width) + 1);
      }
      if (width >= 1000) {
        // Side by side: one row, left to right.
        expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
        expect(boxes[0]!.left).toBeLessThan(boxes[1]!.left);
        expect(boxes[1]!.left).toBeLessThan(boxes[2]!.left);
      }
      const colours = await block.locator('dd').first().evaluate((dd) => {
        let el: Element | null = dd;
        let bg = 'rgba(0, 0, 0, 0)';
        while (el && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
          bg = getComputedStyle(el).backgroundColor;
          el = el.parentElement;
        }
        return { fg: getComputedStyle(dd).color, bg };
      });
      expect(contrast(colours.fg, colours.bg)).toBeGreaterThanOrEqual(4.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    }, 90_000);
  }

  it('the block\'s link to the analytics page is reached with Tab and opens it with Enter', async () => {
    const { page, close } = await portal.open(OPERATION, 1280, 'light');
    const link = page.locator('section.atrium-operation-traffic a');
    let reached = false;
    for (let i = 0; i < 600 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await link.evaluate((a) => a === document.activeElement);
    }
    expect(reached).toBe(true);
    await Promise.all([page.waitForURL(/\/products\/flights\/analytics\/$/), page.keyboard.press('Enter')]);
    await close();
  }, 120_000);

  it('the analytics page: the deprecated v1 note and the operation tables fit a phone', async () => {
    const { page, close } = await portal.open('/products/flights/analytics/', 360, 'light');
    const note = page.locator('.atrium-analytics__deprecated');
    expect(await note.textContent()).toMatch(/v1.*requests from \d+ distinct consumers/s);
    const border = await note.evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(border).not.toBe('rgba(0, 0, 0, 0)');
    const tables = page.locator('table.atrium-analytics__operations');
    expect(await tables.count()).toBeGreaterThanOrEqual(4);
    // Wide tables scroll inside their own box, never the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await close();
  }, 90_000);
});

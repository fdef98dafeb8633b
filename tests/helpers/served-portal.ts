/**
 * The setup every browser test shares: build a portal with the real CLI, serve it on loopback as
 * a CDN would, and read it in the Chromium of tests/helpers/browser.ts. Call inside a `describe`:
 * it registers the suite's beforeAll/afterAll.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { runAtrium, tempDir } from './cli.ts';
import { launchChromium } from './browser.ts';
import { serveDirectory } from './static-server.ts';

export interface OpenedPage {
  page: Page;
  /** Uncaught errors the page threw. */
  errors: string[];
  close(): Promise<void>;
}

export interface ServedPortal {
  readonly browser: Browser;
  readonly origin: string;
  /** The page at `url` in a fresh context of this width and colour scheme, loaded to network idle. */
  open(url: string, width: number, colorScheme: 'light' | 'dark'): Promise<OpenedPage>;
}

/**
 * `buildArgs` are added to `atrium build --out <temp>` (for example `--audience internal`);
 * `afterBuild` may change the built folder before it is served.
 */
export function servePortalBuild(buildArgs: string[] = [], afterBuild?: (out: string) => Promise<void>): ServedPortal {
  let browser: Browser | undefined;
  let server: { origin: string; close(): Promise<void> } | undefined;

  beforeAll(async () => {
    const out = path.join(await tempDir(), 'site');
    const result = await runAtrium(['build', '--out', out, ...buildArgs]);
    expect(result.code, result.stderr).toBe(0);
    await afterBuild?.(out);
    server = await serveDirectory(out);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the portal is not built yet: use it inside a test');
    return value;
  };

  return {
    get browser() {
      return started(browser);
    },
    get origin() {
      return started(server).origin;
    },
    async open(url, width, colorScheme) {
      const context = await started(browser).newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(started(server).origin + url, { waitUntil: 'networkidle' });
      return { page, errors, close: () => context.close() };
    },
  };
}

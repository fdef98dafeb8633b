/**
 * What only a browser shows: the explorer button loads Stoplight Elements on click and not
 * before, from the portal's own origin, and Elements then reaches no third party (its
 * remote Mermaid loader is blocked). Chromium comes from the build's own lookup
 * (tests/helpers/browser.ts), so this never skips.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { stripTypeScriptTypes } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferenceIndex, renderReferenceOverview } from '../../src/lib/reference/index.ts';
import { patchElementsBundle } from '../../src/lib/reference/elements-bundle.ts';
import { launchChromium } from '../helpers/browser.ts';
import { context, environment, loadSpec } from '../unit/reference/helpers.ts';

const ELEMENTS = fileURLToPath(new URL('../../node_modules/@stoplight/elements/', import.meta.url));
const EXPLORER = fileURLToPath(new URL('../../src/client/explorer.ts', import.meta.url));

describe('interactive explorer in a browser', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const spec = loadSpec('reference/pets-3.1.yaml');
    spec.info.description += '\n\n```mermaid\ngraph TD; A-->B;\n```\n';
    const index = buildReferenceIndex(spec);
    const ctx = context({
      specJsonUrl: '/openapi.json',
      environments: [environment({ name: 'production', base_urls: ['https://api.pets.example.net'] })],
    });
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ref</title></head><body><main>${renderReferenceOverview(
      spec,
      index,
      ctx,
    )}</main><script type="module" src="/explorer.js"></script></body></html>`;
    // explorer.ts imports nothing, so stripping its types is all the bundling it needs.
    const script = stripTypeScriptTypes(readFileSync(EXPLORER, 'utf8'));
    const files: Record<string, [string, string | Buffer]> = {
      '/': ['text/html', page],
      '/explorer.js': ['text/javascript', script],
      '/openapi.json': ['application/json', JSON.stringify(spec)],
      '/_atrium/elements/web-components.min.js': ['text/javascript', patchElementsBundle(readFileSync(ELEMENTS + 'web-components.min.js', 'utf8'))],
      '/_atrium/elements/styles.min.css': ['text/css', readFileSync(ELEMENTS + 'styles.min.css')],
    };
    server = createServer((req, res) => {
      const file = files[new URL(req.url ?? '/', 'http://x').pathname];
      res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
      res.end(file?.[1] ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('loads Elements only on click, from the site, with the gateway servers and no third party', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(origin + '/');
    await expect.poll(() => page.isVisible('button[data-atrium-explorer]')).toBe(true);
    expect(requests.filter((u) => u.includes('elements'))).toEqual([]);

    await page.click('button[data-atrium-explorer]');
    await page.waitForFunction(() => document.querySelector('elements-api')?.textContent?.includes('API Base URL'), null, {
      timeout: 20_000,
    });
    const text = (await page.textContent('elements-api')) ?? '';
    expect(text).toContain('https://api.pets.example.net/v2');
    expect(requests.map((u) => u.replace(origin, ''))).toEqual(
      expect.arrayContaining(['/openapi.json', '/_atrium/elements/styles.min.css', '/_atrium/elements/web-components.min.js']),
    );
    await page.waitForTimeout(500);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    await page.close();
  }, 60_000);
});

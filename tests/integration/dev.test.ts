/**
 * `atrium dev`: serves the portal, rebuilds when content changes, and shows content errors
 * with file:line in the browser instead of stale pages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, copyDir, tempDir } from '../helpers/cli.ts';
import { launchChromium } from '../helpers/browser.ts';

let child: ChildProcess;
let content: string;
const port = 4500 + Math.floor(Math.random() * 400);
const url = (p: string) => `http://127.0.0.1:${port}${p}`;
/** Each request gives up after a few seconds, so one slow first compile cannot stall the poll. */
const get = (p: string) => fetch(url(p), { signal: AbortSignal.timeout(8_000) });

async function poll(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('timed out waiting for the dev server');
}

beforeAll(async () => {
  content = path.join(await tempDir(), 'content');
  await copyDir(path.join(REPO_ROOT, 'content'), content);
  child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/atrium.js'), 'dev', '--content', content, '--port', String(port)], {
    cwd: REPO_ROOT,
    // As a user runs it: Vite serves nothing when it believes it runs inside Vitest.
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(k))),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await poll(async () => (await get('/')).ok);
}, 90_000);

afterAll(() => {
  child?.kill();
});

it('rebuilds on content changes and shows content errors with file:line', async () => {
  const page = () => get('/products/flights/').then((r) => r.text());
  expect(await page()).toContain('<h1>Flights');
  const productFile = path.join(content, 'products/flights/product.yaml');
  const original = await fs.readFile(productFile, 'utf8');
  await fs.writeFile(productFile, original.replace(/^name: Flights$/m, 'name: Flights Renamed Live'));
  await poll(async () => (await page()).includes('Flights Renamed Live'));

  await fs.writeFile(productFile, 'name: Flights\npublsh: true\n');
  await poll(async () => (await get('/products/flights/')).status === 500);
  // The page itself is Vite's error overlay, filled in by its client script.
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    await tab.goto(url('/products/flights/'));
    const overlay = await tab.waitForFunction(
      () => document.querySelector('vite-error-overlay')?.shadowRoot?.textContent ?? '',
      null,
      { timeout: 30_000 },
    );
    expect(await overlay.jsonValue()).toMatch(/products\/flights\/product\.yaml:2:1: error: unknown key `publsh`/);
  } finally {
    await browser.close();
  }
}, 120_000);

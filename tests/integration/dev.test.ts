/**
 * `atrium dev`: serves the portal, rebuilds when content changes, and shows content errors
 * with file:line in the browser instead of stale pages. Run as a user runs it, from a project
 * of their own with Atrium installed elsewhere: it writes into neither (Astro's `.astro/` and
 * Vite's cache go into a run folder of its own, removed when dev is stopped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, copyDir, tempDir } from '../helpers/cli.ts';
import { launchChromium } from '../helpers/browser.ts';
import { copyOfAtrium, fingerprint } from '../hostile/build-process.ts';

let child: ChildProcess;
let content: string;
let project: string;
let install: string;
let installBefore: Record<string, string>;
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
  const scratch = await tempDir();
  install = await copyOfAtrium(path.join(scratch, 'install'));
  installBefore = await fingerprint(install);
  project = path.join(scratch, 'project');
  content = path.join(project, 'content');
  await copyDir(path.join(REPO_ROOT, 'content'), content);
  child = spawn(process.execPath, [path.join(install, 'bin/atrium.js'), 'dev', '--content', content, '--port', String(port)], {
    cwd: project,
    // As a user runs it: Vite serves nothing when it believes it runs inside Vitest.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(k))),
      ATRIUM_CACHE_DIR: path.join(scratch, 'cache'),
    },
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
      // The overlay's shell (its <style>) is there before its client script fills in the
      // message: wait for Astro's message element itself, not any text.
      () => {
        const root = document.querySelector('vite-error-overlay')?.shadowRoot;
        return root?.querySelector('#message-content')?.textContent ? root.textContent : '';
      },
      null,
      { timeout: 30_000 },
    );
    expect(await overlay.jsonValue()).toMatch(/products\/flights\/product\.yaml:2:1: error: unknown key `publsh`/);
  } finally {
    await browser.close();
  }
}, 120_000);

it("writes nothing into Atrium's folder or the project; stopped by SIGINT, it removes its run folder", async () => {
  expect(await fingerprint(install)).toEqual(installBefore);
  expect(await fs.readdir(project)).toEqual(['content']);
  const runs = async () => (await fs.readdir(os.tmpdir())).filter((n) => n.startsWith(`.atrium-dev.atrium-build-${child.pid}-`));
  const [run] = await runs();
  expect(run, 'no run folder of this dev server').toBeDefined();
  expect((await fs.readdir(path.join(os.tmpdir(), run!, '.astro'))).length).toBeGreaterThan(0);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(await runs()).toEqual([]);
}, 30_000);

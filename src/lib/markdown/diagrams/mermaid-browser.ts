/**
 * Build-time Mermaid on one Chromium for the whole build. Mermaid lays text out with a
 * real browser's font metrics, so a browser it must be; but only one: launched on the
 * first diagram that is not cached, one page with mermaid.js loaded once, every batch
 * rendered in that page, closed by `close()`.
 *
 * (rehype-mermaid/mermaid-isomorphic do the same job but close the browser whenever no
 * render is in flight, reload mermaid.js per call, import the full `playwright`
 * package, and cannot theme inline SVG for dark mode — hence this small equivalent.)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.ts';

/** Mermaid settings per colour scheme; part of every cache key. */
export const MERMAID_THEMES = {
  light: { theme: 'default' },
  dark: { theme: 'dark' },
} as const;

// Deterministic output: seeded ids and a fixed seed for the sketchy shapes some diagrams draw.
const BASE_CONFIG = { startOnLoad: false, securityLevel: 'strict', fontFamily: 'arial,sans-serif', deterministicIds: true, handDrawnSeed: 1 };

export type MermaidDrawing = { ok: true; light: string; dark: string } | { ok: false; message: string };

export interface MermaidBrowser {
  /** Renders each diagram in both themes; `ids` name the SVG roots (one per diagram). */
  render(diagrams: readonly { source: string; id: string }[]): Promise<MermaidDrawing[]>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

export function mermaidVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version: string }).version;
}

/** Everything in the page's Mermaid settings, for cache keys. */
export function mermaidSettings(): string {
  return JSON.stringify({ base: BASE_CONFIG, themes: MERMAID_THEMES });
}

/**
 * Launches the browser with `pages` pages (default: one per core, at most two). Each page
 * runs in its own renderer process, so a batch split over two pages uses both cores —
 * still one Chromium.
 */
export async function launchMermaidBrowser(
  executable: { executablePath: string; env?: Record<string, string> },
  pages = Math.min(2, os.availableParallelism()),
): Promise<MermaidBrowser> {
  const { chromium } = await import('playwright-core');
  const userDataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'atrium-chromium-'));
  removeAtExit(userDataDir);
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: executable.executablePath,
      ...(executable.env ? { env: { ...process.env, ...executable.env } } : {}),
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    const open = context.pages();
    while (open.length < Math.max(1, pages)) open.push(await context.newPage());
    await Promise.all(open.map(preparePage));
    return browser(context, open, userDataDir);
  } catch (error) {
    await context?.close().catch(() => {});
    await fs.promises.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    openProfiles.delete(userDataDir);
    throw error;
  }
}

/**
 * Profiles of browsers not closed yet. A command stopped by a signal (src/builder/interrupt.ts)
 * exits without awaiting `close()`, so they are removed synchronously on exit — and only after
 * Playwright's own exit handler has SIGKILLed Chromium: removed while Chromium still runs, the
 * profile is written again (seen under load when a signal lands while Chromium starts).
 * Playwright adds that handler while it launches, and again whenever it re-adds it, so every
 * 'exit' listener added while a profile is open moves ours back to the end. The move waits a
 * microtask, since 'newListener' fires before the listener is in the list; no signal can run
 * in between, as signal handlers are macrotasks.
 */
const openProfiles = new Set<string>();
function removeOpenProfiles(): void {
  for (const dir of openProfiles) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  openProfiles.clear();
}
function removeOpenProfilesLast(): void {
  process.off('exit', removeOpenProfiles);
  process.on('exit', removeOpenProfiles);
}
function keepRemovalLast(event: string | symbol, listener: unknown): void {
  if (event === 'exit' && listener !== removeOpenProfiles && openProfiles.size > 0) queueMicrotask(removeOpenProfilesLast);
}
let watchingExitListeners = false;
function removeAtExit(dir: string): void {
  openProfiles.add(dir);
  if (!watchingExitListeners) process.on('newListener', keepRemovalLast);
  watchingExitListeners = true;
  removeOpenProfilesLast();
}

async function preparePage(page: Page): Promise<void> {
  // Diagrams must not fetch anything: no remote fonts, images or scripts.
  await page.route('**/*', (route) => route.abort());
  await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
}

function browser(context: BrowserContext, pages: Page[], userDataDir: string): MermaidBrowser {
  let closed = false;
  return {
    async render(diagrams) {
      // Small batches are not worth splitting; output is the same either way.
      const parts = diagrams.length < 4 ? 1 : pages.length;
      const size = Math.ceil(diagrams.length / parts);
      const chunks = pages.slice(0, parts).map((page, i) => renderOn(page, diagrams.slice(i * size, (i + 1) * size)));
      return (await Promise.all(chunks)).flat();
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      await fs.promises.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
      openProfiles.delete(userDataDir);
    },
  };
}

async function renderOn(page: Page, diagrams: readonly { source: string; id: string }[]): Promise<MermaidDrawing[]> {
  if (diagrams.length === 0) return [];
  try {
    const input = {
      diagrams: diagrams.map((d) => ({ source: d.source, id: d.id })),
      light: { ...BASE_CONFIG, ...MERMAID_THEMES.light },
      dark: { ...BASE_CONFIG, ...MERMAID_THEMES.dark },
    };
    return (await page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify(input)})`)) as MermaidDrawing[];
  } catch (error) {
    const message = `Chromium failed while rendering Mermaid: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return diagrams.map(() => ({ ok: false as const, message }));
  }
}

/*
 * Runs inside the page. Kept as plain JavaScript text rather than a function so that no
 * bundler helper (esbuild's `__name`, coverage counters) leaks into the browser.
 */
const RENDER_IN_PAGE = String.raw`async (input) => {
  const results = input.diagrams.map(() => ({ ok: false, message: 'not rendered' }));
  const svgs = { light: [], dark: [] };
  for (const scheme of ['light', 'dark']) {
    mermaid.initialize(input[scheme]);
    for (let index = 0; index < input.diagrams.length; index++) {
      if (scheme === 'dark' && svgs.light[index] === undefined) continue;
      const diagram = input.diagrams[index];
      const id = diagram.id + '-' + scheme;
      try {
        const { svg } = await mermaid.render(id, diagram.source);
        svgs[scheme][index] = svg;
      } catch (error) {
        results[index] = { ok: false, message: error && error.message ? error.message : String(error) };
      } finally {
        // A failed render leaves its scratch element behind; keep the page small.
        document.getElementById(id)?.remove();
        document.getElementById('d' + id)?.remove();
      }
    }
  }
  return results.map((result, index) =>
    svgs.light[index] !== undefined && svgs.dark[index] !== undefined
      ? { ok: true, light: svgs.light[index], dark: svgs.dark[index] }
      : result);
}`;

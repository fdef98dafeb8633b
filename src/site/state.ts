/**
 * How pages reach the site model. `atrium build` / `atrium dev` resolve the content once
 * (src/lib/site/resolve-site.ts) and hand the model over through a process-wide slot before
 * Astro renders; pages never read content files themselves. In `atrium dev`, content errors
 * are handed over instead, and every page throws them so Astro's overlay shows file:line.
 */
import type { SiteModel } from '../lib/site/model.ts';

const SLOT = Symbol.for('atrium.site-model');
const RENDERED = Symbol.for('atrium.page-rendered');
const ERRORS = Symbol.for('atrium.site-errors');
const CACHE = Symbol.for('atrium.build-cache');

type Slot = { [SLOT]?: SiteModel; [ERRORS]?: string[]; [RENDERED]?: () => void; [CACHE]?: string };

export function setSiteModel(model: SiteModel | undefined): void {
  (globalThis as Slot)[SLOT] = model;
  (globalThis as Slot)[ERRORS] = undefined;
}

/** `atrium dev`: the content has errors; pages show them instead of stale content. */
export function setSiteErrors(lines: string[]): void {
  (globalThis as Slot)[ERRORS] = lines;
}

export function getSiteModel(): SiteModel {
  const errors = (globalThis as Slot)[ERRORS];
  if (errors?.length) {
    const error = new Error(`The content has ${errors.length} error(s):\n${errors.join('\n')}`);
    error.name = 'ContentError';
    throw error;
  }
  const model = (globalThis as Slot)[SLOT];
  if (!model) {
    throw new Error('Atrium: no site model. Build the portal with `atrium build` (npm run build), not `astro build`.');
  }
  return model;
}

/** The build's progress counter: the layout calls this once per page it renders. */
export function onPageRendered(callback: (() => void) | undefined): void {
  (globalThis as Slot)[RENDERED] = callback;
}

export function notePageRendered(): void {
  (globalThis as Slot)[RENDERED]?.();
}

/**
 * `atrium build`: its cache folder, where pages keep what they compute by content hash
 * (highlighted reference code). None in `atrium dev`, which keeps it in memory.
 */
export function setBuildCacheDir(dir: string | undefined): void {
  (globalThis as Slot)[CACHE] = dir;
}

export function buildCacheDir(): string | undefined {
  return (globalThis as Slot)[CACHE];
}

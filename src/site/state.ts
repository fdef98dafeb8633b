/**
 * How pages reach the site model. `atrium build` / `atrium dev` resolve the content once
 * (src/lib/site/resolve-site.ts) and hand the model over through a process-wide slot before
 * Astro renders; pages never read content files themselves. In `atrium dev`, content errors
 * are handed over instead, and every page throws them so Astro's overlay shows file:line.
 *
 * A slot on `globalThis` because pages run in another module graph than the CLI (Astro's
 * prerender bundle; Vite's module runner in dev), each with its own copy of this module. A
 * virtual module or a content loader would serialise the model instead of sharing it (README,
 * "How pages get the site model").
 */
import type { SiteModel } from '../lib/site/model.ts';

/** What the CLI hands to the pages of one build or dev server. */
interface Handoff {
  model?: SiteModel;
  /** `atrium dev`: the content's errors, shown instead of stale content. */
  errors?: string[];
  /** Told each page as it starts rendering (its site-root path): the build's progress, and src/builder/page-links.ts. */
  onPageRendered?: (path: string) => void;
  /** `atrium build`: its cache folder. */
  cacheDir?: string;
}

const SLOT = Symbol.for('atrium.site');

function handoff(): Handoff {
  const global = globalThis as { [SLOT]?: Handoff };
  return (global[SLOT] ??= {});
}

export function setSiteModel(model: SiteModel | undefined): void {
  handoff().model = model;
  handoff().errors = undefined;
}

/** `atrium dev`: the content has errors; pages show them instead of stale content. */
export function setSiteErrors(lines: string[]): void {
  handoff().errors = lines;
}

export function getSiteModel(): SiteModel {
  const { errors, model } = handoff();
  if (errors?.length) {
    const error = new Error(`The content has ${errors.length} error(s):\n${errors.join('\n')}`);
    error.name = 'ContentError';
    throw error;
  }
  if (!model) {
    throw new Error('Atrium: no site model. Build the portal with `atrium build` (npm run build), not `astro build`.');
  }
  return model;
}

/**
 * The layout calls this once per page it renders, with the page's site-root path, before Astro
 * writes the page: the build counts pages, and makes sure the files Astro is about to write share
 * nothing with the published output (src/builder/page-links.ts).
 */
export function onPageRendered(callback: ((path: string) => void) | undefined): void {
  handoff().onPageRendered = callback;
}

export function notePageRendered(path: string): void {
  handoff().onPageRendered?.(path);
}

/**
 * `atrium build`: its cache folder, where pages keep what they compute by content hash
 * (highlighted reference code). None in `atrium dev`, which keeps it in memory.
 */
export function setBuildCacheDir(dir: string | undefined): void {
  handoff().cacheDir = dir;
}

export function buildCacheDir(): string | undefined {
  return handoff().cacheDir;
}

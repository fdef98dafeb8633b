/**
 * Links and images, from markdown and raw HTML alike (runs after rehype-raw):
 *  - `../guides/auth.md#x` → the page URL of that doc via `ctx.resolveLink`, or an error
 *    at the link's file:line:col when no doc matches;
 *  - `guides/search/`, `../../` (no file extension) → a page URL resolved as a browser does,
 *    checked by `checkLinks` against every page of the portal;
 *  - `./img/a.png`, `./files/x.json` → an asset (copied by the site under a hash name);
 *  - `#x` and `/products/…` → recorded for `checkLinks` once every doc is rendered;
 *  - `https://…` → untouched, with `rel="noopener"`.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import type { AssetLookup, AssetStore } from './assets.ts';
import { mapElements } from './hast-util.ts';
import { isPageUrlForm } from './link-resolver.ts';
import { type LinkTarget, parseLinkTarget, resolvePageUrl, resolveRelativePath } from './link-target.ts';
import { addError, fileLocation, type RenderState, stateOf } from './render-state.ts';

export function rehypeLinks(options: { assets: AssetStore }) {
  return (tree: Root, file: VFile): void => {
    const state = stateOf(file);
    mapElements(tree, (element) => {
      if (element.tagName === 'a' && typeof element.properties.href === 'string') link(element, state, options.assets);
      if (element.tagName === 'img' && typeof element.properties.src === 'string') image(element, state, options.assets);
      return undefined;
    });
  };
}

function link(element: Element, state: RenderState, assets: AssetStore): void {
  const raw = element.properties.href as string;
  const target = parseLinkTarget(raw);
  const at = fileLocation(state, element);
  const record = (url: string, anchor: string | undefined, targetFile?: string) => {
    // Links we generate (heading anchors, footnotes) have no position and need no check.
    if (at.line === undefined) return;
    state.links.push({ url, ...(anchor ? { anchor } : {}), ...(targetFile ? { targetFile } : {}), line: at.line, column: at.column ?? 1, raw });
  };

  switch (target.kind) {
    case 'anchor':
      record('', target.anchor);
      return;
    case 'site':
      record(target.path, target.anchor);
      return;
    case 'external':
      if (target.web) element.properties.rel = mergeRel(element.properties.rel, 'noopener');
      return;
    case 'empty':
      return;
    case 'relative':
      if (isPageUrlForm(target.path)) pageLink(element, state, assets, target, raw, record);
      else if (/\.mdx?$/i.test(target.path)) docFileLink(element, state, target, raw, record);
      else fileLink(element, state, assets, target, raw);
      return;
  }
}

type Relative = Extract<LinkTarget, { kind: 'relative' }>;
type RecordLink = (url: string, anchor: string | undefined, targetFile?: string) => void;

const fragment = (anchor: string | undefined) => (anchor ? `#${encodeURIComponent(anchor)}` : '');

/** `../guides/auth.md#x`: the doc of that file, or an error at the link. */
function docFileLink(element: Element, state: RenderState, target: Relative, raw: string, record: RecordLink): void {
  const resolved = resolveRelativePath(state.doc.file, target.path);
  if (resolved === undefined) {
    addError(state, `Link "${raw}" points outside the content folder; link docs by a path inside it or by URL`, element, 'link-outside');
    delete element.properties.href;
    return;
  }
  const page = state.ctx.resolveLink(target.path, state.doc.file);
  if (!page) {
    brokenDocLink(element, state, target, raw, resolved);
    return;
  }
  element.properties.href = page.url + fragment(target.anchor);
  record(page.url, target.anchor, page.file ?? resolved);
}

/**
 * `guides/search/`, `../../`, `auth`: a doc by page URL or file path (see link-resolver.ts);
 * else an existing file without extension (`files/LICENSE`, `.git/config`), published or
 * refused like any file; else the page a browser would open, left to `checkLinks`, which
 * knows every page of the portal (version pages, the reference) and reports it if missing.
 */
function pageLink(element: Element, state: RenderState, assets: AssetStore, target: Relative, raw: string, record: RecordLink): void {
  const page = state.ctx.resolveLink(target.path, state.doc.file);
  if (page) {
    element.properties.href = page.url + fragment(target.anchor);
    record(page.url, target.anchor, page.file);
    return;
  }
  const resolved = resolveRelativePath(state.doc.file, target.path);
  const why = state.ctx.explainUnresolved?.(target.path, state.doc.file);
  if (why) {
    addError(state, `Broken link "${raw}": ${why}`, element, 'broken-link');
    return;
  }
  if (resolved !== undefined) {
    const file = assets.resolve(state.doc.file, target.path);
    if (file.ok || !file.missing) {
      fileLink(element, state, assets, target, raw, file);
      return;
    }
  }
  const fromUrl = state.ctx.pageUrl?.(state.doc.file);
  if (fromUrl !== undefined) {
    const url = resolvePageUrl(fromUrl, target.path);
    element.properties.href = url + fragment(target.anchor);
    record(url, target.anchor);
    return;
  }
  if (resolved === undefined) {
    addError(state, `Link "${raw}" points outside the content folder; link docs by a path inside it or by URL`, element, 'link-outside');
    delete element.properties.href;
    return;
  }
  brokenDocLink(element, state, target, raw, resolved);
}

function brokenDocLink(element: Element, state: RenderState, target: Relative, raw: string, resolved: string): void {
  const why = state.ctx.explainUnresolved?.(target.path, state.doc.file);
  addError(
    state,
    why
      ? `Broken link "${raw}": ${why}`
      : `Broken link "${raw}": no doc at ${resolved || '.'} (link another doc by its file path, e.g. ../guides/auth.md, or a portal page by a URL starting with /)`,
    element,
    'broken-link',
  );
}

/** `./img/a.png`, `./files/x.json`: published by the asset store's policy, or an error. */
function fileLink(element: Element, state: RenderState, assets: AssetStore, target: Relative, raw: string, lookup?: AssetLookup): void {
  if (resolveRelativePath(state.doc.file, target.path) === undefined) {
    addError(state, `Link "${raw}" points outside the content folder; link docs by a path inside it or by URL`, element, 'link-outside');
    delete element.properties.href;
    return;
  }
  const found = lookup ?? assets.resolve(state.doc.file, target.path);
  if (!found.ok) {
    addError(state, `Link ${found.message}`, element, 'broken-link');
    delete element.properties.href;
    return;
  }
  addAsset(state, found.asset);
  element.properties.href = found.asset.url + fragment(target.anchor);
}

function image(element: Element, state: RenderState, assets: AssetStore): void {
  const raw = element.properties.src as string;
  const target = parseLinkTarget(raw);
  if (target.kind !== 'relative') return;
  const found = assets.resolve(state.doc.file, target.path);
  if (!found.ok) {
    addError(state, `Image ${found.message}`, element, 'broken-image');
    delete element.properties.src;
    return;
  }
  addAsset(state, found.asset);
  element.properties.src = found.asset.url;
}

function addAsset(state: RenderState, asset: { source: string; url: string }): void {
  if (!state.assets.some((a) => a.url === asset.url)) state.assets.push(asset);
}

function mergeRel(current: unknown, token: string): string[] {
  const tokens = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(/\s+/) : [];
  return tokens.includes(token) ? tokens : [...tokens.filter(Boolean), token];
}

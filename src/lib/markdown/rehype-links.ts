/**
 * Links and images, from markdown and raw HTML alike (runs after rehype-raw):
 *  - `../guides/auth.md#x` → the page URL of that doc via `ctx.resolveLink`, or an error
 *    at the link's file:line:col when no doc matches;
 *  - `./img/a.png`, `./files/x.json` → an asset (copied by the site under a hash name);
 *  - `#x` and `/products/…` → recorded for `checkLinks` once every doc is rendered;
 *  - `https://…` → untouched, with `rel="noopener"`.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import type { AssetStore } from './assets.ts';
import { mapElements } from './hast-util.ts';
import { isDocPath, parseLinkTarget, resolveRelativePath } from './link-target.ts';
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
    case 'relative': {
      const resolved = resolveRelativePath(state.doc.file, target.path);
      if (resolved === undefined) {
        addError(state, `Link "${raw}" points outside the content folder; link docs by a path inside it or by URL`, element, 'link-outside');
        delete element.properties.href;
        return;
      }
      // A path without extension that names no doc but an existing file (`files/LICENSE`,
      // `.git/config`) is a file link: published or refused like any other file.
      const asFile = isDocPath(target.path) && !/\.mdx?$/i.test(target.path) && !state.ctx.resolveLink(target.path, state.doc.file)
        ? assets.resolve(state.doc.file, target.path)
        : undefined;
      if (isDocPath(target.path) && (!asFile || (!asFile.ok && asFile.missing))) {
        const page = state.ctx.resolveLink(target.path, state.doc.file);
        if (!page) {
          const why = state.ctx.explainUnresolved?.(target.path, state.doc.file);
          addError(
            state,
            why
              ? `Broken link "${raw}": ${why}`
              : `Broken link "${raw}": no doc at ${resolved || '.'} (link another doc by its file path, e.g. ../guides/auth.md, or a portal page by a URL starting with /)`,
            element,
            'broken-link',
          );
          return;
        }
        element.properties.href = page.url + (target.anchor ? `#${encodeURIComponent(target.anchor)}` : '');
        record(page.url, target.anchor, /\.mdx?$/i.test(resolved) ? resolved : undefined);
        return;
      }
      const found = asFile ?? assets.resolve(state.doc.file, target.path);
      if (!found.ok) {
        addError(state, `Link ${found.message}`, element, 'broken-link');
        delete element.properties.href;
        return;
      }
      addAsset(state, found.asset);
      element.properties.href = found.asset.url + (target.anchor ? `#${encodeURIComponent(target.anchor)}` : '');
      return;
    }
  }
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

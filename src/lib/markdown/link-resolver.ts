/**
 * A ready-made `RenderContext.resolveLink`. Writers link docs in two ways, and both work:
 *  - by page URL, as docs written for other tools do (`guides/search-flights/`, `../../`,
 *    `../other/page/`): a relative link without file extension is resolved against the
 *    linking page's own URL exactly as a browser resolves it;
 *  - by file path, as on GitHub, relative to the linking doc: `auth.md`, `auth.mdx`, `auth`
 *    (either extension), `guides/` or `guides` (the folder's `index.md`/`index.mdx`).
 * A link without extension is tried as a page URL first (that is where a reader's browser
 * would go), then as a file path.
 */
import { resolvePageUrl, resolveRelativePath } from './link-target.ts';
import type { RenderContext } from './types.ts';

export function createLinkResolver(pages: Iterable<readonly [file: string, url: string]>): RenderContext['resolveLink'] {
  const byFile = new Map(pages);
  const byUrl = new Map([...byFile].map(([file, url]) => [url, file]));
  return (target, fromFile) => {
    const fromUrl = byFile.get(fromFile);
    if (fromUrl !== undefined && isPageUrlForm(target)) {
      const file = byUrl.get(resolvePageUrl(fromUrl, target));
      if (file !== undefined) return { url: byFile.get(file)!, file };
    }
    const file = resolveDocFile(target, fromFile, (f) => byFile.has(f));
    return file === undefined ? undefined : { url: byFile.get(file)!, file };
  };
}

/** A relative link a browser reads as a page URL: the last segment has no file extension. */
export function isPageUrlForm(target: string): boolean {
  const last = target.replace(/\/+$/, '').split('/').pop() ?? '';
  return last === '' || last === '.' || last === '..' || !last.includes('.');
}

/** The content-relative doc file a relative link means, trying the file forms above in order. */
export function resolveDocFile(target: string, fromFile: string, exists: (file: string) => boolean): string | undefined {
  const resolved = resolveRelativePath(fromFile, target);
  if (resolved === undefined) return undefined;
  const folder = resolved === '' ? '' : `${resolved}/`;
  const candidates = /\.mdx?$/i.test(resolved)
    ? [resolved]
    : [
        ...(target.endsWith('/') || resolved === '' ? [] : [`${resolved}.md`, `${resolved}.mdx`]),
        `${folder}index.md`,
        `${folder}index.mdx`,
      ];
  return candidates.find(exists);
}

/**
 * A ready-made `RenderContext.resolveLink`: writers link docs by file path as they would
 * on GitHub, and this maps the file to the page URL. Accepted forms, relative to the
 * linking doc: `auth.md`, `auth.mdx`, `auth` (either extension), `guides/` or `guides`
 * (the folder's `index.md`/`index.mdx`).
 */
import { resolveRelativePath } from './link-target.ts';
import type { RenderContext } from './types.ts';

export function createLinkResolver(pages: Iterable<readonly [file: string, url: string]>): RenderContext['resolveLink'] {
  const byFile = new Map(pages);
  return (target, fromFile) => {
    const file = resolveDocFile(target, fromFile, (f) => byFile.has(f));
    return file === undefined ? undefined : { url: byFile.get(file)! };
  };
}

/** The content-relative doc file a relative link means, trying the forms above in order. */
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

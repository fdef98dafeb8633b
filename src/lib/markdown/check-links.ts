/**
 * Link check for the whole portal, after every doc is rendered: each internal link must
 * reach a page, and each `#anchor` an id on that page (headings, footnotes, raw HTML
 * ids). Broken ones are errors at the doc's file:line:col naming the target.
 *
 * Site-absolute links (`/products/x/…`) to pages that are not docs are checked only
 * when `knownUrls` lists the portal's other pages; without it they are trusted.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { closestMatch } from '../diagnostics/did-you-mean.ts';
import type { DocLink, Heading } from './types.ts';

export interface LinkCheckPage {
  /** Doc file relative to the content folder. */
  file: string;
  /** The page URL (site-root relative, as the portal uses for links). */
  url: string;
  links: DocLink[];
  headings: Heading[];
  /** All ids of the page (RenderedDoc.ids); headings are used when absent. */
  ids?: string[];
}

export interface LinkCheckOptions {
  /** Deployment base path (`/docs/`) that resolved links may carry and page URLs don't. */
  base?: string;
  /** Every other page/file URL of the portal (reference, versions, downloads, assets). */
  knownUrls?: Iterable<string>;
}

export function checkLinks(pages: readonly LinkCheckPage[], options: LinkCheckOptions = {}): Diagnostic[] {
  const base = normalizeBase(options.base);
  const byUrl = new Map(pages.map((p) => [normalizeUrl(p.url), p]));
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const known = options.knownUrls ? new Set([...options.knownUrls].map(normalizeUrl)) : undefined;
  const anchorsOf = new Map<LinkCheckPage, Set<string>>();
  const anchors = (page: LinkCheckPage) => {
    let set = anchorsOf.get(page);
    if (!set) anchorsOf.set(page, (set = new Set(page.ids ?? page.headings.map((h) => h.id))));
    return set;
  };

  const problems: Diagnostic[] = [];
  for (const page of pages) {
    for (const link of page.links) {
      const error = (message: string) =>
        problems.push({ severity: 'error', message, file: page.file, line: link.line, column: link.column, code: 'broken-link' });
      const candidates = [normalizeUrl(link.url), normalizeUrl(stripBase(link.url, base))];
      const target =
        link.url === '' ? page : (link.targetFile ? byFile.get(link.targetFile) : undefined) ?? candidates.map((u) => byUrl.get(u)).find(Boolean);

      if (!target) {
        const isSiteLink = link.raw.trim().startsWith('/');
        if (candidates.some((u) => known?.has(u))) continue;
        if (isSiteLink && !known) continue;
        error(`Broken link "${link.raw}": ${link.url} is not a page of this portal`);
        continue;
      }
      if (link.anchor === undefined) continue;
      const ids = anchors(target);
      if (ids.has(link.anchor)) continue;
      const hint = closestMatch(link.anchor, target.headings.map((h) => h.id));
      const where = target === page ? 'this doc' : target.file;
      error(`Broken anchor in "${link.raw}": ${where} has no heading or id "${link.anchor}"${hint ? `; did you mean "#${hint}"?` : ''}`);
    }
  }
  return problems;
}

function normalizeBase(base: string | undefined): string {
  if (!base || base === '/') return '/';
  return `/${base.replace(/^\/+|\/+$/g, '')}/`;
}

function stripBase(url: string, base: string): string {
  return base !== '/' && url.startsWith(base) ? url.slice(base.length - 1) : url;
}

/** `/a/b`, `/a/b/` and `/a/b/index.html` are the same page; a file URL keeps its name. */
function normalizeUrl(url: string): string {
  let out = url.split('#')[0]!.split('?')[0]!;
  out = out.replace(/\/index\.html$/, '/');
  const last = out.slice(out.lastIndexOf('/') + 1);
  if (!out.endsWith('/') && !last.includes('.')) out += '/';
  return out;
}

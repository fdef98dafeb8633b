/**
 * What a writer's link points at, decided from its text alone (pure, no disk), and the
 * relative-path arithmetic that keeps doc links and assets inside the content folder.
 */
import path from 'node:path';

export type LinkTarget =
  /** `#install` — a place in the same doc. */
  | { kind: 'anchor'; anchor: string }
  /** `https://…`, `mailto:…`, `//cdn…` — left alone. */
  | { kind: 'external'; web: boolean }
  /** `/products/flights/` — a page of this portal. */
  | { kind: 'site'; path: string; anchor?: string }
  /** `../guides/auth.md#x`, `./img/a.png` — a file next to the doc. */
  | { kind: 'relative'; path: string; suffix: string; anchor?: string }
  | { kind: 'empty' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function parseLinkTarget(href: string): LinkTarget {
  const value = href.trim();
  if (value === '') return { kind: 'empty' };
  if (value.startsWith('#')) return { kind: 'anchor', anchor: decode(value.slice(1)) };
  if (value.startsWith('//')) return { kind: 'external', web: true };
  if (SCHEME.test(value)) return { kind: 'external', web: /^https?:/i.test(value) };
  const hashAt = value.indexOf('#');
  const beforeHash = hashAt === -1 ? value : value.slice(0, hashAt);
  const anchor = hashAt === -1 ? undefined : decode(value.slice(hashAt + 1)) || undefined;
  const queryAt = beforeHash.indexOf('?');
  const pathPart = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt);
  if (pathPart === '') return anchor ? { kind: 'anchor', anchor } : { kind: 'empty' };
  if (pathPart.startsWith('/')) return { kind: 'site', path: decode(pathPart), ...(anchor ? { anchor } : {}) };
  return { kind: 'relative', path: decode(pathPart), suffix: query, ...(anchor ? { anchor } : {}) };
}

/**
 * `target` written in `fromFile`, as a path relative to the content folder; `undefined`
 * when it climbs out of it (`../../../../etc/passwd`) or is absolute.
 */
export function resolveRelativePath(fromFile: string, target: string): string | undefined {
  if (path.posix.isAbsolute(target) || /^[a-z]:[\\/]/i.test(target)) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target.replace(/\\/g, '/')));
  if (joined === '..' || joined.startsWith('../') || joined === '.' ) return joined === '.' ? '' : undefined;
  return joined.replace(/\/$/, '');
}

/**
 * `target` (a relative link without `#fragment`/`?query`) resolved against the page URL
 * `fromUrl` exactly as a browser resolves it: from `/p/docs/guides/auth/`, `../` is
 * `/p/docs/guides/` and `search/` is `/p/docs/guides/auth/search/`. A URL without a file
 * extension gets its trailing slash, the form every page URL of the portal has (a static
 * host redirects `/x` to `/x/`).
 */
export function resolvePageUrl(fromUrl: string, target: string): string {
  const { pathname } = new URL(encodeURI(target), new URL(fromUrl, 'https://portal.invalid'));
  let url = safeDecodeURI(pathname);
  const last = url.slice(url.lastIndexOf('/') + 1);
  if (!url.endsWith('/') && !last.includes('.')) url += '/';
  return url;
}

/** A link to another doc rather than to a file: `.md`/`.mdx`, a folder, or no extension. */
export function isDocPath(target: string): boolean {
  if (target.endsWith('/') || target === '.' || target === '..') return true;
  const ext = path.posix.extname(target).toLowerCase();
  return ext === '' || ext === '.md' || ext === '.mdx';
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeDecodeURI(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/**
 * URL segments made from folder and file names. Slugs appear in every URL of the portal, so
 * they are restricted to characters that never need escaping and read the same everywhere.
 */

const URL_SAFE = /^[a-z0-9_-][a-z0-9._-]*$/;

/** Lowercase letters, digits, `-`, `_`, `.`; not starting with a dot. */
export function isUrlSafeSegment(segment: string): boolean {
  return URL_SAFE.test(segment);
}

/** What a name would look like as a URL-safe segment, to suggest a rename. */
export function suggestSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return slug || 'page';
}

export const URL_SAFE_RULE = 'lowercase letters, digits, `-`, `_` and `.` (not starting with a dot)';

/**
 * Files the build writes into every page's folder: the page (`index.html`) and its markdown
 * twin (`index.md`, src/builder/write-site-files.ts). A URL segment with one of these names
 * would make a folder where the build must write that file.
 */
export const PAGE_FILE_NAMES: readonly string[] = ['index.html', 'index.md'];

/** Why a URL-safe segment still cannot be used, or undefined when it can. */
export function reservedSegmentProblem(segment: string): string | undefined {
  if (!PAGE_FILE_NAMES.includes(segment)) return undefined;
  return `\`${segment}\` is the name of a file the build writes in every page folder (${PAGE_FILE_NAMES.join(', ')})`;
}

export interface DocSlug {
  /** Path below the docs root, '' for the root index. */
  slug: string;
  /** Segments of the final slug (folders and the page name), for URL-safety checks. */
  segments: string[];
}

/**
 * The slug of a doc from its path below `docs/`: extension dropped, `index` collapses to
 * its folder, and a frontmatter `slug` replaces the last segment.
 *
 *   guides/auth.md            → guides/auth
 *   guides/index.mdx          → guides
 *   index.md                  → ''
 *   guides/auth.md + slug: x  → guides/x
 */
export function docSlug(pathUnderDocs: string, override?: string): DocSlug {
  const segments = pathUnderDocs.replace(/\.mdx?$/i, '').split('/');
  if (segments[segments.length - 1] === 'index') segments.pop();
  if (override !== undefined) {
    if (segments.length > 0) segments[segments.length - 1] = override;
    else segments.push(override);
  }
  return { slug: segments.join('/'), segments };
}

/**
 * The phases of resolveSite (src/lib/site/resolve/), each on the example portal as it is
 * (no doc rendered, so no browser or JVM runs): specs of the audience only, doc pages and the
 * folders an audience leaves out, versions compared with the previous one that has a spec, the
 * latest version, assets under a base path, the favicon fallbacks, and the URLs docs may link.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentModel } from '../../../src/lib/content/model.ts';
import { loadContent } from '../../../src/lib/content/load-content.ts';
import type { RenderedDoc } from '../../../src/lib/markdown/types.ts';
import { filterForAudience } from '../../../src/lib/site/audience.ts';
import type { SiteModel, SiteProduct } from '../../../src/lib/site/model.ts';
import { loadApis, type LoadedApis } from '../../../src/lib/site/resolve/apis.ts';
import { DEFAULT_FAVICON, brandFiles, siteAssets } from '../../../src/lib/site/resolve/assets.ts';
import { knownUrls } from '../../../src/lib/site/resolve/doc-links.ts';
import { docPages, unpublishedFolders } from '../../../src/lib/site/resolve/docs.ts';
import { latestVersion, resolveProducts, versionChanges } from '../../../src/lib/site/resolve/products.ts';

const CONTENT = path.resolve(import.meta.dirname, '../../../content');
let content: ContentModel;
let internal: ContentModel;
let publicView: ContentModel;
let apis: LoadedApis;
let products: SiteProduct[];

/** A rendered doc with nothing in it, for phases after rendering. */
const blank = (): RenderedDoc => ({ html: '', headings: [], ids: [], links: [], assets: [], diagnostics: [], clientMermaid: 0, hasCode: false });

beforeAll(async () => {
  content = await loadContent(CONTENT);
  internal = filterForAudience(content, 'internal');
  publicView = filterForAudience(content, 'public');
  apis = await loadApis(content, internal, { cacheDir: path.join(import.meta.dirname, '../../../node_modules/.cache/atrium-test-resolve-phases') });
  const rendered = new Map(docPages(internal).map((page) => [page.doc.file, blank()]));
  products = resolveProducts({ content, visible: internal, audience: 'internal', apis: apis.byVersion, rendered, snapshots: new Map() }).products;
}, 60_000);

const slugs = (view: LoadedApis) => [...view.byVersion.keys()].map((v) => v.dir.replace(/^products\//, '')).sort();

describe('specs phase', () => {
  it('loads the spec of every version the audience shows, and no other', async () => {
    expect(slugs(apis)).toEqual(['bookings/versions/v1', 'customer/versions/v1', 'flights/versions/v1', 'flights/versions/v2', 'flights/versions/v3', 'loyalty/versions/v1']);
    const pub = await loadApis(content, publicView, { cacheDir: path.join(import.meta.dirname, '../../../node_modules/.cache/atrium-test-resolve-phases') });
    expect(slugs(pub)).toEqual(['bookings/versions/v1', 'customer/versions/v1', 'flights/versions/v1', 'flights/versions/v2']);
    expect(pub.operations).toBe([...pub.byVersion.values()].reduce((n, api) => n + api.index.operations.length, 0));
    expect(pub.operations).toBeGreaterThan(0);
  });
});

describe('docs phase: pages and what an audience leaves out', () => {
  it('gives product docs /products/<p>/docs/<slug>/ and version docs /products/<p>/<v>/docs/<slug>/', () => {
    const pages = docPages(internal);
    const migrating = pages.find((p) => p.doc.file.endsWith('flights/versions/v2/docs/migrating-from-v1.md'));
    expect(migrating).toMatchObject({ url: '/products/flights/v2/docs/migrating-from-v1/', version: { slug: 'v2' }, product: { slug: 'flights' } });
    const sign = pages.find((p) => p.doc.file.endsWith('customer/docs/sign-in.md'));
    expect(sign?.url).toBe('/products/customer/docs/sign-in/');
    expect(sign?.version).toBeUndefined();
  });

  it('leaves the unpublished product and version out of the public pages, and names their folders', () => {
    const files = docPages(publicView).map((p) => p.doc.file);
    expect(files.some((f) => f.includes('products/loyalty/'))).toBe(false);
    expect(files.some((f) => f.includes('flights/versions/v3/'))).toBe(false);
    expect(files.length).toBeGreaterThan(0);
    expect(unpublishedFolders(content, publicView).sort()).toEqual(['products/flights/versions/v3', 'products/loyalty', 'products/loyalty/versions/v1']);
    expect(unpublishedFolders(content, internal)).toEqual([]);
  });
});

describe('products phase: changes and the latest version', () => {
  const flights = () => products.find((p) => p.entry.slug === 'flights')!;

  it('compares each version with the one before it and the first with nothing', () => {
    const [v1, v2, v3] = flights().versions;
    expect(v1!.changes).toBeUndefined();
    expect(v2!.changes).toMatchObject({ from: 'v1' });
    expect(v2!.changes!.breaking + v2!.changes!.nonBreaking).toBeGreaterThan(0);
    expect(v3!.changes).toMatchObject({ from: 'v2' });
    expect(v3!.previous).toBe('v2');
  });

  it('skips a version without a spec when looking for the one to compare with', () => {
    const [v1, v2, v3] = flights().versions;
    const changes = versionChanges([v1!, { ...v2!, api: undefined }], v3!.api);
    expect(changes?.from).toBe('v1');
    expect(versionChanges([{ ...v1!, api: undefined }], v2!.api)).toBeUndefined();
    expect(versionChanges([v1!], undefined)).toBeUndefined();
  });

  it('takes the newest published, not deprecated version as latest; else the newest published; else the newest', () => {
    const versions = flights().versions; // v1 published + deprecated, v2 published, v3 unpublished
    expect(flights().latest?.entry.slug).toBe('v2');
    const deprecate = (i: number) => versions.map((v, j) => (j === i ? { ...v, entry: { ...v.entry, deprecated: true } } : v));
    expect(latestVersion(deprecate(1))?.entry.slug).toBe('v2');
    const unpublishAll = versions.map((v) => ({ ...v, entry: { ...v.entry, publish_status: 'unpublished' as const } }));
    expect(latestVersion(unpublishAll)?.entry.slug).toBe('v3');
    expect(latestVersion([])).toBeUndefined();
  });
});

describe('assets phase', () => {
  it('writes doc assets at their path without the base, once per URL, in URL order', () => {
    const doc = (...urls: string[]): RenderedDoc => ({ ...blank(), assets: urls.map((url) => ({ source: `/src${url}`, url })) });
    const assets = siteAssets([doc('/docs/_atrium/assets/b.png', '/docs/_atrium/assets/a.png'), doc('/docs/_atrium/assets/a.png')], [{ source: '/logo.svg', url: '/_atrium/brand/logo.svg' }], '/docs/');
    expect(assets.map((a) => a.url)).toEqual(['/_atrium/assets/a.png', '/_atrium/assets/b.png', '/_atrium/brand/logo.svg']);
  });

  it("uses the logo file as favicon, a favicon file when named, and Atrium's icon when the logo is a URL", () => {
    const withBranding = (branding: Partial<ContentModel['portal']['branding']>): ContentModel => ({
      ...content,
      portal: { ...content.portal, branding: { ...content.portal.branding, logo: undefined, favicon: undefined, ...branding } },
    });
    const logoFile = brandFiles(content, '/docs/');
    expect(logoFile.brand.logo).toMatch(/^\/docs\/_atrium\/brand\/kongair-logo.*\.svg$/);
    expect(logoFile.brand.favicon).toBe(logoFile.brand.logo);

    const urlLogo = brandFiles(withBranding({ logo: 'https://cdn.example/logo.svg' }), '/');
    expect(urlLogo.brand.logo).toBe('https://cdn.example/logo.svg');
    expect(urlLogo.assets).toEqual([{ source: DEFAULT_FAVICON, url: urlLogo.brand.favicon }]);

    const none = brandFiles(withBranding({}), '/');
    expect(none.brand.logo).toBeUndefined();
    expect(none.assets.map((a) => a.source)).toEqual([DEFAULT_FAVICON]);
  });
});

describe('links phase: what a doc may link to besides docs', () => {
  it('knows every page, the spec downloads of versions with a spec, and the site files, with the base', () => {
    const model = { audience: 'internal', base: '/docs/', products } as Pick<SiteModel, 'audience' | 'base' | 'products'> as SiteModel;
    const known = knownUrls(model);
    expect(known).toEqual(expect.arrayContaining(['/docs/', '/docs/products/flights/v2/openapi.json', '/docs/products/flights/v2/openapi.yaml', '/docs/portal.json', '/docs/feed.xml', '/docs/products/flights/v2/reference/']));
    expect(known.every((u) => u.startsWith('/docs/'))).toBe(true);
  });
});

/**
 * The route table (src/lib/site/routes.ts) and each page's inputs hash (route-inputs.ts), on
 * the example portal resolved for real (its diagrams taken out, so no browser or JVM runs):
 * one list of pages for getStaticPaths, sitemap, page count and link checker, and a hash that
 * changes exactly for the pages whose inputs an edit touched.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load-content.ts';
import { resolveSite } from '../../../src/lib/site/resolve-site.ts';
import { pageCount, routesOf, sitemapUrls, type SiteRoute } from '../../../src/lib/site/routes.ts';
import { buildSitemaps } from '../../../src/lib/site/site-files.ts';
import type { SiteModel } from '../../../src/lib/site/model.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
let dir: string;
let baseline: SiteModel;

/** A copy of the example content with its Mermaid/PlantUML blocks turned into plain code. */
async function exampleCopy(name: string): Promise<string> {
  const content = path.join(dir, name);
  await fs.cp(path.join(REPO, 'content'), content, { recursive: true });
  for (const doc of ['products/flights/docs/architecture.md', 'products/customer/docs/sign-in.md']) {
    const file = path.join(content, doc);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/```(mermaid|plantuml)/g, '```text'));
  }
  return content;
}

/** `code` turns on the resolve cache (kept by Atrium's code fingerprint), as a build does. */
async function resolve(content: string, options: { audience?: 'public' | 'internal'; base?: string; code?: string } = {}): Promise<SiteModel> {
  const loaded = await loadContent(content);
  return resolveSite(loaded, { audience: options.audience ?? 'public', base: options.base, cacheDir: path.join(dir, 'cache'), code: options.code });
}

const hashes = (model: SiteModel) => new Map(model.routes.map((r) => [r.url, r.inputsHash]));

/** URLs whose hash differs between two models, and URLs only one of them has. */
function changedUrls(before: SiteModel, after: SiteModel): string[] {
  const a = hashes(before);
  const b = hashes(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((url) => a.get(url) !== b.get(url)).sort();
}

/** Edits a copy of the example and resolves it. */
async function edited(name: string, edit: (content: string) => Promise<void>, options?: { audience?: 'public' | 'internal'; base?: string; code?: string }) {
  const content = await exampleCopy(name);
  await edit(content);
  return resolve(content, options);
}

async function replaceIn(file: string, from: string, to: string): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  expect(text, `${file} holds ${from}`).toContain(from);
  await fs.writeFile(file, text.replace(from, to));
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-routes-'));
  baseline = await resolve(await exampleCopy('baseline'));
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('route table', () => {
  it('lists every page once, with the file Astro writes it to', () => {
    const routes = baseline.routes;
    expect(new Set(routes.map((r) => r.url)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.file)).size).toBe(routes.length);
    const byUrl = new Map(routes.map((r) => [r.url, r]));
    expect(byUrl.get('/')).toMatchObject({ kind: 'catalog', file: 'index.html', html: true, sitemap: true });
    expect(byUrl.get('/404.html')).toMatchObject({ kind: 'not-found', file: '404.html', sitemap: false });
    expect(byUrl.get('/products/flights/docs/')).toMatchObject({ kind: 'product-doc', file: 'products/flights/docs/index.html', params: { product: 'flights', slug: undefined } });
    expect(byUrl.get('/products/flights/docs/guides/authentication/')).toMatchObject({ params: { product: 'flights', slug: 'guides/authentication' } });
    expect(byUrl.get('/products/flights/v2/reference/nav.json')).toMatchObject({ kind: 'reference-nav', file: 'products/flights/v2/reference/nav.json', html: false, sitemap: false });
    // Unpublished content has no route in the public portal.
    expect(routes.some((r) => r.url.startsWith('/products/loyalty/'))).toBe(false);
    expect(routes.some((r) => r.kind === 'internal')).toBe(false);
  });

  it('gives each page file its routes, with the model objects the page lays out', () => {
    const operations = routesOf(baseline, 'operation');
    const flightsV2 = baseline.products.find((p) => p.entry.slug === 'flights')!.versions.find((v) => v.entry.slug === 'v2')!;
    const ofV2 = operations.filter((r) => r.version === flightsV2);
    expect(ofV2.map((r) => r.operation)).toEqual(flightsV2.api!.operations.map((o) => o.slug));
    expect(ofV2.every((r) => r.params.operation === r.operation && r.params.version === 'v2')).toBe(true);
    const docs = routesOf(baseline, 'version-doc');
    expect(docs.every((r) => r.doc && r.doc.url === r.url)).toBe(true);
  });

  it('is what the sitemap and the page count read', () => {
    const sitemap = buildSitemaps({ ...baseline, site: 'https://portal.test' })!['sitemap-0.xml']!;
    const locs = [...sitemap.matchAll(/<loc>https:\/\/portal\.test([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual(sitemapUrls(baseline));
    expect(locs).toEqual(baseline.routes.filter((r) => r.kind !== 'not-found' && r.kind !== 'reference-nav').map((r) => r.url));
    expect(pageCount(baseline)).toBe(baseline.routes.length - routesOf(baseline, 'reference-nav').length);
  });

  it('adds the internal pages for the internal audience', async () => {
    const internal = await resolve(path.join(dir, 'baseline'), { audience: 'internal' });
    expect(routesOf(internal, 'internal').map((r) => [r.url, r.params.page])).toEqual([
      ['/internal/environments/', 'environments'],
      ['/internal/health/', 'health'],
    ]);
    expect(internal.routes.some((r) => r.url.startsWith('/products/loyalty/'))).toBe(true);
    expect(sitemapUrls(internal)).not.toContain('/internal/health/');
  }, 60_000);
});

describe('inputs hash', () => {
  const alwaysChanged = (urls: string[]) => urls.filter((u) => u !== '/' && u !== '/404.html');

  it('is the same for the same content', async () => {
    const again = await resolve(path.join(dir, 'baseline'));
    expect(changedUrls(baseline, again)).toEqual([]);
  }, 60_000);

  it('changes only for the edited doc when a doc body changes', async () => {
    const after = await edited('doc-body', (c) => fs.appendFile(path.join(c, 'products/flights/docs/guides/pagination.md'), '\nOne more paragraph.\n'));
    expect(changedUrls(baseline, after)).toEqual(['/products/flights/docs/guides/pagination/']);
  }, 60_000);

  it('changes for every page of the product that shows the docs tree when a doc title changes, and no other product', async () => {
    const after = await edited('doc-title', (c) => replaceIn(path.join(c, 'products/flights/docs/guides/pagination.md'), 'title: ', 'title: Paging, '));
    const changed = alwaysChanged(changedUrls(baseline, after));
    expect(changed).toContain('/products/flights/docs/guides/pagination/');
    expect(changed).toContain('/products/flights/docs/getting-started/');
    expect(changed).toContain('/products/flights/');
    expect(changed.every((u) => u.startsWith('/products/flights/'))).toBe(true);
  }, 60_000);

  it("changes for the edited operation's page and the version's whole-spec pages when one operation changes, not for its other operations", async () => {
    const after = await edited('spec', (c) =>
      replaceIn(path.join(c, 'products/flights/versions/v2/openapi.yaml'), 'description: Returns the service health status. Needs no API key.', 'description: Returns the service health status, always.'),
    );
    const changed = alwaysChanged(changedUrls(baseline, after));
    const reference = (model: SiteModel, kind: SiteRoute['kind']) =>
      model.routes.filter((r) => r.kind === kind && r.url.startsWith('/products/flights/v2/reference/')).map((r) => r.url);
    const operations = reference(baseline, 'operation');
    expect(operations.length).toBeGreaterThan(3);
    expect(changed).toContain('/products/flights/v2/reference/get-health/');
    for (const url of operations.filter((u) => u !== '/products/flights/v2/reference/get-health/')) expect(changed).not.toContain(url);
    // The overview, the schema pages and the navigation data read the whole spec.
    for (const url of [...reference(baseline, 'reference'), ...reference(baseline, 'schema'), ...reference(baseline, 'reference-nav')]) expect(changed).toContain(url);
    // Only pages of flights v2 (and a changes page that compares with it) read that spec.
    expect(changed.filter((u) => !u.startsWith('/products/flights/v2/reference/'))).toEqual(
      changed.filter((u) => /^\/products\/flights\/v[23]\/changes\/$/.test(u)),
    );
    expect(changed).not.toContain('/products/flights/v2/docs/migrating-from-v1/');
  }, 60_000);

  it('changes for every operation page of the version when a part they share changes: a component, or a summary the navigation shows', async () => {
    const v2 = 'products/flights/versions/v2/openapi.yaml';
    const operations = baseline.routes.filter((r) => r.kind === 'operation' && r.url.startsWith('/products/flights/v2/')).map((r) => r.url);
    const component = await edited('component', (c) => replaceIn(path.join(c, v2), 'description: An RFC 9457 problem detail.', 'description: An RFC 9457 problem detail, always.'));
    const summary = await edited('summary', (c) => replaceIn(path.join(c, v2), 'summary: Health check', 'summary: Health of the service'));
    for (const after of [component, summary]) {
      const changed = changedUrls(baseline, after);
      for (const url of operations) expect(changed).toContain(url);
      expect(changed.filter((u) => u.includes('/reference/') && !u.startsWith('/products/flights/v2/'))).toEqual([]);
    }
  }, 60_000);

  it('hashes the whole spec for every operation page when a $ref points into paths, where another operation’s edit could reach', async () => {
    const v2 = 'products/flights/versions/v2/openapi.yaml';
    const refInto = async (c: string) => replaceIn(path.join(c, v2), 'description: An RFC 9457 problem detail.', "description: An RFC 9457 problem detail.\n      x-example-of:\n        $ref: '#/paths/~1health/get/description'");
    const before = await edited('ref-into-paths', refInto);
    const after = await edited('ref-into-paths-edited', async (c) => {
      await refInto(c);
      await replaceIn(path.join(c, v2), 'description: Returns the service health status. Needs no API key.', 'description: Returns the service health status, always.');
    });
    const changed = changedUrls(before, after);
    for (const url of before.routes.filter((r) => r.kind === 'operation' && r.url.startsWith('/products/flights/v2/')).map((r) => r.url)) expect(changed).toContain(url);
  }, 60_000);

  it('changes for every page when a site setting changes (portal title, base path)', async () => {
    const retitled = await edited('title', (c) => replaceIn(path.join(c, 'portal.yaml'), 'title: ', 'title: New '));
    expect(changedUrls(baseline, retitled)).toEqual(baseline.routes.map((r) => r.url).sort());
    const based = await resolve(path.join(dir, 'baseline'), { base: '/docs/' });
    expect(changedUrls(baseline, based)).toEqual(baseline.routes.map((r) => r.url).sort());
  }, 60_000);

  it('drops the route of a deleted doc and re-hashes the pages whose docs tree lost it', async () => {
    const after = await edited('deleted', (c) => fs.rm(path.join(c, 'products/flights/versions/v2/docs/migrating-from-v1.md')));
    const gone = (r: SiteRoute) => r.url === '/products/flights/v2/docs/migrating-from-v1/';
    expect(baseline.routes.some(gone)).toBe(true);
    expect(after.routes.some(gone)).toBe(false);
    const changed = alwaysChanged(changedUrls(baseline, after));
    expect(changed).toContain('/products/flights/v2/');
    expect(changed.every((u) => u.startsWith('/products/flights/'))).toBe(true);
  }, 60_000);
});

describe('inputs hash with the resolve cache', () => {
  // A build reads environments back with their hash, and a spec's hashes by the spec's content
  // hash: every page must get exactly the hash it gets when everything is hashed again.
  const code = 'routes-test-code';
  let cachedBaseline: SiteModel;
  const deckEdit = (c: string) => replaceIn(path.join(c, 'control-planes/dev.yaml'), '    - /v2\n', '    - /v2\n    - /v2-beta\n');
  const specEdit = (c: string) =>
    replaceIn(path.join(c, 'products/flights/versions/v2/openapi.yaml'), 'description: Returns the service health status. Needs no API key.', 'description: Returns the service health status, always.');

  beforeAll(async () => {
    cachedBaseline = await resolve(path.join(dir, 'baseline'), { code });
  }, 60_000);

  it('gives the hashes computed without it, when it is first filled and when read back', async () => {
    expect(hashes(cachedBaseline)).toEqual(hashes(baseline));
    const again = await resolve(path.join(dir, 'baseline'), { code });
    expect(hashes(again)).toEqual(hashes(baseline));
  }, 60_000);

  it('gives the hashes computed without it after a decK edit and after an operation edit', async () => {
    for (const [name, edit] of [['deck', deckEdit], ['one-operation', specEdit]] as const) {
      const content = await exampleCopy(`cached-${name}`);
      await edit(content);
      const withCache = await resolve(content, { code });
      expect(changedUrls(baseline, withCache).length, name).toBeGreaterThan(2);
      expect(hashes(withCache), name).toEqual(hashes(await resolve(content)));
    }
  }, 120_000);

  it('changes every page of the version linked to an edited decK service, and no other product', async () => {
    const content = await exampleCopy('cached-deck-only');
    await deckEdit(content);
    const changed = changedUrls(cachedBaseline, await resolve(content, { code })).filter((u) => u !== '/' && u !== '/404.html');
    const v2Operations = cachedBaseline.routes.filter((r) => r.kind === 'operation' && r.url.startsWith('/products/flights/v2/')).map((r) => r.url);
    expect(v2Operations.length).toBeGreaterThan(3);
    for (const url of v2Operations) expect(changed).toContain(url);
    expect(changed.every((u) => u.startsWith('/products/flights/'))).toBe(true);
  }, 60_000);
});

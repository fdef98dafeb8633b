/**
 * Builds the example portal for both audiences through the real CLI and inspects what was
 * written: the manifest contract, the page layout, and that nothing unpublished or secret
 * reaches the public output (DESIGN §5, §6).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, filesContaining, listFiles, runAtrium, tempDir } from '../helpers/cli.ts';

/** Text found only in the example's unpublished product, version and doc (no test markers readers would see). */
const UNPUBLISHED_TEXT = [
  'KongAir Miles', // the unpublished Loyalty product, its docs and spec
  'Draft of Flights v3', // the unpublished flights v3 spec
  'Flights v3 design draft', // its docs
  'flight-data on-call rotation', // the unpublished operations runbook
];
const SECRETS = [
  'atrium-secret-do-not-leak-7f3a',
  'atrium-secret-client-9b1c',
  'vault://',
  'redis-prod.kongair.internal',
  'kong-origin.prod.kongair.example',
  'early-access',
  'legacy-partners',
];

let out: { public: string; internal: string };
let logs: Record<string, string> = {};

beforeAll(async () => {
  const dir = await tempDir();
  out = { public: path.join(dir, 'public'), internal: path.join(dir, 'internal') };
  for (const audience of ['public', 'internal'] as const) {
    const result = await runAtrium(['build', '--content', 'content', '--out', out[audience], '--audience', audience]);
    logs[audience] = result.stdout + result.stderr;
    expect(result.code, logs[audience]).toBe(0);
  }
}, 240_000);

const readJson = async (file: string) => JSON.parse(await fs.readFile(file, 'utf8'));

describe('public build of the example portal', () => {
  it('writes portal.json with exactly the published products, versions and docs', async () => {
    const manifest = await readJson(path.join(out.public, 'portal.json'));
    expect(manifest.audience).toBe('public');
    expect(manifest.products.map((p: { slug: string }) => p.slug).sort()).toEqual(['bookings', 'customer', 'flights']);
    const flights = manifest.products.find((p: { slug: string }) => p.slug === 'flights');
    expect(flights.url).toBe('/products/flights/');
    expect(flights.versions.map((v: { name: string }) => v.name)).toEqual(['v1', 'v2']);
    const v1 = flights.versions[0];
    expect(v1).toMatchObject({
      publish_status: 'published',
      deprecated: true,
      sunset: '2027-06-30',
      replacement: 'v2',
      url: '/products/flights/v1/',
      reference_url: '/products/flights/v1/reference/',
      spec_url: '/products/flights/v1/openapi.json',
    });
    expect(v1.environments.map((e: { name: string }) => e.name)).toEqual(['production']);
    expect(v1.environments[0].base_urls).toEqual(['https://api.kongair.example']);
    expect(v1.environments[0].auth).toContain('key-auth');
    expect(v1.environments[0].rate_limits).toContainEqual({ limit: 60, window: 'minute' });
    const v2 = flights.versions[1];
    expect(v2.environments.map((e: { name: string }) => e.name)).toEqual(['development', 'staging']);
    expect(v1.operations).toBeGreaterThan(0);
    expect(flights.docs.map((d: { url: string }) => d.url)).not.toContain('/products/flights/docs/operations-runbook/');
  });

  it('writes every page of the output layout', async () => {
    const files = await listFiles(out.public);
    for (const expected of [
      'index.html',
      '404.html',
      'portal.json',
      'robots.txt',
      'llms.txt',
      'sitemap-index.xml',
      'products/flights/index.html',
      'products/flights/docs/index.html',
      'products/flights/docs/guides/authentication/index.html',
      'products/flights/docs/guides/authentication/index.md',
      'products/flights/v1/index.html',
      'products/flights/v1/reference/index.html',
      'products/flights/v1/openapi.json',
      'products/flights/v1/openapi.yaml',
      'products/flights/v2/changes/index.html',
      'products/flights/v2/docs/migrating-from-v1/index.html',
      'products/bookings/v1/reference/index.html',
      'products/customer/v1/openapi.json',
    ]) {
      expect(files, expected).toContain(expected);
    }
    expect(files.some((f) => f.startsWith('pagefind/'))).toBe(true);
    expect(files.some((f) => f.startsWith('products/loyalty'))).toBe(false);
    expect(files.some((f) => f.startsWith('products/flights/v3'))).toBe(false);
    expect(files.some((f) => f.startsWith('internal/'))).toBe(false);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('bundles multi-file specs into one download without external $refs', async () => {
    const spec = await fs.readFile(path.join(out.public, 'products/bookings/v1/openapi.json'), 'utf8');
    const refs = [...spec.matchAll(/"\$ref":\s*"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((r) => r.startsWith('#/'))).toBe(true);
  });

  it('contains no unpublished text, no internal label and no secret in any file', async () => {
    // `labels` are internal metadata (owner, cost centre); only `public_labels` are public.
    const internalLabels = ['cc-4711', 'flight-data-platform'];
    for (const needle of [...UNPUBLISHED_TEXT, ...SECRETS, ...internalLabels]) {
      expect(await filesContaining(out.public, needle), needle).toEqual([]);
    }
  });

  it('writes llms.txt with markdown twins, a sitemap and a feed of what this audience may see', async () => {
    const llms = await fs.readFile(path.join(out.public, 'llms.txt'), 'utf8');
    expect(llms).toMatch(/^# KongAir Developer Portal/);
    expect(llms).toContain('(https://developer.kongair.example/products/flights/docs/getting-started/index.md)');
    const twin = await fs.readFile(path.join(out.public, 'products/flights/docs/getting-started/index.md'), 'utf8');
    expect(twin).toMatch(/^# Getting started/);
    const sitemap = await fs.readFile(path.join(out.public, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://developer.kongair.example/products/flights/v2/reference/list-flights/</loc>');
    const feed = await fs.readFile(path.join(out.public, 'feed.xml'), 'utf8');
    expect(feed).toContain('<title>Flights v2 released</title>');
    expect(feed).toContain('Flights v1 is deprecated (sunset 2027-06-30)');
    const home = await fs.readFile(path.join(out.public, 'index.html'), 'utf8');
    expect(home).toContain('<link rel="canonical" href="https://developer.kongair.example/">');
    expect(home).toMatch(/<meta property="og:title" content="KongAir Developer Portal">/);
  });

  it('reports one line per phase, not one per page', () => {
    const lines = logs.public!.split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(20);
    expect(logs.public).toMatch(/render\s+\d+ page\(s\)/);
  });

  it('draws every Mermaid and PlantUML diagram inline, with nothing but npm install', async () => {
    const architecture = await fs.readFile(path.join(out.public, 'products/flights/docs/architecture/index.html'), 'utf8');
    expect(architecture.match(/<div class="atrium-diagram atrium-diagram-mermaid">/g)).toHaveLength(1);
    expect(architecture).toMatch(/<div class="atrium-diagram atrium-diagram-plantuml"><svg /);
    const signIn = await fs.readFile(path.join(out.public, 'products/customer/docs/sign-in/index.html'), 'utf8');
    expect(signIn).toContain('<div class="atrium-diagram atrium-diagram-mermaid">');
    // Nothing left for the reader's browser to draw, and no fallback warning.
    expect(architecture + signIn).not.toContain('atrium-diagram-client');
    expect(logs.public).not.toMatch(/drawn in the reader's browser/);
  });

  it('prints only the warnings the README lists as shown on purpose', () => {
    const warnings = logs.public!.split('\n').filter((l) => /: warning: /.test(l));
    const onPurpose = [
      /^control-planes\/\w+\.yaml:\d+:\d+: warning: \w+\/v\d: GET \/health is in the spec but no route of service `[\w-]+` serves it in \w+ \(Kong answers 404\)/,
      /^products\/flights\/versions\/v1\/openapi\.json:\d+:\d+: warning: operation GET \/health has no `operationId`/,
      /^products\/flights\/versions\/v3\/version\.yaml:\d+:\d+: warning: version `v3` is not deployed/,
    ];
    expect(warnings.filter((w) => !onPurpose.some((p) => p.test(w)))).toEqual([]);
  });
});

describe('internal build of the example portal', () => {
  it('contains everything, unpublished items badged', async () => {
    const manifest = await readJson(path.join(out.internal, 'portal.json'));
    expect(manifest.audience).toBe('internal');
    expect(manifest.products.map((p: { slug: string }) => p.slug).sort()).toEqual(['bookings', 'customer', 'flights', 'loyalty']);
    const loyalty = await fs.readFile(path.join(out.internal, 'products/loyalty/index.html'), 'utf8');
    expect(loyalty).toContain('Unpublished');
    const runbook = await fs.readFile(path.join(out.internal, 'products/flights/docs/operations-runbook/index.html'), 'utf8');
    expect(runbook).toContain('flight-data on-call rotation');
    expect(runbook).toContain('Unpublished');
    const files = await listFiles(out.internal);
    expect(files).toContain('internal/environments/index.html');
    expect(files).toContain('internal/health/index.html');
  });

  it('shows the promotion story in the environment matrix', async () => {
    const matrix = await fs.readFile(path.join(out.internal, 'internal/environments/index.html'), 'utf8');
    expect(matrix).toContain('flights-v2-service');
    expect(matrix).toMatch(/Development[\s\S]*Staging[\s\S]*Production/);
  });

  it('still contains no secret from a decK file', async () => {
    for (const needle of SECRETS) expect(await filesContaining(out.internal, needle), needle).toEqual([]);
  });
});


/** A page's visible text: no scripts, styles or tags, whitespace collapsed. */
async function pageText(file: string): Promise<string> {
  const source = await fs.readFile(file, 'utf8');
  return source
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x60;|&#96;/g, '`')
    .replace(/\s+/g, ' ');
}

describe('one fact, one place (issue 15 item 8)', () => {
  it('says a deprecated version is deprecated once per page, in one banner linking the equivalent operation of its replacement', async () => {
    const file = path.join(out.public, 'products/flights/v1/reference/get-flights/index.html');
    const source = await fs.readFile(file, 'utf8');
    expect((await pageText(file)).match(/deprecat/gi)).toHaveLength(1);
    const banners = source.match(/<div class="ref-banner[^"]*"[^>]*>[\s\S]*?<\/div>/g) ?? [];
    expect(banners).toHaveLength(1);
    expect(banners[0]).toContain('href="/products/flights/v2/reference/list-flights/"');
    expect(banners[0]).toContain('2027-06-30');
    // The version page shows the same single banner, linking the replacement version.
    const versionPage = path.join(out.public, 'products/flights/v1/index.html');
    expect(((await fs.readFile(versionPage, 'utf8')).match(/role="note" aria-label="Deprecation notice"/g) ?? []).length).toBe(1);
  });

  it('lists one set of servers on the reference overview, https where the route speaks it', async () => {
    const overview = await fs.readFile(path.join(out.public, 'products/flights/v2/reference/index.html'), 'utf8');
    const servers = overview.slice(overview.indexOf('id="servers"'), overview.indexOf('</section>', overview.indexOf('id="servers"')));
    expect(servers).not.toContain('Servers named in the spec');
    expect(servers).not.toContain('api.kongair.example/v2'); // the spec's future production address
    expect(servers).not.toContain('http://');
    const versionPage = await fs.readFile(path.join(out.public, 'products/flights/v2/index.html'), 'utf8');
    expect(versionPage).toContain('<code>https://api.dev.kongair.example/v2</code>');
    expect(versionPage).not.toContain('<code>http://api.dev.kongair.example/v2</code>');
  });

  it('prints names on the health page as code, not raw backticks', async () => {
    const file = path.join(out.internal, 'internal/health/index.html');
    expect(await pageText(file)).not.toContain('`');
    expect(await fs.readFile(file, 'utf8')).toContain('<code>atrium build --strict</code>');
  });

  it("shows a version's effective status the same on its product page, its own page and the environment matrix", async () => {
    // Loyalty v1 is `published`, but its product is not: it is not public, so it reads Unpublished everywhere.
    for (const page of ['products/loyalty/index.html', 'products/loyalty/v1/index.html', 'internal/environments/index.html']) {
      const text = await pageText(path.join(out.internal, page));
      const row = page.startsWith('internal') ? text.slice(text.indexOf('Loyalty')) : text;
      expect(row, page).toContain('Unpublished · product not published');
      expect(row, page).not.toMatch(/\bPublished\b/);
    }
  });

  it('lists only breaking changes under "Breaking changes"', async () => {
    const source = await fs.readFile(path.join(out.public, 'products/flights/v2/changes/index.html'), 'utf8');
    const breaking = source.slice(source.indexOf('id="breaking-changes"'), source.indexOf('id="non-breaking-changes"'));
    expect(breaking).toContain('api-change-breaking');
    expect(breaking.match(/<li class="api-change[^"]*"/g)!.every((li) => li.includes('api-change-breaking'))).toBe(true);
    const rest = source.slice(source.indexOf('id="non-breaking-changes"'));
    expect(rest).toContain('query parameter <code>destination</code> added');
    expect(rest).not.toContain('api-change-breaking');
  });
});

describe('search index (issue 15 item 5)', () => {
  /** Every page's indexed text and meta, read back from Pagefind's fragments. */
  async function fragments(): Promise<{ url: string; content: string; meta: Record<string, string> }[]> {
    const { gunzipSync } = await import('node:zlib');
    const dir = path.join(out.public, 'pagefind', 'fragment');
    const all = [];
    for (const name of await fs.readdir(dir)) {
      const bytes = gunzipSync(await fs.readFile(path.join(dir, name)));
      const text = bytes.toString('utf8');
      all.push(JSON.parse(text.slice(text.indexOf('{'))));
    }
    return all;
  }

  it('holds content, not chrome: no permalink text, Copy buttons, raw JSON, banners or Try it', async () => {
    const pages = await fragments();
    const doc = pages.find((p) => p.url === '/products/flights/docs/getting-started/')!;
    expect(doc.content).toContain('Create an application in the developer console');
    expect(doc.content).not.toContain('Section titled');
    expect(doc.content).not.toMatch(/\bCopy\b/);
    expect(doc.content).not.toContain('"next_cursor": "'); // the JSON response block
    const op = pages.find((p) => p.url === '/products/flights/v1/reference/get-flights/')!;
    expect(op.content).toContain('Returns all the scheduled flights');
    expect(op.content).not.toMatch(/deprecated|Try it|\bCopy\b/);
    for (const page of pages) expect(page.content, page.url).not.toMatch(/Section titled|\bCopy\b(?! its key)/);
  });

  it('gives operation pages their method and path for the results list', async () => {
    const op = (await fragments()).find((p) => p.url === '/products/flights/v2/reference/list-flights/')!;
    expect(op.meta).toMatchObject({ method: 'GET', path: '/flights', product: 'Flights', version: 'v2' });
  });
});

/**
 * `atrium mcp` over real builds of tests/fixtures/mcp (KongAir's specs and decK file, plus an
 * unpublished product, version and doc, each carrying a marker). One public and one internal
 * build per file; the tools are driven by the SDK's own Client, through the real CLI on stdio
 * and in process over InMemoryTransport.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalServer } from '../../src/lib/mcp/server.ts';
import { REPO_ROOT, filesContaining, runAtrium, tempDir } from '../helpers/cli.ts';

const MARKERS = ['mcp-unpublished-product-marker', 'mcp-unpublished-version-marker', 'mcp-unpublished-doc-marker'];
const KONGAIR = path.join(REPO_ROOT, 'tests/fixtures/shared/kongair');

let dir: string;
let out: { public: string; internal: string };
const clients: Client[] = [];

async function writeContent(root: string): Promise<void> {
  await fs.cp(path.join(REPO_ROOT, 'tests/fixtures/mcp/content'), root, { recursive: true });
  // git keeps no empty folder, so the fixture has none for the decK file copied in here.
  await fs.mkdir(path.join(root, 'control-planes'), { recursive: true });
  await fs.copyFile(path.join(KONGAIR, 'kong.yaml'), path.join(root, 'control-planes/production.yaml'));
  await fs.copyFile(path.join(KONGAIR, 'flights.openapi.yaml'), path.join(root, 'products/flights/versions/v1/openapi.yaml'));
  await fs.copyFile(path.join(KONGAIR, 'bookings.openapi.yaml'), path.join(root, 'products/bookings/versions/v1/openapi.yaml'));
}

beforeAll(async () => {
  dir = await tempDir('atrium-mcp-');
  const content = path.join(dir, 'content');
  await writeContent(content);
  out = { public: path.join(dir, 'public'), internal: path.join(dir, 'internal') };
  for (const audience of ['public', 'internal'] as const) {
    const result = await runAtrium(['build', '--content', content, '--out', out[audience], '--audience', audience]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  }
}, 240_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

async function inMemoryClient(portal: string): Promise<Client> {
  const server = createPortalServer(portal, { version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'atrium-test', version: '1.0.0' });
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

interface ToolAnswer {
  isError: boolean;
  text: string;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: { type: string; text: string }[] };
  expect(result.content[0]?.type).toBe('text');
  return { isError: result.isError === true, text: result.content.map((c) => c.text).join('\n') };
}

describe('atrium mcp on stdio (the real CLI)', () => {
  it('speaks JSON-RPC only on stdout and negotiates protocol 2025-06-18 and later', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/atrium.js'), 'mcp', '--portal', out.public], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const lines = async (n: number) => {
      for (let i = 0; i < 400 && stdout.split('\n').filter(Boolean).length < n; i++) await new Promise((r) => setTimeout(r, 25));
      return stdout.split('\n').filter(Boolean);
    };
    const send = (message: object) => child.stdin.write(JSON.stringify(message) + '\n');
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search', arguments: { query: 'zebraquartz' } } });
    send({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'get_page', arguments: { url: '/nothing-here/' } } });
    // Requests are answered as they finish, not necessarily in order.
    const got = (await lines(4)).map((line) => JSON.parse(line)).sort((a, b) => a.id - b.id);
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(got.every((m) => m.jsonrpc === '2.0')).toBe(true);
    expect(got.map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(got[0].result.protocolVersion).toBe('2025-06-18');
    expect(got[0].result.serverInfo.name).toBe('atrium');
    expect(got[1].result.tools.map((t: { name: string }) => t.name).sort()).toEqual(['get_operation', 'get_page', 'list_products', 'search']);
    expect(JSON.parse(got[2].result.content[0].text)).toEqual([
      expect.objectContaining({ url: '/products/flights/docs/getting-started/', title: 'Getting started' }),
    ]);
    expect(got[3].result.isError).toBe(true);
  }, 60_000);

  it('serves a whole session to the SDK client through StdioClientTransport', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'bin/atrium.js'), 'mcp', '--portal', out.public],
      stderr: 'pipe',
    });
    const client = new Client({ name: 'atrium-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('atrium');
      const products = JSON.parse((await call(client, 'list_products')).text);
      expect(products.products.map((p: { slug: string }) => p.slug)).toEqual(['bookings', 'flights']);
      const operation = await call(client, 'get_operation', { product: 'bookings', version: 'v1', operation: 'post-booking' });
      expect(operation.isError).toBe(false);
      expect(operation.text).toContain('`POST /bookings`');
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('the tools over the public build', () => {
  let client: Client;
  beforeAll(async () => {
    client = await inMemoryClient(out.public);
  });

  it('list_products gives products, versions, environments and base URLs', async () => {
    const answer = await call(client, 'list_products');
    expect(answer.isError).toBe(false);
    const listing = JSON.parse(answer.text);
    expect(listing.audience).toBe('public');
    const flights = listing.products.find((p: { slug: string }) => p.slug === 'flights');
    expect(flights.versions.map((v: { name: string }) => v.name)).toEqual(['v1']);
    expect(flights.versions[0]).toMatchObject({
      url: '/products/flights/v1/',
      reference_url: '/products/flights/v1/reference/',
      spec_url: '/products/flights/v1/openapi.json',
      operations: 4,
      environments: [{ name: 'production', base_urls: ['https://api.kong-air.example'], auth: [], rate_limits: [] }],
    });
    const bookings = listing.products.find((p: { slug: string }) => p.slug === 'bookings');
    expect(bookings.versions[0].environments[0].auth).toEqual(['jwt']);
  });

  it('search answers from the Pagefind index with url, title and excerpt, and honours limit', async () => {
    const hits = JSON.parse((await call(client, 'search', { query: 'zebraquartz' })).text);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toEqual({ url: '/products/flights/docs/getting-started/', title: 'Getting started', excerpt: expect.stringContaining('zebraquartz') });
    expect(hits[0].excerpt).not.toContain('<mark>');
    const many = JSON.parse((await call(client, 'search', { query: 'flight', limit: 2 })).text);
    expect(many).toHaveLength(2);
    expect(JSON.parse((await call(client, 'search', { query: 'qwxzvbnotaword' })).text)).toEqual([]);
    expect((await call(client, 'search', { query: '   ' })).isError).toBe(true);
  });

  it('get_page returns the markdown twin for a doc, a version, a reference page or a full URL of the site', async () => {
    const doc = await call(client, 'get_page', { url: '/products/flights/docs/getting-started/' });
    expect(doc.text).toMatch(/^# Getting started/);
    expect(doc.text).toContain('| number | The flight number |');
    const version = await call(client, 'get_page', { url: '/products/bookings/v1/' });
    expect(version.text).toContain('https://api.kong-air.example');
    expect(version.text).toContain('JWT');
    const reference = await call(client, 'get_page', { url: 'https://developer.kong-air.example/products/flights/v1/reference/' });
    expect(reference.text).toContain('`GET /flights/{flightNumber}`');
    const same = await call(client, 'get_page', { url: '/products/flights/v1/reference/index.md' });
    expect(same.text).toBe(reference.text);
  });

  it('get_page refuses what is not a page of this portal, and paths that leave the folder', async () => {
    for (const url of ['/products/nothing/', '../../etc/passwd', '/products/../../../etc/passwd', 'https://example.org/products/flights/', '/robots.txt', 'file:///etc/passwd']) {
      const answer = await call(client, 'get_page', { url });
      expect(answer.isError, url).toBe(true);
      expect(answer.text.length, url).toBeGreaterThan(10);
      expect(answer.text, url).not.toContain('root:');
    }
  });

  it('get_page does not follow a symlink out of the portal folder', async () => {
    const copy = path.join(dir, 'public-with-symlink');
    await fs.cp(out.public, copy, { recursive: true });
    const outside = path.join(dir, 'outside');
    await fs.mkdir(outside, { recursive: true });
    await fs.writeFile(path.join(outside, 'index.md'), 'outside-the-portal-secret');
    await fs.symlink(outside, path.join(copy, 'products', 'escape'));
    const linked = await inMemoryClient(copy);
    const answer = await call(linked, 'get_page', { url: '/products/escape/' });
    expect(answer.isError).toBe(true);
    expect(answer.text).not.toContain('outside-the-portal-secret');
    expect(answer.text).toContain('outside the portal folder');
  });

  it('get_operation finds an operation by operationId, slug, method and path, or a concrete path', async () => {
    for (const operation of ['get-flight-by-number', 'GET /flights/{flightNumber}', 'get /flights/{id}', 'GET /flights/KA924']) {
      const answer = await call(client, 'get_operation', { product: 'flights', version: 'v1', operation });
      expect(answer.isError, operation).toBe(false);
      expect(answer.text, operation).toMatch(/^# Get a specific flight by flight number/);
    }
    const booking = await call(client, 'get_operation', { product: 'Bookings', version: 'v1', operation: 'POST /bookings' });
    expect(booking.text).toContain('## Request body');
    expect(booking.text).toContain('`flight_number` (string; required)');
    expect(booking.text).toContain('### 201 Created');
    expect(booking.text).toContain('"ticket_number": "CDF3412"');
    expect(booking.text).toContain("curl -X POST 'https://api.kong-air.example/bookings'");
    expect(booking.text).toContain('requests.post(');
    // Per environment, what Kong enforces on the route that serves it (DESIGN §4a).
    const gateway = booking.text.slice(booking.text.indexOf('## Through the gateway (Kong)'));
    expect(gateway).toMatch(/^## Through the gateway \(Kong\)\n\n### Production\n\nRoute `bookings-service_post-booking`/);
    expect(gateway).toContain('- URL: `https://api.kong-air.example/bookings`');
    expect(gateway).toContain('- Authentication: `jwt` (JWT: Send a signed JWT');
    expect(gateway).toContain('401 (also documented by the API): Missing or invalid credentials. (jwt)');
    const facts = JSON.parse(await fs.readFile(path.join(out.public, 'products/bookings/v1/gateway.json'), 'utf8'));
    const served = facts.environments[0].operations.find((op: { method: string; path: string }) => op.method === 'post' && op.path === '/bookings').served_by[0];
    expect(gateway).toContain(`- URL: \`${served.urls[0]}\``);
  });

  it('get_operation says what is unknown: product, version, operation', async () => {
    const product = await call(client, 'get_operation', { product: 'trains', version: 'v1', operation: 'x' });
    expect(product).toEqual({ isError: true, text: expect.stringContaining('unknown product "trains"') });
    expect(product.text).toContain('bookings, flights');
    const version = await call(client, 'get_operation', { product: 'flights', version: 'v9', operation: 'x' });
    expect(version).toEqual({ isError: true, text: expect.stringContaining('unknown version "v9"') });
    const operation = await call(client, 'get_operation', { product: 'flights', version: 'v1', operation: 'DELETE /flights' });
    expect(operation).toEqual({ isError: true, text: expect.stringContaining('no operation "DELETE /flights"') });
    expect(operation.text).toContain('get-flights');
  });
});

describe('markdown twins and llms-full.txt in the build', () => {
  it('writes a twin beside every page the sitemap lists', async () => {
    const sitemap = await fs.readFile(path.join(out.public, 'sitemap-0.xml'), 'utf8');
    const pages = [...sitemap.matchAll(/<loc>https:\/\/developer\.kong-air\.example([^<]*)<\/loc>/g)].map((m) => m[1]!);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) await expect(fs.access(path.join(out.public, page, 'index.md')), page).resolves.toBeUndefined();
  });

  it('llms-full.txt holds every published doc and operation, and llms.txt points to it', async () => {
    const full = await fs.readFile(path.join(out.public, 'llms-full.txt'), 'utf8');
    expect(full).toContain('<!-- https://developer.kong-air.example/products/flights/docs/getting-started/ -->\n\n# Getting started');
    for (const op of ['get-flights', 'get-flight-by-number', 'get-flight-details', 'get-health']) {
      expect(full).toContain(`<!-- https://developer.kong-air.example/products/flights/v1/reference/${op}/ -->`);
    }
    expect(full).toContain('`POST /bookings`');
    expect(full).not.toContain('cut here');
    expect(await fs.readFile(path.join(out.public, 'llms.txt'), 'utf8')).toContain('(https://developer.kong-air.example/llms-full.txt)');
  });
});

describe('markup from content in markdown answers', () => {
  it('is inert: no event handlers, no script links', async () => {
    const client = await inMemoryClient(out.public);
    const answers = [
      (await call(client, 'get_page', { url: '/' })).text,
      (await call(client, 'get_page', { url: '/products/bookings/' })).text,
      (await call(client, 'get_page', { url: '/products/bookings/v1/' })).text,
      (await call(client, 'get_page', { url: '/llms-full.txt' })).text,
    ];
    expect(answers[1]).toContain('Book flights for customers.');
    for (const text of answers) {
      expect(text).not.toMatch(/<img\b/i);
      expect(text).not.toMatch(/<a\s+href="javascript:/i);
      expect(text).not.toMatch(/\]\(javascript:/i);
    }
  });
});

describe('a folder that is not a portal build', () => {
  it('answers every tool with an error naming the folder, and keeps serving', async () => {
    const missing = await inMemoryClient(path.join(dir, 'never-built'));
    for (const [name, args] of [
      ['list_products', {}],
      ['search', { query: 'flights' }],
      ['get_page', { url: '/' }],
      ['get_operation', { product: 'flights', version: 'v1', operation: 'get-flights' }],
    ] as const) {
      const answer = await call(missing, name, args);
      expect(answer.isError, name).toBe(true);
      expect(answer.text, name).toContain('never-built');
    }
    const empty = path.join(dir, 'empty');
    await fs.mkdir(empty, { recursive: true });
    const notBuild = await call(await inMemoryClient(empty), 'list_products');
    expect(notBuild).toEqual({ isError: true, text: expect.stringContaining('is not a built portal') });
  });
});

describe('the public build answers with public content only', () => {
  it('the internal build holds every marker (so the public checks below can fail)', async () => {
    const internal = await inMemoryClient(out.internal);
    for (const marker of MARKERS) {
      expect(JSON.parse((await call(internal, 'search', { query: marker })).text).length, marker).toBeGreaterThan(0);
    }
    expect((await call(internal, 'list_products')).text).toContain('mcp-unpublished-product-marker');
    expect((await call(internal, 'get_operation', { product: 'flights', version: 'v2', operation: 'list-flights-v2' })).text).toContain('mcp-unpublished-version-marker');
    expect((await call(internal, 'get_page', { url: '/products/flights/docs/internal-notes/' })).text).toContain('mcp-unpublished-doc-marker');
  });

  it('search, list_products, get_page and get_operation never return an unpublished marker', async () => {
    const client = await inMemoryClient(out.public);
    const answers: ToolAnswer[] = [await call(client, 'list_products')];
    for (const marker of MARKERS) {
      const hits = await call(client, 'search', { query: marker });
      expect(JSON.parse(hits.text), marker).toEqual([]);
      answers.push(hits);
    }
    // Words of the unpublished pages other than the markers find only published pages.
    answers.push(await call(client, 'search', { query: 'zebraquartz experiments lab internal notes', limit: 50 }));
    for (const url of ['/products/lab/', '/products/lab/docs/', '/products/flights/v2/', '/products/flights/v2/reference/list-flights-v2/', '/products/flights/docs/internal-notes/', '/llms.txt', '/llms-full.txt']) {
      answers.push(await call(client, 'get_page', { url }));
    }
    answers.push(await call(client, 'get_operation', { product: 'lab', version: 'v1', operation: 'list-experiments' }));
    answers.push(await call(client, 'get_operation', { product: 'flights', version: 'v2', operation: 'list-flights-v2' }));
    for (const answer of answers) for (const marker of MARKERS) expect(answer.text).not.toContain(marker);
    // Every page the portal lists, read through get_page, is clean too.
    const listing = JSON.parse(answers[0]!.text);
    for (const product of listing.products) {
      for (const url of [product.url, ...product.docs.map((d: { url: string }) => d.url), ...product.versions.flatMap((v: { url: string; reference_url: string | null }) => [v.url, v.reference_url ?? v.url])]) {
        const page = await call(client, 'get_page', { url });
        expect(page.isError, url).toBe(false);
        for (const marker of MARKERS) expect(page.text, url).not.toContain(marker);
      }
    }
    for (const marker of MARKERS) expect(await filesContaining(out.public, marker), marker).toEqual([]);
  });
});

describe('a portal rebuilt while the server runs', () => {
  it('is searched in its new state', async () => {
    const content = path.join(dir, 'content-rebuilt');
    await writeContent(content);
    const portal = path.join(dir, 'rebuilt');
    const build = async () => expect((await runAtrium(['build', '--content', content, '--out', portal])).code).toBe(0);
    await build();
    const client = await inMemoryClient(portal);
    expect(JSON.parse((await call(client, 'search', { query: 'quokkaflight' })).text)).toEqual([]);
    const doc = path.join(content, 'products/flights/docs/getting-started.md');
    await fs.writeFile(doc, (await fs.readFile(doc, 'utf8')) + '\nThe quokkaflight word arrived later.\n');
    await build();
    const hits = JSON.parse((await call(client, 'search', { query: 'quokkaflight' })).text);
    expect(hits.map((h: { url: string }) => h.url)).toEqual(['/products/flights/docs/getting-started/']);
    expect((await call(client, 'get_page', { url: hits[0].url })).text).toContain('quokkaflight');
  }, 120_000);
});

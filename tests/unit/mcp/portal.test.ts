/** The MCP server's reading of a portal folder: URL confinement, operation lookup, gateway.json. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortalError, sitePath } from '../../../src/lib/mcp/portal-folder.ts';
import { findOperation } from '../../../src/lib/mcp/portal-reader.ts';
import { PortalTools } from '../../../src/lib/mcp/tools.ts';
import { buildReferenceIndex } from '../../../src/lib/reference/index.ts';
import { loadSpec } from '../reference/helpers.ts';

describe('sitePath', () => {
  const site = { origin: 'https://dev.example.com', base: '/docs/' };

  it('accepts paths, paths under the base and URLs of the site', () => {
    expect(sitePath('/products/flights/', site)).toBe('/products/flights/');
    expect(sitePath('products/flights/?x=1#top', site)).toBe('/products/flights/');
    expect(sitePath('/docs/products/flights/', site)).toBe('/products/flights/');
    expect(sitePath('https://dev.example.com/docs/products/flights/', site)).toBe('/products/flights/');
    expect(sitePath('/products/caf%C3%A9/', site)).toBe('/products/café/');
  });

  it('refuses other origins, other schemes and paths that climb out', () => {
    for (const url of ['https://evil.example/products/', 'file:///etc/passwd', '../etc/passwd', '/products/%2e%2e/%2e%2e/etc/passwd', '/a/..\\..\\b', '', '%E0%A4%A']) {
      expect(() => sitePath(url, site), url).toThrow(PortalError);
    }
  });
});

describe('findOperation', () => {
  const index = buildReferenceIndex(loadSpec('reference/pets-3.1.yaml'));
  const find = (wanted: string) => findOperation(index.operations, wanted)?.slug;

  it('finds by slug, operationId (any case), method and path template, or a concrete path', () => {
    expect(find('get-family-tree')).toBe('get-family-tree');
    expect(find('listPets')).toBe('list-pets');
    expect(find('LISTPETS')).toBe('list-pets');
    expect(find('get /pets/{petId}')).toBe('get-pets-pet-id');
    expect(find('GET /pets/{id}')).toBe('get-pets-pet-id');
    expect(find('DELETE /pets/42')).toBe('delete-pets-pet-id');
    // A literal segment beats a parameter: /pets/7/family is the family tree, not a pet.
    expect(find('GET /pets/7/family')).toBe('get-family-tree');
  });

  it('finds nothing for what is not there', () => {
    expect(find('PUT /pets')).toBeUndefined();
    expect(find('GET /dogs')).toBeUndefined();
    expect(find('nothing')).toBeUndefined();
  });
});

describe('get_operation with a gateway.json the twin does not include yet', () => {
  let root: string;
  const spec = { openapi: '3.1.0', info: { title: 'F', version: '1' }, paths: { '/flights': { get: { operationId: 'getFlights', responses: { 200: { description: 'OK' } } } } } };
  const manifest = {
    title: 'T',
    audience: 'public',
    products: [
      {
        slug: 'flights',
        name: 'Flights',
        description: '',
        url: '/products/flights/',
        docs: [],
        versions: [{ name: 'v1', url: '/products/flights/v1/', reference_url: '/products/flights/v1/reference/', spec_url: '/products/flights/v1/openapi.json', operations: 1, environments: [] }],
      },
    ],
  };
  const gateway = {
    product: 'flights',
    version: 'v1',
    environments: [
      {
        name: 'production',
        enabled: true,
        operations: [{ method: 'get', path: '/flights', served_by: [{ route: 'r1', urls: ['https://api.example.com/flights'], auth: { required: true, any_of: [['key-auth']] }, rate_limits: [{ limit: 60, window: 'minute' }], gateway_errors: [401, 429] }] }],
        unrouted_operations: [],
      },
    ],
  };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-mcp-unit-'));
    const write = async (file: string, body: string) => {
      await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await fs.writeFile(path.join(root, file), body);
    };
    await write('portal.json', JSON.stringify(manifest));
    await write('products/flights/v1/openapi.json', JSON.stringify(spec));
    await write('products/flights/v1/reference/get-flights/index.md', '# getFlights\n\n`GET /flights`\n');
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('returns the twin alone while there is no gateway.json', async () => {
    expect(await new PortalTools(root).getOperation('flights', 'v1', 'getFlights')).toBe('# getFlights\n\n`GET /flights`\n');
  });

  it('adds the per-route facts from gateway.json', async () => {
    await fs.writeFile(path.join(root, 'products/flights/v1/gateway.json'), JSON.stringify(gateway));
    const text = await new PortalTools(root).getOperation('flights', 'v1', 'GET /flights');
    expect(text).toMatch(/^# getFlights/);
    expect(text).toContain('- URL: `https://api.example.com/flights`');
    expect(text).toContain('- Authentication: `key-auth`');
    expect(text).toContain('- Rate limits: 60 requests per minute');
  });

  it('does not repeat facts the twin already has', async () => {
    await fs.writeFile(path.join(root, 'products/flights/v1/reference/get-flights/index.md'), '# getFlights\n\n## Through the gateway (Kong)\n\nfrom the build\n');
    const text = await new PortalTools(root).getOperation('flights', 'v1', 'getFlights');
    expect(text).toBe('# getFlights\n\n## Through the gateway (Kong)\n\nfrom the build\n');
  });

  it('says when the version has no spec', async () => {
    const noSpec = { ...manifest, products: [{ ...manifest.products[0], versions: [{ ...manifest.products[0]!.versions[0], spec_url: null }] }] };
    await fs.writeFile(path.join(root, 'portal.json'), JSON.stringify(noSpec));
    await expect(new PortalTools(root).getOperation('flights', 'v1', 'getFlights')).rejects.toThrow('has no API spec');
  });
});

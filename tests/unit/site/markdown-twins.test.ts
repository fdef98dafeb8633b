/** Gateway facts in operation twins (DESIGN §4a shape) and the size cap of llms-full.txt. */
import { describe, expect, it } from 'vitest';
import { environmentsMarkdown, gatewayDocumentMarkdown, readGatewayDocument, GATEWAY_SECTION_HEADING } from '../../../src/lib/site/gateway-facts.ts';
import { gatewayOperationMarkdown } from '../../../src/lib/site/gateway-operation-markdown.ts';
import { LLMS_FULL_MAX_BYTES, LlmsFullText } from '../../../src/lib/site/markdown-twins.ts';

/** The example of DESIGN §4a, with a second environment that is disabled. */
const GATEWAY_JSON = {
  product: 'flights',
  version: 'v1',
  environments: [
    {
      name: 'production',
      control_plane: 'production',
      service: 'flights-service',
      enabled: true,
      routes: [{ name: 'flights-service_get-flights', protocols: ['http', 'https'], hosts: [], paths: ['~/flights$'], methods: ['GET'], headers: {}, expression: null, strip_path: false }],
      operations: [
        {
          method: 'get',
          path: '/flights',
          served_by: [
            {
              route: 'flights-service_get-flights',
              urls: ['https://api.kong-air.com/flights'],
              auth: { required: true, any_of: [['key-auth'], ['jwt', 'acl']] },
              rate_limits: [{ limit: 60, window: 'minute' }],
              gateway_errors: [401, 429],
            },
          ],
        },
      ],
      unrouted_operations: [{ method: 'get', path: '/health' }],
      undocumented_routes: ['flights-service_admin'],
    },
    { name: 'staging', control_plane: 'staging', service: 'flights-service', enabled: false, operations: [], unrouted_operations: [], routes: [], undocumented_routes: [] },
  ],
};

describe('gateway facts of one operation', () => {
  const doc = readGatewayDocument(GATEWAY_JSON)!;

  it('reads the contract shape, and refuses what is not', () => {
    expect(doc.environments.map((e) => e.name)).toEqual(['production', 'staging']);
    expect(readGatewayDocument({ environments: 'nope' })).toBeUndefined();
    expect(readGatewayDocument(null)).toBeUndefined();
  });

  it('states, per environment, the URL, auth alternatives, rate limits and gateway errors', () => {
    const production = {
      name: 'production',
      label: 'Production',
      control_plane: 'production',
      service: 'flights-service',
      resolved: true,
      base_urls: [],
      routes: [],
      auth: [{ type: 'key-auth' as const, key_names: ['apikey'], key_in_header: true, key_in_query: false, key_in_body: false }],
      rate_limits: [],
    };
    const text = gatewayDocumentMarkdown(doc, 'GET', '/flights', [production]);
    expect(text).toContain('  - `key-auth` (API key): Send your API key as a request header named `apikey`.');
    expect(text.startsWith(GATEWAY_SECTION_HEADING)).toBe(true);
    expect(text).toContain('### Production');
    expect(text).toContain('Route `flights-service_get-flights`:');
    expect(text).toContain('- URL: `https://api.kong-air.com/flights`');
    expect(text).toContain('- Authentication: `key-auth`, or `jwt` and `acl`');
    expect(text).toContain('- Rate limits: 60 requests per minute');
    expect(text).toContain('- Errors the gateway may answer with: 401, 429');
    expect(text).toMatch(/### staging\n\nThe service is disabled in this environment/);
  });

  it('says when no route serves the operation', () => {
    expect(gatewayDocumentMarkdown(doc, 'get', '/health')).toContain('No route serves this operation here: Kong answers `404 Not Found`.');
  });

  it('falls back to the service-level facts of each environment', () => {
    const text = environmentsMarkdown([
      {
        name: 'production',
        label: 'Production',
        control_plane: 'production',
        service: 'svc',
        resolved: true,
        base_urls: ['https://api.example.com'],
        routes: [],
        auth: [{ type: 'key-auth', key_names: ['apikey'], key_in_header: true, key_in_query: false, key_in_body: false }],
        rate_limits: [{ limit: 5, window: 'second' }],
        request_size_limit_bytes: 1024 * 1024,
      },
    ]);
    expect(text).toContain('- Base URL: `https://api.example.com`');
    expect(text).toContain('API key: Send your API key as a request header named `apikey`.');
    expect(text).toContain('- Rate limits: 5 requests per second');
    expect(text).toContain('- Request size limit: 1 MB');
  });
});

describe('llms-full.txt', () => {
  const twin = (i: number) => ({ url: `/products/p/docs/page-${i}/`, kind: 'doc' as const });
  const page = (i: number, size: number) => () => `# Page ${i}\n\n${'x'.repeat(size)}\n`;

  it('holds every page under its URL when they fit', () => {
    const full = new LlmsFullText({ site: 'https://dev.example.com', base: '/' });
    for (let i = 0; i < 3; i++) full.add(twin(i), page(i, 100));
    full.add({ url: '/products/p/v1/reference/schemas/pet/', kind: 'schema' }, () => '# Schema Pet\n');
    const text = full.toString();
    expect(text).toContain('<!-- https://dev.example.com/products/p/docs/page-2/ -->\n\n# Page 2');
    expect(text).not.toContain('Schema Pet');
    expect(text).not.toContain('cut here');
  });

  it('stops at whole pages below the cap and says how many were left out', () => {
    const full = new LlmsFullText({ base: '/docs/' });
    const pageSize = 300_000;
    const pages = Math.ceil(LLMS_FULL_MAX_BYTES / pageSize) + 5;
    let asked = 0;
    for (let i = 0; i < pages; i++) {
      full.add(twin(i), () => {
        asked++;
        return page(i, pageSize)();
      });
    }
    const text = full.toString();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LLMS_FULL_MAX_BYTES);
    const kept = text.match(/^# Page \d+$/gm)!.length;
    // As many whole pages as fit, and not one more.
    expect(kept).toBeGreaterThan(0);
    expect((kept + 1) * pageSize).toBeGreaterThan(LLMS_FULL_MAX_BYTES - 1024);
    expect(text).toContain(`${pages - kept} more pages did not fit`);
    expect(text).toContain('/docs/llms.txt lists every page');
    // Past the cap a page is counted, not computed (or read back from the last build).
    expect(asked).toBe(kept + 1);
  });
});

describe('per-route gateway facts from the site model', () => {
  const route = {
    route: 'r-orders',
    urls: [],
    auth: { required: false, any_of: [] },
    rate_limits: [],
    gateway_errors: [],
    protocols: ['https'],
    requires: { hosts: ['*.example.com'], headers: { 'x-tenant': ['a', 'b'] }, snis: [], sources: [], destinations: [] },
    optional_auth: ['key-auth'],
    auth_methods: [{ type: 'key-auth' as const, key_names: ['apikey'], key_in_header: true, key_in_query: false, key_in_body: false }],
    errors: [],
    some_consumers_differ: true,
  };
  const env = (name: string, enabled: boolean, servedBy: (typeof route)[]) => ({
    name,
    control_plane: `${name}-cp`,
    service: 'orders',
    resolved: true,
    base_urls: [],
    routes: [],
    auth: [],
    rate_limits: [],
    gateway: {
      name,
      control_plane: `${name}-cp`,
      service: 'orders',
      enabled,
      routes: [],
      operations: [{ method: 'get', path: '/orders', served_by: servedBy }],
      unrouted_operations: [],
      undocumented_routes: [],
      other_protocol_routes: [],
    },
  });

  it('says what a request must carry, optional auth, and routes with no URL', () => {
    const text = gatewayOperationMarkdown({ method: 'GET', path: '/orders' }, [env('production', true, [route])], [], true);
    expect(text).toContain('- URL: the route names no host');
    expect(text).toContain('  - Host: `*.example.com`');
    expect(text).toContain('  - Header `x-tenant`: `a`, `b`');
    expect(text).toContain('- Authentication: optional; callers without credentials pass as an anonymous consumer. With credentials: `key-auth` (API key:');
    expect(text).toContain('Some consumers have other limits');
    expect(gatewayOperationMarkdown({ method: 'GET', path: '/orders' }, [env('production', true, [route])], [], false)).not.toContain('Some consumers');
  });

  it('says when the operation is not served, or the service is disabled', () => {
    const text = gatewayOperationMarkdown({ method: 'get', path: '/orders' }, [env('staging', true, []), env('old', false, [])], []);
    expect(text).toContain('Not served in staging: no route of the service matches this operation, so the gateway answers 404.');
    expect(text).toContain('Disabled in old-cp: the gateway serves no route of this service.');
    expect(gatewayOperationMarkdown({ method: 'get', path: '/other' }, [env('staging', true, [])], [])).toBe('');
  });
});

/**
 * Per-operation gateway facts (DESIGN §4a) on real decK files (tests/fixtures/gateway/README.md
 * and tests/fixtures/shared/README.md). Each expectation is a reading of the file by Kong's
 * documented rules, written before looking at Atrium's output.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDeck } from '../../../src/lib/gateway/deck.ts';
import { operationFacts, type SpecOperationRef } from '../../../src/lib/gateway/operation-facts.ts';
import { FIXTURES, loadDeck } from './helpers.ts';

const GATEWAY = fileURLToPath(new URL('../../fixtures/gateway/', import.meta.url));
const SHARED = fileURLToPath(new URL('../../fixtures/shared/', import.meta.url));
const gatewayFixture = (name: string) => readDeck(parse(readFileSync(GATEWAY + name, 'utf8')));
const ENV = { name: 'production', control_plane: 'prod' };

function specOperations(file: string): SpecOperationRef[] {
  const spec = parse(readFileSync(SHARED + file, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(key))
      .map((method) => ({ method, path })),
  );
}

const served = (facts: ReturnType<typeof operationFacts>) =>
  Object.fromEntries(facts.operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op.served_by.map((s) => s.route)]));

describe('KongAir (openapi2kong output: one regex route per operation, strip_path false)', () => {
  const deck = readDeck(loadDeck(FIXTURES.kongair));
  const base = { ...ENV, base_url: 'https://api.kong-air.com' };

  it('flights: each operation is served by its own route, at the https base URL only', () => {
    const facts = operationFacts(deck, 'flights-service', base, specOperations('kongair/flights.openapi.yaml'));
    expect(served(facts)).toEqual({
      'GET /health': ['flights-service_health_get'],
      'GET /flights': ['flights-service_get-flights'],
      'GET /flights/{flightNumber}': ['flights-service_get-flight-by-number'],
      'GET /flights/{flightNumber}/details': ['flights-service_get-flight-details'],
    });
    const flights = facts.operations.find((op) => op.path === '/flights')!.served_by[0]!;
    expect(flights).toMatchObject({
      urls: ['https://api.kong-air.com/flights'],
      auth: { required: false, any_of: [] },
      rate_limits: [],
      gateway_errors: [],
    });
    expect(facts.unrouted_operations).toEqual([]);
    expect(facts.undocumented_routes).toEqual([]);
    expect(facts.routes.find((r) => r.name === 'flights-service_get-flights')).toEqual({
      name: 'flights-service_get-flights',
      protocols: ['https'],
      hosts: [],
      paths: ['~/flights$'],
      methods: ['GET'],
      headers: {},
      expression: null,
      strip_path: false,
    });
  });

  it('bookings: GET and POST /bookings go to different routes; jwt (service-level) is required on each', () => {
    const facts = operationFacts(deck, 'bookings-service', base, specOperations('kongair/bookings.openapi.yaml'));
    expect(served(facts)).toMatchObject({
      'GET /bookings': ['bookings-service_get-bookings'],
      'POST /bookings': ['bookings-service_post-booking'],
    });
    for (const op of facts.operations) {
      for (const route of op.served_by) {
        expect(route.auth, `${op.method} ${op.path}`).toEqual({ required: true, any_of: [['jwt']] });
        expect(route.gateway_errors).toEqual([401]);
      }
    }
  });

  it('without a base URL and without route hosts, no URL is invented', () => {
    const facts = operationFacts(deck, 'flights-service', ENV, [{ method: 'get', path: '/flights' }]);
    expect(facts.operations[0]!.served_by[0]!.urls).toEqual([]);
  });

  it('an operation no route serves is unrouted; a route no operation uses is undocumented', () => {
    const facts = operationFacts(deck, 'routes-service', base, [
      { method: 'get', path: '/routes' },
      { method: 'delete', path: '/routes/{id}' },
    ]);
    expect(facts.unrouted_operations).toEqual([{ method: 'delete', path: '/routes/{id}' }]);
    expect(facts.undocumented_routes).toEqual(['routes-service_get-route', 'routes-service_health_get']);
  });
});

describe('Kong/deck convert/testdata/6: _info.defaults', () => {
  it('routes without protocols take the default https and are never listed on http', () => {
    const facts = operationFacts(gatewayFixture('deck-convert-6-info-defaults.yaml'), 'svc1', { ...ENV, base_url: 'http://gw.example.com' }, [
      { method: 'get', path: '/r1' },
    ]);
    const [route] = facts.operations[0]!.served_by;
    expect(route?.route).toBe('r1');
    expect(route?.urls).toEqual(['https://gw.example.com/r1']);
    expect(facts.routes[0]!.protocols).toEqual(['https']);
  });

  it('with strip_path (default true), the spec path behind a route prefix is called with the prefix', () => {
    const facts = operationFacts(gatewayFixture('deck-convert-6-info-defaults.yaml'), 'svc3', { ...ENV, base_url: 'https://gw.example.com' }, [
      { method: 'get', path: '/status' },
      { method: 'post', path: '/status' },
    ]);
    expect(facts.operations[0]!.served_by.map((s) => s.urls)).toEqual([['https://gw.example.com/r3/status']]);
    expect(facts.unrouted_operations).toEqual([{ method: 'post', path: '/status' }]);
  });
});

describe('Kong/deck kong2tf/testdata/route-input.yaml: hosts, headers, snis, sources, strip_path false', () => {
  const deck = gatewayFixture('deck-kong2tf-route-input.yaml');

  it('lists what a request must carry and builds URLs from the route hosts', () => {
    const facts = operationFacts(deck, 'example-service', ENV, [{ method: 'get', path: '/v1/another-example' }]);
    const [first, second] = facts.operations[0]!.served_by;
    expect(first?.route).toBe('example-route');
    // protocols [http, https], but `snis` only match on TLS: https only.
    expect(first?.protocols).toEqual(['https']);
    expect(first?.urls).toEqual([
      'https://example.com/v1/another-example',
      'https://another-example.com/v1/another-example',
      'https://yet-another-example.com/v1/another-example',
    ]);
    expect(first?.requires).toEqual({
      hosts: ['example.com', 'another-example.com', 'yet-another-example.com'],
      headers: { 'x-another-header': ['first-header-value', 'second-header-value'], 'x-my-header': ['~*foos?bar$'] },
      snis: ['example.com'],
      sources: ['192.168.0.1'],
      destinations: ['10.10.10.10:8080'],
    });
    // The top-level route with only a host takes any path on its own host.
    expect(second?.route).toBe('top-level-with-service-route');
    expect(second?.urls).toEqual(['https://top-level-with-service.example.com/v1/another-example', 'http://top-level-with-service.example.com/v1/another-example']);
  });

  it('the regex path `~/v1/example/?$` serves /v1/example and /v1/example/ but not /v1/example/x', () => {
    const facts = operationFacts(deck, 'example-service', ENV, [
      { method: 'post', path: '/v1/example' },
      { method: 'post', path: '/v1/example/' },
      { method: 'post', path: '/v1/example/x' },
      { method: 'delete', path: '/v1/example' },
    ]);
    expect(served(facts)).toEqual({
      'POST /v1/example': ['example-route', 'top-level-with-service-route'],
      'POST /v1/example/': ['example-route', 'top-level-with-service-route'],
      'POST /v1/example/x': ['top-level-with-service-route'],
      'DELETE /v1/example': ['top-level-with-service-route'],
    });
  });
});

describe('expression routes (Kong/deck testdata)', () => {
  it('render/004: net.protocol == "http" && method GET && path == /foo', () => {
    const facts = operationFacts(gatewayFixture('deck-render-004-expression-routes.yaml'), 'foo', { ...ENV, base_url: 'https://gw.example.com' }, [
      { method: 'get', path: '/foo' },
      { method: 'post', path: '/foo' },
      { method: 'get', path: '/foo/bar' },
    ]);
    expect(served(facts)).toEqual({ 'GET /foo': ['foo'], 'POST /foo': [], 'GET /foo/bar': [] });
    expect(facts.operations[0]!.served_by[0]!.urls).toEqual(['http://gw.example.com/foo']);
    expect(facts.routes[0]!.expression).toContain('http.path ==');
  });

  it('dump/009 3.4: a condition on net.src.ip is what the request must meet, not a reason to drop the route', () => {
    const facts = operationFacts(gatewayFixture('deck-skip-defaults-3.4-expression-routes.yaml'), 'service-1', ENV, [
      { method: 'get', path: '/anything' },
      { method: 'post', path: '/anything' },
    ]);
    expect(served(facts)).toEqual({ 'GET /anything': ['r2'], 'POST /anything': [] });
    expect(facts.operations[0]!.served_by[0]!.requires.condition).toBe('net.src.ip == 192.168.1.0');
    expect(facts.operations[0]!.served_by[0]!.protocols).toEqual(['http']);
  });
});

describe('Kong/deck file-convert 2.8 routes (format 1.1)', () => {
  it('reads `/status/\\d+` as a regex and serves numeric status paths', () => {
    const facts = operationFacts(gatewayFixture('deck-file-convert-28x-routes.yaml'), 'svc1', ENV, [
      { method: 'get', path: '/status/{code}' },
      { method: 'get', path: '/code/{code}' },
      { method: 'get', path: '/other' },
    ]);
    expect(facts.routes[0]!.paths).toEqual(['~/status/\\d+', '~/code/\\d+']);
    expect(served(facts)).toEqual({ 'GET /status/{code}': ['r1'], 'GET /code/{code}': ['r1'], 'GET /other': [] });
  });
});

describe('Kong/deck file_ai2kong/05: key-auth and openid-connect, both with anonymous', () => {
  it('either credential suffices, because the anonymous consumer is terminated with 401', () => {
    const facts = operationFacts(gatewayFixture('deck-ai2kong-05-identity-providers.yaml'), 'ai-gateway', { ...ENV, base_url: 'https://ai.example.com' }, [
      { method: 'post', path: '/ai/chat/completions' },
    ]);
    const [route] = facts.operations[0]!.served_by;
    expect(route).toMatchObject({
      route: 'openai-chat',
      // base_url is https and the route speaks https: that address only.
      urls: ['https://ai.example.com/ai/chat/completions'],
      auth: { required: true, any_of: [['key-auth'], ['openid-connect']] },
      gateway_errors: [401],
    });
    expect(JSON.stringify(facts)).not.toContain('anonymous');
  });

  it('without that gate, anonymous makes authentication optional', () => {
    const doc = parse(readFileSync(GATEWAY + 'deck-ai2kong-05-identity-providers.yaml', 'utf8')) as Record<string, unknown>;
    const facts = operationFacts(readDeck({ ...doc, consumers: [] }), 'ai-gateway', ENV, [{ method: 'post', path: '/ai/chat/completions' }]);
    expect(facts.operations[0]!.served_by[0]!.auth).toEqual({ required: false, any_of: [] });
    expect(facts.operations[0]!.served_by[0]!.optional_auth).toEqual(['key-auth', 'openid-connect']);
  });
});

describe('Kong/go-database-reconciler sync/029: a consumer-group rate limit on a route', () => {
  it('is not a limit every caller meets; the route is flagged for the internal audience', () => {
    const facts = operationFacts(gatewayFixture('gdr-029-plugin-scoped-to-cg-route.yaml'), 's1', ENV, [{ method: 'get', path: '/anything' }]);
    const [route] = facts.operations[0]!.served_by;
    expect(route).toMatchObject({ route: 'r1', urls: [], rate_limits: [], gateway_errors: [], some_consumers_differ: true });
    expect(route?.requires.hosts).toEqual(['10.*']);
  });
});

describe('plugin precedence and gateway errors', () => {
  const doc = (plugins: unknown[], routePlugins: unknown[] = []) =>
    readDeck({
      _format_version: '3.0',
      plugins: [{ name: 'rate-limiting', config: { minute: 1000 } }],
      services: [
        {
          name: 's',
          host: 'h',
          plugins,
          routes: [
            // strip_path false: otherwise each prefix route also serves the other's paths behind its prefix.
            { name: 'limited', paths: ['/a'], plugins: routePlugins, strip_path: false },
            { name: 'open', paths: ['/b'], strip_path: false },
          ],
        },
      ],
    });

  it('route beats service beats global, one instance per plugin name; disabled plugins are ignored', () => {
    const deck = doc([{ name: 'rate-limiting', config: { minute: 100 } }], [
      { name: 'rate-limiting', config: { minute: 5 } },
      { name: 'key-auth', enabled: false },
    ]);
    const facts = operationFacts(deck, 's', ENV, [
      { method: 'get', path: '/a' },
      { method: 'get', path: '/b' },
    ]);
    expect(facts.operations.map((op) => op.served_by.map((s) => [s.route, s.rate_limits, s.auth.required]))).toEqual([
      [['limited', [{ limit: 5, window: 'minute' }], false]],
      [['open', [{ limit: 100, window: 'minute' }], false]],
    ]);
  });

  it('several auth plugins without anonymous are all required; acl joins every alternative', () => {
    const deck = doc([{ name: 'key-auth' }, { name: 'basic-auth' }, { name: 'acl', config: { allow: ['gold'] } }]);
    const [route] = operationFacts(deck, 's', ENV, [{ method: 'get', path: '/b' }]).operations[0]!.served_by;
    expect(route?.auth).toEqual({ required: true, any_of: [['acl', 'basic-auth', 'key-auth']] });
    expect(route?.gateway_errors).toEqual([401, 403, 429]);
    expect(JSON.stringify(route)).not.toContain('gold');
  });

  it('request-termination, request-size-limiting and ip-restriction answer with their status', () => {
    const deck = doc([], [
      { name: 'request-termination', config: { status_code: 410 } },
      { name: 'request-size-limiting', config: { allowed_payload_size: 1 } },
      { name: 'ip-restriction', config: { allow: ['10.0.0.0/8'] } },
    ]);
    const [route] = operationFacts(deck, 's', ENV, [{ method: 'get', path: '/a' }]).operations[0]!.served_by;
    expect(route?.gateway_errors).toEqual([403, 410, 413, 429]);
    expect(JSON.stringify(route)).not.toContain('10.0.0.0');
  });

  it('a disabled service serves nothing', () => {
    const deck = readDeck({ _format_version: '3.0', services: [{ name: 's', host: 'h', enabled: false, routes: [{ name: 'r', paths: ['/'] }] }] });
    const facts = operationFacts(deck, 's', ENV, [{ method: 'get', path: '/x' }]);
    expect(facts.enabled).toBe(false);
    expect(facts.unrouted_operations).toEqual([{ method: 'get', path: '/x' }]);
  });
});

describe('openid-connect auth_methods (issue 14 item 7)', () => {
  it('a session/authorization_code-only gateway is never described as "send Bearer"', async () => {
    const { describeAuth } = await import('../../../src/lib/site/auth-notes.ts');
    const note = describeAuth({ type: 'openid-connect', issuer: 'https://idp.example.com', scopes: ['openid'], auth_methods: ['authorization_code', 'session'] });
    expect(note.howTo).not.toContain('Bearer');
    expect(note.howTo).toContain('sign in in a browser');
    const bearer = describeAuth({ type: 'openid-connect', scopes: ['openid'], auth_methods: ['bearer'] });
    expect(bearer.howTo).toContain('Authorization: Bearer');
  });
});

describe('Kong Ingress Controller output: the same HTTPRoute for both routers', () => {
  const base = { ...ENV, base_url: 'https://gw.example.com' };
  const ops = [
    { method: 'get', path: '/echo' },
    { method: 'get', path: '/echo/{id}' },
    { method: 'get', path: '/content' },
    { method: 'post', path: '/other' },
  ];
  const urls = (file: string) => {
    const facts = operationFacts(gatewayFixture(file), 'httproute.default.httproute-testing.1', base, ops);
    return Object.fromEntries(facts.operations.map((op) => [`${op.method} ${op.path}`, op.served_by.flatMap((s) => s.urls).sort()]));
  };

  it('traditional: ~/echo$ serves /echo exactly, the /echo/ prefix the rest; strip_path puts upstream paths behind a prefix', () => {
    // The routes speak http and https; the environment's base URL is https, so that is the URL.
    expect(urls('kic-httproute-example-traditional.yaml')).toEqual({
      'get /echo': ['https://gw.example.com/echo'],
      'get /echo/{id}': ['https://gw.example.com/echo/{id}'],
      'get /content': ['https://gw.example.com/content'],
      'post /other': ['https://gw.example.com/content/other', 'https://gw.example.com/echo/other'],
    });
  });

  it('expressions: one route per rule, so each also serves the other rule\'s paths behind its own prefix (strip_path)', () => {
    const expressions = urls('kic-httproute-example-expressions.yaml');
    expect(expressions['post /other']).toEqual(urls('kic-httproute-example-traditional.yaml')['post /other']);
    // /content/echo matches the content route; Kong strips /content/ and the upstream gets /echo.
    expect(expressions['get /echo']).toEqual(['https://gw.example.com/content/echo', 'https://gw.example.com/echo']);
    const facts = operationFacts(gatewayFixture('kic-httproute-example-expressions.yaml'), 'httproute.default.httproute-testing.1', base, ops);
    // Two expression routes serve /other behind their prefixes; the higher `priority` is tried first.
    expect(facts.operations[3]!.served_by.map((s) => s.route)).toEqual(['httproute.default.httproute-testing._.2.0', 'httproute.default.httproute-testing._.1.0']);
  });
});

describe('Kong Ingress Controller gRPC routes', () => {
  it('serve no HTTP operation and are listed with their protocols and host', () => {
    const facts = operationFacts(gatewayFixture('kic-grpcroute-example.yaml'), 'grpcroute.default.grpcbin.2', { ...ENV, base_url: 'https://gw.example.com' }, [
      { method: 'post', path: '/grpcbin.GRPCBin/Get' },
    ]);
    expect(facts.unrouted_operations).toEqual([{ method: 'post', path: '/grpcbin.GRPCBin/Get' }]);
    expect(facts.other_protocol_routes).toEqual([{ name: 'grpcroute.default.grpcbin.2.0', protocols: ['grpc', 'grpcs'], hosts: ['example.com'] }]);
    expect(facts.routes[0]).toMatchObject({ protocols: ['grpc', 'grpcs'], hosts: ['example.com'], paths: ['~/grpcbin.GRPCBin/Get'] });
  });
});

describe('Kong Ingress Controller ingress with TLS: `~/$` on example.com', () => {
  it('serves the root only, at the route host on both protocols', () => {
    const facts = operationFacts(gatewayFixture('kic-ingress-rule-with-tls-and-consumer.yaml'), 'bar-namespace.foo-svc.80', ENV, [
      { method: 'get', path: '/' },
      { method: 'get', path: '/items' },
    ]);
    expect(facts.operations[0]!.served_by.map((s) => s.urls)).toEqual([['https://example.com/', 'http://example.com/']]);
    expect(facts.unrouted_operations).toEqual([{ method: 'get', path: '/items' }]);
  });
});

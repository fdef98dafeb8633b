/**
 * Resolution on the real decK files, read unchanged (tests/fixtures/shared/README.md).
 */
import { describe, expect, it } from 'vitest';
import { resolveGatewayService } from '../../../src/lib/gateway/resolve.ts';
import type { AuthRequirement } from '../../../src/lib/gateway/types.ts';
import { FIXTURES, loadDeck, PRODUCTION } from './helpers.ts';

const KONG_JWT_DEFAULTS: AuthRequirement = { type: 'jwt', header_names: ['authorization'], uri_param_names: ['jwt'], cookie_names: [] };
const KONG_KEY_AUTH_DEFAULTS: AuthRequirement = {
  type: 'key-auth',
  key_names: ['apikey'],
  key_in_header: true,
  key_in_query: true,
  key_in_body: false,
};

describe('KongAir (Kong/KongAir platform/kong/.generated/kong.yaml)', () => {
  const doc = loadDeck(FIXTURES.kongair);

  it('shows regex routes as patterns and derives no base URL from routes without hosts', () => {
    const flights = resolveGatewayService(doc, 'flights-service', PRODUCTION);
    expect(flights.resolved).toBe(true);
    expect(flights.base_urls).toEqual([]);
    expect(flights.routes.map((route) => [route.name, route.methods, route.paths, route.path_patterns, route.protocols])).toEqual([
      ['flights-service_get-flight-by-number', ['GET'], [], ['~/flights/(?<flightnumber>[^#?/]+)$'], ['https']],
      ['flights-service_get-flight-details', ['GET'], [], ['~/flights/(?<flightnumber>[^#?/]+)/details$'], ['https']],
      ['flights-service_get-flights', ['GET'], [], ['~/flights$'], ['https']],
      ['flights-service_health_get', ['GET'], [], ['~/health$'], ['https']],
    ]);
    expect(flights.auth).toEqual([]);
  });

  it("uses the environment's base_url for those routes", () => {
    const flights = resolveGatewayService(doc, 'flights-service', { ...PRODUCTION, base_url: 'https://api.kong-air.com' });
    expect(flights.base_urls).toEqual(['https://api.kong-air.com']);
  });

  it('finds jwt through the shared `_plugin_configs` entry, with Kong’s defaults for where the token goes', () => {
    for (const service of ['bookings-service', 'customer-information-service', 'experience-service']) {
      const env = resolveGatewayService(doc, service, PRODUCTION);
      expect(env.auth, service).toEqual([KONG_JWT_DEFAULTS]);
      for (const route of env.routes) expect(route.auth, `${service} ${route.name}`).toEqual([KONG_JWT_DEFAULTS]);
    }
    const bookings = resolveGatewayService(doc, 'bookings-service', PRODUCTION);
    expect(bookings.routes.map((route) => [route.methods, route.path_patterns])).toEqual([
      [['GET'], ['~/bookings$']],
      [['GET'], ['~/health$']],
      [['POST'], ['~/bookings$']],
    ]);
  });

  it('does not count graphql-rate-limiting-advanced (a query-cost budget) as a request rate limit', () => {
    // experience-service has `graphql-rate-limiting-advanced` limit 500 / window 120: cost units,
    // not requests. KongAir has no request rate limit on any service.
    for (const service of ['flights-service', 'routes-service', 'bookings-service', 'customer-information-service', 'experience-service', 'acme-dummy-service']) {
      expect(resolveGatewayService(doc, service, PRODUCTION).rate_limits, service).toEqual([]);
    }
  });

  it('gives the ACME route a base URL from its host, and nothing of the global acme plugin', () => {
    const acme = resolveGatewayService(doc, 'acme-dummy-service', PRODUCTION);
    expect(acme.base_urls).toEqual(['http://api.kong-air.com/.well-known/acme-challenge']);
    expect(acme.auth).toEqual([]);
    expect(JSON.stringify(acme)).not.toContain('vault');
  });

  it('resolves by id and reports unknown services', () => {
    expect(resolveGatewayService(doc, '22e1521b-9b91-5d2f-917b-4463066f1aed', PRODUCTION).service).toBe('bookings-service');
    expect(resolveGatewayService(doc, 'booking-service', PRODUCTION).resolved).toBe(false);
  });
});

describe('kong2kic input (Kong/deck kong2kic/testdata/input.yaml): every plugin kind', () => {
  const env = resolveGatewayService(loadDeck(FIXTURES.kong2kic), 'example-service', { ...PRODUCTION, label: 'Production' });

  it('derives base URLs from hosts × protocols × plain paths, the regex path as a pattern', () => {
    const hosts = ['another-example.com', 'example.com', 'yet-another-example.com'];
    const paths = ['/v1/another-example', '/v1/yet-another-example'];
    const urls = (protocol: string) => hosts.flatMap((host) => paths.map((path) => `${protocol}://${host}${path}`));
    expect(env.base_urls).toEqual([...urls('https'), ...urls('http')]);
    expect(env.routes).toHaveLength(1);
    expect(env.routes[0]).toMatchObject({
      methods: ['GET', 'POST'],
      paths,
      path_patterns: ['~/v1/example/?$'],
      hosts,
      protocols: ['http', 'https'],
    });
  });

  it('finds each auth plugin with its allow-listed fields', () => {
    expect(env.auth).toEqual([
      { type: 'acl' },
      { type: 'basic-auth' },
      { type: 'jwt', header_names: ['Authorization'], uri_param_names: ['token'], cookie_names: [] },
      KONG_KEY_AUTH_DEFAULTS,
      { type: 'mtls-auth' },
    ]);
  });

  it('finds the rate-limiting-advanced window (the route instance over the service one) and CORS', () => {
    expect(env.rate_limits).toEqual([{ limit: 5, window: '30 seconds' }]);
    expect(env.cors).toEqual({ origins: ['example.com'], methods: ['GET', 'POST'], credentials: true });
    expect(env).not.toHaveProperty('request_size_limit_bytes');
  });

  it('keeps the environment label and the service name', () => {
    expect(env).toMatchObject({ name: 'production', label: 'Production', control_plane: 'prod', service: 'example-service', resolved: true });
  });
});

describe('convert-11 input (Kong/deck convert/testdata/11/input.yaml): auth at every level', () => {
  const doc = loadDeck(FIXTURES.convert11);
  const GLOBAL_AUTH: AuthRequirement[] = [
    { type: 'basic-auth' },
    { type: 'hmac-auth' },
    KONG_KEY_AUTH_DEFAULTS,
    { type: 'oauth2', flows: [], scopes: [] },
    {
      type: 'openid-connect',
      issuer: 'https://auth.example.com',
      scopes: ['openid'],
      auth_methods: ['authorization_code', 'bearer', 'client_credentials', 'introspection', 'kong_oauth2', 'password', 'refresh_token', 'session', 'userinfo'],
    },
  ];

  it('applies global auth plugins to every service, the service key-auth on s1', () => {
    for (const service of ['s1', 's2-https-no-tls-verify', 's3-http', 's4-tls', 's5-grpcs', 's6-wss', 's7-https-tls-verify-set']) {
      expect(resolveGatewayService(doc, service, PRODUCTION).auth, service).toEqual(GLOBAL_AUTH);
    }
    const s1 = resolveGatewayService(doc, 's1', PRODUCTION);
    expect(s1.routes.map((route) => [route.name, route.paths, route.protocols])).toEqual([
      ['r1-no-protocols', ['/test1'], ['http', 'https']],
      ['r1-with-protocols', ['/test2'], ['https']],
    ]);
    expect(s1.base_urls).toEqual([]);
  });

  it('leaves out ldap-auth, vault-auth, oauth2-introspection and other plugins not on the allow-list', () => {
    const text = JSON.stringify(resolveGatewayService(doc, 's1', PRODUCTION));
    for (const word of ['ldap', 'vault', 'oauth2-introspection', 'auth.example.com/introspect', 'lambda', 'log.example.com', 'acme']) expect(text).not.toContain(word);
  });

  it('does not count the route-level basic-auth of a route without a service', () => {
    // r3-no-protocols (top level, no `service`) carries basic-auth; it belongs to no service.
    const withoutGlobals = { ...doc, plugins: [] };
    for (const service of ['s1', 's2-https-no-tls-verify', 's3-http']) {
      const env = resolveGatewayService(withoutGlobals, service, PRODUCTION);
      expect(env.auth.map((auth) => auth.type), service).not.toContain('basic-auth');
    }
  });

  it("does not count consumer c1's key-auth and basic-auth for any service", () => {
    // Without the global plugins, only the service-level key-auth on s1 is left: c1's own
    // key-auth and basic-auth apply to c1's requests only.
    const withoutGlobals = { ...doc, plugins: [] };
    expect(resolveGatewayService(withoutGlobals, 's1', PRODUCTION).auth).toEqual([KONG_KEY_AUTH_DEFAULTS]);
    for (const service of ['s2-https-no-tls-verify', 's3-http', 's7-https-tls-verify-set']) {
      expect(resolveGatewayService(withoutGlobals, service, PRODUCTION).auth, service).toEqual([]);
    }
  });
});

/**
 * Resolving a service in one environment, on small decks written for each rule.
 */
import { describe, expect, it } from 'vitest';
import { resolveGatewayService } from '../../../src/lib/gateway/resolve.ts';
import { PRODUCTION } from './helpers.ts';

const deck = (rest: Record<string, unknown>) => ({ _format_version: '3.0', ...rest });

describe('finding the service', () => {
  it('is unresolved, with empty lists, when the service is not in the file', () => {
    expect(resolveGatewayService(deck({ services: [{ name: 'a' }] }), 'missing', { ...PRODUCTION, label: 'Prod', base_url: 'https://x.test' })).toEqual({
      name: 'production',
      label: 'Prod',
      control_plane: 'prod',
      service: 'missing',
      resolved: false,
      base_urls: [],
      routes: [],
      auth: [],
      rate_limits: [],
    });
  });

  it('names the service by its name even when linked by id, and falls back to the control plane name', () => {
    const env = resolveGatewayService(deck({ services: [{ name: 'orders', id: 'svc-1' }] }), 'svc-1', { name: '', control_plane: 'dev' });
    expect(env).toMatchObject({ name: 'dev', service: 'orders', resolved: true });
  });

  it('exposes nothing of a disabled service', () => {
    const doc = deck({ services: [{ name: 's', enabled: false, routes: [{ hosts: ['api.test'] }], plugins: [{ name: 'key-auth' }] }] });
    expect(resolveGatewayService(doc, 's', PRODUCTION)).toMatchObject({ resolved: true, disabled: true, base_urls: [], routes: [], auth: [] });
  });
});

describe('base URLs', () => {
  it('are route hosts × http(s) protocols × plain paths, https first, trailing slash dropped', () => {
    const doc = deck({
      services: [
        {
          name: 's',
          routes: [
            { name: 'web', hosts: ['api.test', 'api.test:8443'], protocols: ['https', 'http', 'grpcs'], paths: ['/v1/', '~/v1/items/\\d+$'] },
            { name: 'rpc', hosts: ['api.test'], protocols: ['grpc'], paths: ['/grpc.Service'] },
          ],
        },
      ],
    });
    const env = resolveGatewayService(doc, 's', PRODUCTION);
    expect(env.base_urls).toEqual(['https://api.test/v1', 'https://api.test:8443/v1', 'http://api.test/v1', 'http://api.test:8443/v1']);
    expect(env.routes.find((route) => route.name === 'web')).toMatchObject({ paths: ['/v1/'], path_patterns: ['~/v1/items/\\d+$'] });
  });

  it('come from no route without hosts: the decK file does not know the proxy host', () => {
    const doc = deck({ services: [{ name: 's', host: 'upstream.internal', routes: [{ paths: ['/orders'] }] }] });
    const env = resolveGatewayService(doc, 's', PRODUCTION);
    expect(env.base_urls).toEqual([]);
    expect(env.routes).toEqual([
      { methods: [], paths: ['/orders'], path_patterns: [], hosts: [], protocols: ['http', 'https'], auth: [], rate_limits: [] },
    ]);
  });

  it('are the host root when a route has only regex paths or none, never the regex', () => {
    const doc = deck({
      services: [{ name: 's', routes: [{ hosts: ['a.test'], paths: ['~/orders$'], protocols: ['https'] }, { hosts: ['b.test'], protocols: ['https'] }] }],
    });
    expect(resolveGatewayService(doc, 's', PRODUCTION).base_urls).toEqual(['https://a.test', 'https://b.test']);
  });

  it('skip wildcard hosts, which stay listed on the route', () => {
    const doc = deck({ services: [{ name: 's', routes: [{ hosts: ['*.api.test', 'api.*'], paths: ['/'] }] }] });
    const env = resolveGatewayService(doc, 's', PRODUCTION);
    expect(env.base_urls).toEqual([]);
    expect(env.routes[0].hosts).toEqual(['*.api.test', 'api.*']);
  });

  it("are the environment's base_url alone when it is set", () => {
    const doc = deck({ services: [{ name: 's', routes: [{ hosts: ['api.test'], paths: ['/v1'] }] }] });
    const env = resolveGatewayService(doc, 's', { ...PRODUCTION, base_url: 'https://gateway.example.org/orders' });
    expect(env.base_urls).toEqual(['https://gateway.example.org/orders']);
    expect(env.routes[0].paths).toEqual(['/v1']);
  });

  it('treat regex-looking paths as patterns in format 1.1, as plain prefixes in 3.0', () => {
    const services = [{ name: 's', routes: [{ hosts: ['api.test'], protocols: ['https'], paths: ['/users/\\d+', '/plain-path_1.0/~x'] }] }];
    const legacy = resolveGatewayService({ _format_version: '1.1', services }, 's', PRODUCTION);
    expect(legacy.routes[0]).toMatchObject({ paths: ['/plain-path_1.0/~x'], path_patterns: ['/users/\\d+'] });
    expect(legacy.base_urls).toEqual(['https://api.test/plain-path_1.0/~x']);
    const current = resolveGatewayService({ _format_version: '3.0', services }, 's', PRODUCTION);
    expect(current.routes[0]).toMatchObject({ paths: ['/plain-path_1.0/~x', '/users/\\d+'], path_patterns: [] });
  });
});

describe('routes', () => {
  it('include top-level routes referring to the service, sorted by name', () => {
    const doc = deck({
      services: [{ name: 's', id: 'svc-1', routes: [{ name: 'zeta', methods: ['post', 'GET'], paths: ['/z'] }] }],
      routes: [
        { name: 'alpha', service: { id: 'svc-1' }, paths: ['/a'] },
        { name: 'other', service: 'nobody-else', paths: ['/o'] },
      ],
    });
    const env = resolveGatewayService(doc, 's', PRODUCTION);
    expect(env.routes.map((route) => [route.name, route.methods, route.paths])).toEqual([
      ['alpha', [], ['/a']],
      ['zeta', ['GET', 'POST'], ['/z']],
    ]);
  });

  it('give the same output whatever the order of the file', () => {
    const routes = [
      { name: 'b', hosts: ['b.test'], paths: ['/b'] },
      { name: 'a', hosts: ['a.test'], paths: ['/a'] },
    ];
    const plugins = [{ name: 'rate-limiting', config: { minute: 5 } }, { name: 'key-auth' }];
    const one = resolveGatewayService(deck({ services: [{ name: 's', routes, plugins }] }), 's', PRODUCTION);
    const two = resolveGatewayService(deck({ services: [{ name: 's', routes: [...routes].reverse(), plugins: [...plugins].reverse() }] }), 's', PRODUCTION);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});

describe('which plugins apply', () => {
  const doc = deck({
    services: [
      {
        name: 's',
        plugins: [{ name: 'key-auth', config: { key_names: ['service-key'] } }],
        routes: [
          { name: 'plain', hosts: ['api.test'], paths: ['/plain'] },
          { name: 'special', hosts: ['api.test'], paths: ['/special'], plugins: [{ name: 'key-auth', config: { key_names: ['route-key'] } }] },
        ],
      },
      { name: 'other', plugins: [{ name: 'basic-auth' }] },
    ],
    plugins: [
      { name: 'key-auth', config: { key_names: ['global-key'] } },
      { name: 'rate-limiting', config: { minute: 100 } },
      { name: 'rate-limiting', service: 's', consumer: 'vip', config: { minute: 100000 } },
      { name: 'cors', enabled: false },
      { name: 'aws-lambda', config: { aws_secret: 'never' } },
    ],
  });
  const env = resolveGatewayService(doc, 's', PRODUCTION);
  const keyNames = (auth: unknown[] | undefined) => auth?.map((item) => (item as { key_names?: string[] }).key_names);

  it('are the most specific instance per plugin name on each route', () => {
    const byName = Object.fromEntries(env.routes.map((route) => [route.name, keyNames(route.auth)]));
    expect(byName).toEqual({ plain: [['service-key']], special: [['route-key']] });
  });

  it('merge into the environment summary', () => {
    expect(keyNames(env.auth)).toEqual([['route-key'], ['service-key']]);
    expect(env.rate_limits).toEqual([{ limit: 100, window: 'minute' }]);
  });

  it("leave out other services' plugins, consumer-scoped and disabled ones", () => {
    expect(env.auth.map((item) => item.type)).toEqual(['key-auth', 'key-auth']);
    expect(env).not.toHaveProperty('cors');
  });

  it('give a service without routes its own and the global plugins', () => {
    const other = resolveGatewayService(doc, 'other', PRODUCTION);
    expect(other.auth).toEqual([{ type: 'basic-auth' }, expect.objectContaining({ type: 'key-auth', key_names: ['global-key'] })]);
    expect(other.rate_limits).toEqual([{ limit: 100, window: 'minute' }]);
  });

  it('skip a plugin restricted to protocols the route does not speak', () => {
    const grpcOnly = deck({
      services: [{ name: 's', routes: [{ name: 'web', protocols: ['https'], paths: ['/'] }], plugins: [{ name: 'jwt', protocols: ['grpc', 'grpcs'] }] }],
    });
    expect(resolveGatewayService(grpcOnly, 's', PRODUCTION).auth).toEqual([]);
  });

  it('apply a top-level plugin scoped to route and service only on that pair', () => {
    const scoped = deck({
      services: [{ name: 's', routes: [{ name: 'r1', paths: ['/1'] }, { name: 'r2', paths: ['/2'] }] }],
      plugins: [{ name: 'hmac-auth', service: 's', route: 'r2' }],
    });
    const env = resolveGatewayService(scoped, 's', PRODUCTION);
    expect(env.routes.map((route) => [route.name, route.auth])).toEqual([
      ['r1', []],
      ['r2', [{ type: 'hmac-auth' }]],
    ]);
  });
});

describe('environment summary', () => {
  it('unions CORS and keeps the smallest request-size limit', () => {
    const doc = deck({
      services: [
        {
          name: 's',
          routes: [
            {
              name: 'a',
              paths: ['/a'],
              plugins: [
                { name: 'cors', config: { origins: ['https://a.test'], methods: ['GET'] } },
                { name: 'request-size-limiting', config: { allowed_payload_size: 1, size_unit: 'megabytes' } },
              ],
            },
            {
              name: 'b',
              paths: ['/b'],
              plugins: [
                { name: 'cors', config: { origins: ['https://b.test'], methods: ['POST'], credentials: true } },
                { name: 'request-size-limiting', config: { allowed_payload_size: 10, size_unit: 'kilobytes' } },
              ],
            },
          ],
        },
      ],
    });
    const env = resolveGatewayService(doc, 's', PRODUCTION);
    expect(env.cors).toEqual({ origins: ['https://a.test', 'https://b.test'], methods: ['GET', 'POST'], credentials: true });
    expect(env.request_size_limit_bytes).toBe(10240);
  });

  it('lists rate-limiting-advanced windows by name where they are one unit', () => {
    const doc = deck({
      services: [
        {
          name: 's',
          plugins: [{ name: 'rate-limiting-advanced', config: { limit: [10, 100, 5000, 9, 1e6], window_size: [1, 60, 86400, 30, 2592000] } }],
        },
      ],
    });
    expect(resolveGatewayService(doc, 's', PRODUCTION).rate_limits).toEqual([
      { limit: 10, window: 'second' },
      { limit: 9, window: '30 seconds' },
      { limit: 100, window: 'minute' },
      { limit: 5000, window: 'day' },
      { limit: 1e6, window: '2592000 seconds' },
    ]);
  });
});

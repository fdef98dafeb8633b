/**
 * Reading decK files: the different ways decK lets the same configuration be written all come
 * out as one shape.
 */
import { describe, expect, it } from 'vitest';
import { findService, listServices, mergePluginConfig, readDeck } from '../../../src/lib/gateway/deck.ts';
import { FIXTURES, loadDeck } from './helpers.ts';

describe('services', () => {
  it('lists ids and names in file order', () => {
    expect(listServices(loadDeck(FIXTURES.kongair))).toEqual([
      { id: '0cef4d36-9c39-5ac2-9d9f-190d8ea8a252', name: 'flights-service' },
      { id: '5bbc0ad8-3b7c-5dfe-a676-b28f30523a6f', name: 'routes-service' },
      { id: '22e1521b-9b91-5d2f-917b-4463066f1aed', name: 'bookings-service' },
      { id: '690e812e-2873-566a-b02f-d03e0bf8ff69', name: 'customer-information-service' },
      { id: 'f1c41796-5c88-419b-a391-baa0c2f62f0d', name: 'experience-service' },
      { name: 'acme-dummy-service' },
    ]);
  });

  it('finds a service by name or by id', () => {
    const doc = loadDeck(FIXTURES.kongair);
    expect(findService(doc, 'bookings-service')?.id).toBe('22e1521b-9b91-5d2f-917b-4463066f1aed');
    expect(findService(doc, '22e1521b-9b91-5d2f-917b-4463066f1aed')?.name).toBe('bookings-service');
    expect(findService(doc, 'no-such-service')).toBeUndefined();
    expect(findService(undefined, 'x')).toBeUndefined();
  });

  it('unwraps `url` as decK does, explicit fields winning', () => {
    const deck = readDeck({
      _format_version: '3.0',
      services: [
        { name: 'a', url: 'https://upstream.internal:8443/base' },
        { name: 'b', url: 'http://upstream.internal' },
        { name: 'c', url: 'http://upstream.internal/v1', protocol: 'https', port: 9443 },
        { name: 'd', host: 'upstream.internal' },
      ],
    });
    expect(deck.services.map(({ name, protocol, host, port, path }) => ({ name, protocol, host, port, path }))).toEqual([
      { name: 'a', protocol: 'https', host: 'upstream.internal', port: 8443, path: '/base' },
      { name: 'b', protocol: 'http', host: 'upstream.internal', port: 80, path: undefined },
      { name: 'c', protocol: 'https', host: 'upstream.internal', port: 9443, path: '/v1' },
      { name: 'd', protocol: 'http', host: 'upstream.internal', port: undefined, path: undefined },
    ]);
  });

  it('reports a url that is not one', () => {
    const deck = readDeck({ _format_version: '3.0', services: [{ name: 'a', url: 'not a url' }] });
    expect(deck.problems).toEqual([expect.objectContaining({ severity: 'error', path: ['services', 0, 'url'] })]);
  });
});

describe('routes', () => {
  it('attaches top-level routes to services named by string, {name} or {id}', () => {
    const deck = readDeck({
      _format_version: '3.0',
      services: [
        { name: 'orders', id: 'svc-1' },
        { name: 'users', id: 'svc-2' },
      ],
      routes: [
        { name: 'by-name', service: 'users', paths: ['/a'] },
        { name: 'by-object-name', service: { name: 'orders' }, paths: ['/b'] },
        { name: 'by-object-id', service: { id: 'svc-2' }, paths: ['/c'] },
        { name: 'by-id-string', service: 'svc-1', paths: ['/d'] },
        { name: 'serviceless', paths: ['/e'] },
      ],
    });
    expect(deck.routes.map((route) => [route.name, route.service])).toEqual([
      ['by-name', 1],
      ['by-object-name', 0],
      ['by-object-id', 1],
      ['by-id-string', 0],
      ['serviceless', undefined],
    ]);
    expect(deck.problems).toEqual([]);
  });

  it("defaults protocols to Kong's http, https", () => {
    const deck = readDeck(loadDeck(FIXTURES.convert11));
    const protocols = Object.fromEntries(deck.routes.map((route) => [route.name, route.protocols]));
    expect(protocols).toEqual({
      'r1-no-protocols': ['http', 'https'],
      'r1-with-protocols': ['https'],
      r2: ['http', 'https'],
      'r3-no-protocols': ['http', 'https'],
      'r4-with-protocols': ['http', 'https'],
    });
  });

  it('reports a route naming a service that does not exist', () => {
    const deck = readDeck({ _format_version: '3.0', routes: [{ name: 'r', service: { name: 'ghost' } }] });
    expect(deck.problems).toEqual([
      { severity: 'error', message: expect.stringContaining('service "ghost" is not in this decK file'), path: ['routes', 0, 'service'] },
    ]);
  });
});

describe('format versions', () => {
  it('treats regex-looking paths as regexes before format 3.0 only', () => {
    expect(readDeck({ _format_version: '1.1' }).legacy_regex_paths).toBe(true);
    expect(readDeck({ _format_version: '3.0' }).legacy_regex_paths).toBe(false);
    // `_format_version: 3.0` unquoted is the number 3.
    expect(readDeck({ _format_version: 3 })).toMatchObject({ format_version: '3.0', legacy_regex_paths: false });
  });

  it('warns when the format version is missing and reads the file as 3.0', () => {
    const deck = readDeck(loadDeck(FIXTURES.kong2kic));
    expect(deck.legacy_regex_paths).toBe(false);
    expect(deck.problems).toEqual([expect.objectContaining({ severity: 'warning', path: ['_format_version'] })]);
  });
});

describe('plugins', () => {
  it('scopes nested and top-level plugins to their service or route', () => {
    const deck = readDeck({
      _format_version: '3.0',
      services: [
        {
          name: 'orders',
          plugins: [{ name: 'cors' }],
          routes: [{ name: 'list', id: 'route-1', plugins: [{ name: 'key-auth' }] }],
        },
      ],
      routes: [{ name: 'top', service: 'orders', plugins: [{ name: 'jwt' }] }],
      plugins: [
        { name: 'acl', service: 'orders' },
        { name: 'basic-auth', route: 'route-1' },
        { name: 'hmac-auth', route: { name: 'top' }, service: { name: 'orders' } },
        { name: 'rate-limiting' },
      ],
    });
    expect(deck.plugins.map(({ name, service, route }) => ({ name, service, route }))).toEqual([
      { name: 'key-auth', service: undefined, route: 0 },
      { name: 'cors', service: 0, route: undefined },
      { name: 'jwt', service: undefined, route: 1 },
      { name: 'acl', service: 0, route: undefined },
      { name: 'basic-auth', service: undefined, route: 0 },
      { name: 'hmac-auth', service: 0, route: 1 },
      { name: 'rate-limiting', service: undefined, route: undefined },
    ]);
  });

  it('drops disabled plugins and consumer- or consumer-group-scoped ones', () => {
    const deck = readDeck({
      _format_version: '3.0',
      services: [{ name: 's', plugins: [{ name: 'key-auth', enabled: false }, { name: 'jwt', consumer: 'alice' }] }],
      plugins: [
        { name: 'basic-auth', enabled: false },
        { name: 'rate-limiting', service: 's', consumer: { username: 'bob' } },
        { name: 'rate-limiting-advanced', consumer_group: 'gold' },
        { name: 'cors', enabled: true },
      ],
      consumers: [{ username: 'c1', plugins: [{ name: 'key-auth' }] }],
    });
    expect(deck.plugins.map((plugin) => plugin.name)).toEqual(['cors']);
  });

  it('reports a plugin referring to a route or service that does not exist, and leaves it out', () => {
    const deck = readDeck({ _format_version: '3.0', plugins: [{ name: 'key-auth', route: 'ghost' }, { config: {} }] });
    expect(deck.plugins).toEqual([]);
    expect(deck.problems.map((problem) => problem.path)).toEqual([
      ['plugins', 0, 'route'],
      ['plugins', 1],
    ]);
  });

  it('merges `_plugin_configs` under the plugin’s own config (KongAir’s shared jwt)', () => {
    const deck = readDeck(loadDeck(FIXTURES.kongair));
    const jwt = deck.plugins.filter((plugin) => plugin.name === 'jwt');
    expect(jwt).toHaveLength(3);
    for (const plugin of jwt) expect({ ...plugin.config }).toEqual({ key_claim_name: 'iss', secret_is_base64: false });
    expect(deck.problems).toEqual([]);
  });

  it('merges nested maps key by key and keeps the plugin’s own values', () => {
    const merged = mergePluginConfig(
      { minute: 10, redis: { host: 'own' }, list: ['own'] },
      { minute: 99, hour: 500, redis: { host: 'shared', port: 6379 }, list: ['shared', 'more'] },
    );
    expect(JSON.parse(JSON.stringify(merged))).toEqual({ minute: 10, hour: 500, redis: { host: 'own', port: 6379 }, list: ['own'] });
  });

  it('keeps a plugin whose `_config` is missing, with an error', () => {
    const deck = readDeck({ _format_version: '3.0', plugins: [{ name: 'jwt', _config: 'nope', config: { cookie_names: ['c'] } }] });
    expect(deck.plugins.map((plugin) => ({ ...plugin.config }))).toEqual([{ cookie_names: ['c'] }]);
    expect(deck.problems).toEqual([expect.objectContaining({ severity: 'error', path: ['plugins', 0, '_config'] })]);
  });

  it('does not let a `__proto__` key in a shared config become a prototype', () => {
    const shared = JSON.parse('{"__proto__": {"key_names": ["polluted"]}}') as Record<string, unknown>;
    const merged = mergePluginConfig({}, shared);
    expect(Object.getPrototypeOf(merged)).toBeNull();
    expect((merged as { key_names?: unknown }).key_names).toBeUndefined();
  });
});

describe('bad input', () => {
  it('reads anything without throwing and says what is wrong', () => {
    for (const doc of [null, 42, 'text', [], { services: 'nope' }, { services: [null, 7] }]) {
      expect(() => readDeck(doc)).not.toThrow();
    }
    expect(readDeck({ _format_version: '3.0', services: 'nope' }).problems).toEqual([
      { severity: 'error', message: '`services` must be a list', path: ['services'] },
    ]);
  });
});

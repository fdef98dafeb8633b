/**
 * decK templates (`${{ env "DECK_…" }}`) and vault references are values set at deploy time:
 * never published, and the fact they stood for is marked "configured per environment".
 */
import { describe, expect, it } from 'vitest';
import { resolveGatewayService } from '../../../src/lib/gateway/resolve.ts';
import {
  containsUnresolvedReference,
  consumerSafeValue,
  isUnresolvedReference,
} from '../../../src/lib/gateway/templated-values.ts';
import { describeAuth } from '../../../src/lib/site/auth-notes.ts';
import { PRODUCTION } from './helpers.ts';

const ENV = '${{ env "DECK_SECRET_X" }}';
const deck = (rest: Record<string, unknown>) => ({ _format_version: '3.0', ...rest });

describe('isUnresolvedReference', () => {
  it('knows decK templates of any kind, broken ones and vault references', () => {
    for (const value of [ENV, 'prefix-${{env "DECK_A"}}-suffix', '${{ .Values.x }}', '${{ unterminated', '{vault://env/key}', '{VAULT://aws/x}']) {
      expect(isUnresolvedReference(value), value).toBe(true);
      expect(consumerSafeValue(value), value).toBeUndefined();
    }
  });

  it('lets plain values through', () => {
    for (const value of ['apikey', 'https://app.example.com', '/v1/{id}', '~/flights/(?<id>\\d+)$', '$HOME', '{{ not deck }}']) {
      expect(isUnresolvedReference(value), value).toBe(false);
      expect(consumerSafeValue(value)).toBe(value);
    }
  });

  it('finds templates inside lists and maps, in keys too, without recursing for ever', () => {
    expect(containsUnresolvedReference(['a', ['b', ENV]])).toBe(true);
    expect(containsUnresolvedReference({ [ENV]: 1 })).toBe(true);
    expect(containsUnresolvedReference({ a: ['b', 1, null] })).toBe(false);
    let deep: unknown = 'plain';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(containsUnresolvedReference(deep)).toBe(true);
  });
});

describe('templated values in a resolved environment', () => {
  const resolve = (plugins: unknown[], routes: unknown[] = [{ name: 'r', hosts: ['api.example.com'], paths: ['/v1'] }]) =>
    resolveGatewayService(deck({ services: [{ name: 's', routes, plugins }] }), 's', PRODUCTION);

  it('drops templated key names without falling back to apikey, and says so', () => {
    const env = resolve([{ name: 'key-auth', config: { key_names: [ENV] } }]);
    expect(env.auth).toEqual([
      { type: 'key-auth', key_names: [], key_in_header: true, key_in_query: true, key_in_body: false, configured_per_environment: ['key_names'] },
    ]);
    const note = describeAuth(env.auth[0]!).howTo;
    expect(note).toContain('configured per environment');
    expect(note).not.toContain('apikey');
  });

  it('does not read a template in place of the whole list as Kong\'s default', () => {
    const env = resolve([{ name: 'key-auth', config: { key_names: ENV } }]);
    expect(env.auth[0]).toMatchObject({ key_names: [], configured_per_environment: ['key_names'] });
  });

  it('keeps plain CORS origins, drops templated ones, and never turns them into any (*)', () => {
    expect(resolve([{ name: 'cors', config: { origins: [ENV] } }]).cors).toMatchObject({ origins: [], configured_per_environment: ['origins'] });
    expect(resolve([{ name: 'cors', config: { origins: ['https://app.example.com', ENV] } }]).cors).toMatchObject({
      origins: ['https://app.example.com'],
      configured_per_environment: ['origins'],
    });
    expect(resolve([{ name: 'cors', config: {} }]).cors?.origins).toEqual(['*']);
  });

  it('marks base URLs when route hosts or paths are templated, and makes no wrong URL from them', () => {
    const hostOnly = resolve([], [{ name: 'r', hosts: [ENV], paths: ['/v1'] }]);
    expect(hostOnly.base_urls).toEqual([]);
    expect(hostOnly.configured_per_environment).toEqual(['base_urls']);
    expect(hostOnly.routes[0]).toMatchObject({ hosts: [], paths: ['/v1'], configured_per_environment: ['hosts'] });

    // A host root would be a wrong base URL for a route whose only path is set at deploy time.
    const pathOnly = resolve([], [{ name: 'r', hosts: ['api.example.com'], paths: ['/${{env.DECK_PREFIX}}'] }]);
    expect(pathOnly.base_urls).toEqual([]);
    expect(pathOnly.routes[0]).toMatchObject({ paths: [], path_patterns: [], configured_per_environment: ['paths'] });
  });

  it('drops a templated route name', () => {
    expect(resolve([], [{ name: ENV, hosts: ['api.example.com'] }]).routes[0]).not.toHaveProperty('name');
  });

  it('marks templated rate limits and request-size limits instead of guessing a default', () => {
    const env = resolve([
      { name: 'rate-limiting', config: { minute: ENV, hour: 1000 } },
      { name: 'request-size-limiting', config: { allowed_payload_size: ENV } },
    ]);
    expect(env.rate_limits).toEqual([{ limit: 1000, window: 'hour' }]);
    expect(env.request_size_limit_bytes).toBeUndefined();
    expect(env.configured_per_environment).toEqual(['rate_limits', 'request_size_limit_bytes']);
  });

  it('leaves an environment without templates unmarked', () => {
    const env = resolve([{ name: 'key-auth', config: { key_names: ['apikey'] } }, { name: 'cors', config: { origins: ['https://a.test'] } }]);
    expect(env).not.toHaveProperty('configured_per_environment');
    expect(env.auth[0]).not.toHaveProperty('configured_per_environment');
    expect(env.cors).not.toHaveProperty('configured_per_environment');
  });
});

/**
 * Each plugin module: Kong's defaults, the fields it reads, and what it refuses to copy.
 */
import { describe, expect, it } from 'vitest';
import { readAcl } from '../../../src/lib/gateway/plugins/acl.ts';
import { readBasicAuth } from '../../../src/lib/gateway/plugins/basic-auth.ts';
import { readCors } from '../../../src/lib/gateway/plugins/cors.ts';
import { readHmacAuth } from '../../../src/lib/gateway/plugins/hmac-auth.ts';
import { readJwt } from '../../../src/lib/gateway/plugins/jwt.ts';
import { readKeyAuth } from '../../../src/lib/gateway/plugins/key-auth.ts';
import { readMtlsAuth } from '../../../src/lib/gateway/plugins/mtls-auth.ts';
import { readOauth2 } from '../../../src/lib/gateway/plugins/oauth2.ts';
import { readOpenidConnect } from '../../../src/lib/gateway/plugins/openid-connect.ts';
import { readRateLimitingAdvanced, windowName } from '../../../src/lib/gateway/plugins/rate-limiting-advanced.ts';
import { readRateLimiting } from '../../../src/lib/gateway/plugins/rate-limiting.ts';
import { SUMMARISED_PLUGINS, summarisePlugin } from '../../../src/lib/gateway/plugins/registry.ts';
import { readRequestSizeLimiting } from '../../../src/lib/gateway/plugins/request-size-limiting.ts';

describe('key-auth', () => {
  it("uses Kong's defaults: apikey in a header or the query string", () => {
    expect(readKeyAuth({})).toEqual({
      auth: { type: 'key-auth', key_names: ['apikey'], key_in_header: true, key_in_query: true, key_in_body: false },
    });
  });

  it('reads the key names and where they go, nothing else', () => {
    const summary = readKeyAuth({
      key_names: ['x-api-key', 'apikey', 'x-api-key'],
      key_in_header: true,
      key_in_query: false,
      key_in_body: true,
      anonymous: 'guest-consumer',
      realm: 'internal',
    });
    expect(summary).toEqual({
      auth: { type: 'key-auth', key_names: ['apikey', 'x-api-key'], key_in_header: true, key_in_query: false, key_in_body: true },
    });
  });

  it('drops a vault reference and non-strings from key names, and non-booleans from switches', () => {
    const summary = readKeyAuth({ key_names: ['{vault://env/key-name}', 42, 'apikey'], key_in_query: 'no' });
    expect(summary.auth).toMatchObject({ key_names: ['apikey'], key_in_query: true });
  });
});

describe('jwt', () => {
  it("uses Kong's defaults", () => {
    expect(readJwt({ key_claim_name: 'iss', secret_is_base64: false })).toEqual({
      auth: { type: 'jwt', header_names: ['authorization'], uri_param_names: ['jwt'], cookie_names: [] },
    });
  });

  it('reads header, query and cookie names', () => {
    expect(readJwt({ header_names: ['X-Token'], uri_param_names: ['token'], cookie_names: ['session'], maximum_expiration: 3600 })).toEqual({
      auth: { type: 'jwt', header_names: ['X-Token'], uri_param_names: ['token'], cookie_names: ['session'] },
    });
  });
});

describe('oauth2', () => {
  it('lists the enabled flows by grant name and the scopes', () => {
    const summary = readOauth2({
      enable_client_credentials: true,
      enable_authorization_code: true,
      enable_implicit_grant: false,
      enable_password_grant: 'yes',
      scopes: ['write', 'read'],
      provision_key: 'provision-secret',
    });
    expect(summary).toEqual({ auth: { type: 'oauth2', flows: ['authorization_code', 'client_credentials'], scopes: ['read', 'write'] } });
  });

  it('has no flows or scopes by default', () => {
    expect(readOauth2({})).toEqual({ auth: { type: 'oauth2', flows: [], scopes: [] } });
  });
});

describe('openid-connect', () => {
  it('publishes a plain https issuer, scopes and auth methods', () => {
    const summary = readOpenidConnect({
      issuer: 'https://idp.example.org/realms/kong',
      scopes: ['openid', 'profile'],
      auth_methods: ['bearer', 'client_credentials', 'not-a-method'],
      client_id: ['portal-client'],
      client_secret: ['very-secret'],
    });
    expect(summary).toEqual({
      auth: {
        type: 'openid-connect',
        issuer: 'https://idp.example.org/realms/kong',
        scopes: ['openid', 'profile'],
        auth_methods: ['bearer', 'client_credentials'],
      },
    });
  });

  it("uses Kong's defaults: scope openid, every auth method", () => {
    expect(readOpenidConnect({}).auth).toMatchObject({ scopes: ['openid'] });
    expect(readOpenidConnect({}).auth).toHaveProperty('auth_methods', [
      'authorization_code',
      'bearer',
      'client_credentials',
      'introspection',
      'kong_oauth2',
      'password',
      'refresh_token',
      'session',
      'userinfo',
    ]);
  });

  it.each([
    ['a vault reference', '{vault://aws/oidc/issuer}'],
    ['plain http', 'http://idp.example.org'],
    ['credentials in the URL', 'https://user:pass@idp.example.org'],
    ['a query string', 'https://idp.example.org/?token=abc'],
    ['not a URL', 'idp.example.org'],
    ['not a string', 42],
  ])('leaves out an issuer that is %s', (_, issuer) => {
    expect(readOpenidConnect({ issuer }).auth).not.toHaveProperty('issuer');
  });
});

describe('marker plugins read no configuration at all', () => {
  it.each([
    ['basic-auth', readBasicAuth],
    ['mtls-auth', readMtlsAuth],
    ['hmac-auth', readHmacAuth],
    ['acl', readAcl],
  ] as const)('%s', (type, read) => {
    const summary = read({ allow: ['admins'], ca_certificates: ['cce8c384'], hide_credentials: true });
    expect(summary).toEqual({ auth: { type } });
  });
});

describe('rate-limiting', () => {
  it('gives one limit per configured period, shortest first', () => {
    expect(readRateLimiting({ hour: 1000, second: 5, minute: 100, year: 1e6, policy: 'redis', redis: { password: 'x' } })).toEqual({
      rate_limits: [
        { limit: 5, window: 'second' },
        { limit: 100, window: 'minute' },
        { limit: 1000, window: 'hour' },
        { limit: 1e6, window: 'year' },
      ],
    });
  });

  it('ignores periods that are not positive numbers', () => {
    expect(readRateLimiting({ second: null, minute: '60', hour: 0, day: 10 })).toEqual({ rate_limits: [{ limit: 10, window: 'day' }] });
  });
});

describe('rate-limiting-advanced', () => {
  it('names exact unit windows and counts the others in seconds', () => {
    expect([1, 60, 3600, 86400, 30, 120, 2592000].map(windowName)).toEqual([
      'second',
      'minute',
      'hour',
      'day',
      '30 seconds',
      '120 seconds',
      '2592000 seconds',
    ]);
  });

  it('pairs limit[i] with window_size[i]', () => {
    expect(readRateLimitingAdvanced({ limit: [10, 1000], window_size: [60, 86400], identifier: 'consumer', namespace: 'ns' })).toEqual({
      rate_limits: [
        { limit: 10, window: 'minute' },
        { limit: 1000, window: 'day' },
      ],
    });
  });

  it('accepts single numbers and skips broken pairs without shifting the others', () => {
    expect(readRateLimitingAdvanced({ limit: 5, window_size: 30 })).toEqual({ rate_limits: [{ limit: 5, window: '30 seconds' }] });
    expect(readRateLimitingAdvanced({ limit: ['{vault://x}', 20], window_size: [1, 3600, 7] })).toEqual({
      rate_limits: [{ limit: 20, window: 'hour' }],
      // The vault-held limit is not published, but the page says one is set.
      configured_per_environment: ['rate_limits'],
    });
  });
});

describe('cors', () => {
  it("uses Kong's defaults: any origin, every method, no credentials", () => {
    expect(readCors({})).toEqual({
      cors: {
        origins: ['*'],
        methods: ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'],
        credentials: false,
      },
    });
  });

  it('reads origins, methods and credentials only', () => {
    expect(readCors({ origins: ['https://app.example.org'], methods: ['POST', 'GET', 'BREW'], credentials: true, headers: ['X-Secret'] })).toEqual({
      cors: { origins: ['https://app.example.org'], methods: ['GET', 'POST'], credentials: true },
    });
  });
});

describe('request-size-limiting', () => {
  it("converts with Kong's factors; 128 megabytes by default", () => {
    expect(readRequestSizeLimiting({})).toEqual({ request_size_limit_bytes: 128 * 1048576 });
    expect(readRequestSizeLimiting({ allowed_payload_size: 10, size_unit: 'kilobytes' })).toEqual({ request_size_limit_bytes: 10240 });
    expect(readRequestSizeLimiting({ allowed_payload_size: 500, size_unit: 'bytes' })).toEqual({ request_size_limit_bytes: 500 });
  });

  it('publishes nothing for a unit Kong does not know', () => {
    expect(readRequestSizeLimiting({ allowed_payload_size: 1, size_unit: 'gigabytes' })).toEqual({});
  });
});

describe('registry', () => {
  it('is the allow-list of plugin kinds', () => {
    expect(SUMMARISED_PLUGINS).toEqual([
      'acl',
      'basic-auth',
      'cors',
      'hmac-auth',
      'jwt',
      'key-auth',
      'key-auth-enc',
      'mtls-auth',
      'oauth2',
      'openid-connect',
      'rate-limiting',
      'rate-limiting-advanced',
      'request-size-limiting',
    ]);
  });

  it('reads nothing from other plugins, including names that exist on Object.prototype', () => {
    for (const name of ['aws-lambda', 'http-log', 'graphql-rate-limiting-advanced', 'constructor', '__proto__', 'toString']) {
      expect(summarisePlugin(name, { aws_secret: 'x' })).toBeUndefined();
    }
  });

  it('reads a config field only as an own property', () => {
    const config = Object.create({ key_names: ['inherited'] }) as Record<string, unknown>;
    expect(summarisePlugin('key-auth', config)?.auth).toMatchObject({ key_names: ['apikey'] });
  });
});

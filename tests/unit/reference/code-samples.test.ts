import { describe, expect, it } from 'vitest';
import { buildReferenceIndex, renderOperationPage } from '../../../src/lib/reference/index.ts';
import { curlSample, fetchSample, pythonSample, pyLiteral, shellQuote } from '../../../src/lib/reference/code-samples.ts';
import { buildSampleRequest } from '../../../src/lib/reference/sample-request.ts';
import { gatewayBaseUrl } from '../../../src/lib/reference/server-url.ts';
import { operationParameters } from '../../../src/lib/openapi/parameters.ts';
import type { AuthRequirement } from '../../../src/lib/gateway/types.ts';
import type { SpecObject } from '../../../src/lib/reference/types.ts';
import { byClass, context, elements, environment, keyAuth, kongAir, loadSpec, parseHtml, textOf } from './helpers.ts';
import { sameRequestElsewhere } from '../../../src/lib/reference/operation-aside.ts';

function requestFor(doc: SpecObject, path: string, method: string, env?: Parameters<typeof buildSampleRequest>[2]) {
  const pathItem = doc.paths[path];
  const operation = pathItem[method];
  return buildSampleRequest(doc, { method, path, operation, pathItem, parameters: operationParameters(doc, { operation, pathItem }) }, env);
}

describe('base URL', () => {
  it('appends the spec server path to a gateway URL without a path', () => {
    expect(gatewayBaseUrl('https://gw.example.net', 'https://api.example.com/v1')).toBe('https://gw.example.net/v1');
    expect(gatewayBaseUrl('https://gw.example.net/', '/v1/')).toBe('https://gw.example.net/v1');
    expect(gatewayBaseUrl('https://gw.example.net', 'https://api.example.com')).toBe('https://gw.example.net');
  });

  it('keeps a gateway prefix (strip_path) as it is', () => {
    expect(gatewayBaseUrl('https://gw.example.net/pets', 'https://api.example.com/v1')).toBe('https://gw.example.net/pets');
    expect(gatewayBaseUrl('https://gw.example.net/api/v1', 'https://api.example.com/v1')).toBe('https://gw.example.net/api/v1');
  });

  it('does not repeat the prefix of a route that keeps its path (strip_path: false)', () => {
    const routes = [{ methods: [], paths: ['/v1'], path_patterns: [], hosts: ['gw.example.net'], protocols: ['https'], strip_path: false }];
    expect(gatewayBaseUrl('https://gw.example.net/v1', 'https://api.example.com/v1', routes)).toBe('https://gw.example.net/v1');
    expect(gatewayBaseUrl('https://gw.example.net/flights', 'https://api.example.com', routes.map((r) => ({ ...r, paths: ['/flights'] })))).toBe(
      'https://gw.example.net',
    );
  });
});

describe('sample requests', () => {
  const flights = kongAir('flights');

  it("use the first environment's base URL and its key-auth header name", () => {
    const req = requestFor(flights, '/flights/{flightNumber}', 'get', environment({ base_urls: ['https://gw.kong-air.net'], auth: [keyAuth(['x-kongair-key', 'apikey'])] }));
    expect(req.url).toBe('https://gw.kong-air.net/flights/{flightNumber}');
    expect(req.headers).toEqual([['x-kongair-key', '<YOUR_API_KEY>']]);
    expect(req.baseUrlSource).toBe('environment');
    expect(curlSample(req)).toBe("curl --globoff 'https://gw.kong-air.net/flights/{flightNumber}' \\\n  -H 'x-kongair-key: <YOUR_API_KEY>'");
  });

  it('put a query-only API key in the query string', () => {
    const env = environment({ auth: [{ type: 'key-auth', key_names: ['key'], key_in_header: false, key_in_query: true, key_in_body: false }] });
    expect(requestFor(flights, '/flights', 'get', env).url).toBe('https://gateway.example.net/flights?key=<YOUR_API_KEY>');
  });

  it('send bearer tokens for jwt, oauth2 and openid-connect, and -u for basic-auth', () => {
    const bearer: AuthRequirement[] = [
      { type: 'jwt', header_names: ['authorization'], uri_param_names: ['jwt'], cookie_names: [] },
      { type: 'oauth2', flows: ['client_credentials'], scopes: [] },
      { type: 'openid-connect', scopes: [], auth_methods: [] },
    ];
    for (const auth of bearer) {
      const req = requestFor(flights, '/flights', 'get', environment({ auth: [auth] }));
      expect(req.headers).toEqual([['Authorization', 'Bearer <TOKEN>']]);
    }
    const basic = requestFor(flights, '/flights', 'get', environment({ auth: [{ type: 'basic-auth' }] }));
    expect(curlSample(basic)).toContain("-u 'user:password'");
    expect(pythonSample(basic)).toContain('auth=("user", "password")');
    expect(fetchSample(basic)).toContain("btoa('user:password')");
  });

  it("fall back to the spec's server and security scheme", () => {
    const pets = loadSpec('reference/pets-3.1.yaml');
    const req = requestFor(pets, '/pets/{petId}', 'get');
    expect(req.url).toBe('https://eu.pets.example.com/v2/pets/42');
    expect(req.headers).toEqual([['X-Api-Key', '<YOUR_API_KEY>']]);
    expect(req.baseUrlSource).toBe('spec');
  });

  it('use a placeholder host when nothing names a server', () => {
    const doc = { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: {} } } } };
    const req = requestFor(doc, '/x', 'get');
    expect(req.url).toBe('https://api.example.com/x');
    expect(req.baseUrlSource).toBe('placeholder');
  });

  it('send a JSON body from the example, in all three languages', () => {
    const pets = loadSpec('reference/pets-3.1.yaml');
    const req = requestFor(pets, '/pets', 'post', environment());
    expect(req.body).toMatchObject({ kind: 'json', mediaType: 'application/json' });
    expect(req.headers[0]).toEqual(['Content-Type', 'application/json']);
    // Generated for a request: read-only `id` is left out, write-only `secret` is in.
    const body = (req.body as { value: Record<string, unknown> }).value;
    expect(body).not.toHaveProperty('id');
    expect(body).toHaveProperty('secret');
    expect(curlSample(req)).toContain("curl -X POST 'https://gateway.example.net/v2/pets'");
    expect(fetchSample(req)).toContain('body: JSON.stringify({');
    expect(pythonSample(req)).toContain('"barks": True');
  });

  it('quote for the shell and for Python', () => {
    expect(shellQuote(`it's $(rm -rf /)`)).toBe(`'it'\\''s $(rm -rf /)'`);
    expect(pyLiteral({ a: [true, null, 1.5, 'x"y'] })).toBe('{\n    "a": [\n        True,\n        None,\n        1.5,\n        "x\\"y",\n    ],\n}');
  });
});

describe('request samples in the right pane', () => {
  const doc = kongAir('flights');
  const index = buildReferenceIndex(doc);

  it('render one block per environment that calls differently; none for an environment without a URL', () => {
    const page = renderOperationPage(doc, index, 'get-flights', context({
      environments: [
        environment({ name: 'production', label: 'Production', base_urls: ['https://api.kong-air.com'], auth: [keyAuth(['apikey'])] }),
        environment({ name: 'staging', base_urls: ['https://staging.kong-air.com'], auth: [] }),
        environment({ name: 'dev', base_urls: [] }),
      ],
    }));
    const tree = parseHtml(page.html);
    const envs = byClass(tree, 'ref-env-samples');
    expect(envs.map((e) => e.properties.dataEnvironment)).toEqual(['production', 'staging']);
    const curl = (block: (typeof envs)[number]) => textOf(byClass(block as never, 'ref-code')[0]!);
    expect(curl(envs[0]!)).toBe("curl https://api.kong-air.com/flights \\\n  --header 'apikey: <YOUR_API_KEY>'");
    expect(curl(envs[1]!)).toBe('curl https://staging.kong-air.com/flights');
    // The picker names both; panel ids stay unique across the blocks.
    const options = elements(tree).filter((e) => e.tagName === 'option').map((e) => e.properties.value);
    expect(options).toEqual(['production', 'staging']);
    const ids = byClass(tree, 'ref-tabpanel').map((e) => e.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('write an environment that differs only by its base URL as one line the picker applies', () => {
    const page = renderOperationPage(doc, index, 'get-flights', context({
      environments: [
        environment({ name: 'production', base_urls: ['https://api.kong-air.com'], auth: [keyAuth(['apikey'])] }),
        environment({ name: 'staging', label: 'Staging', base_urls: ['https://staging.kong-air.com'], auth: [keyAuth(['apikey'])] }),
      ],
    }));
    const tree = parseHtml(page.html);
    expect(byClass(tree, 'ref-env-samples')).toHaveLength(1);
    const alias = byClass(tree, 'ref-env-aliases')[0]!;
    expect(textOf(alias)).toBe('Staging: the same request to https://staging.kong-air.com');
    const item = elements(alias as never).find((e) => e.tagName === 'li')!;
    expect(item.properties.dataReplaces).toBe('https://api.kong-air.com');
    expect(item.properties.dataBaseUrl).toBe('https://staging.kong-air.com');
  });

  it('find the base URL two requests differ by, at a path boundary', () => {
    const base = { method: 'GET', headers: [] as [string, string][], basicAuth: false, clientCertificate: false, notes: [], baseUrlSource: 'environment' as const };
    expect(sameRequestElsewhere({ ...base, url: 'https://a.example/v2/flights?x=1' }, { ...base, url: 'https://b.example/v2/flights?x=1' })).toEqual({
      from: 'https://a.example',
      to: 'https://b.example',
    });
    expect(sameRequestElsewhere({ ...base, url: 'https://api.dev.example/v2/f' }, { ...base, url: 'https://api.staging.example/v2/f' })).toEqual({
      from: 'https://api.dev.example',
      to: 'https://api.staging.example',
    });
    // Different auth: not the same request.
    expect(sameRequestElsewhere({ ...base, url: 'https://a.example/f' }, { ...base, url: 'https://b.example/f', headers: [['apikey', 'k']] })).toBeUndefined();
  });
});

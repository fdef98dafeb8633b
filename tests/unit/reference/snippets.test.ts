/**
 * Request samples from one request description (snippets.ts): each of the eleven languages
 * calls the environment's real URL with its real credential header, carries the body, and
 * keeps hostile spec text a literal.
 */
import { describe, expect, it } from 'vitest';
import { buildSampleRequest, type SampleRequest } from '../../../src/lib/reference/sample-request.ts';
import { operationParameters } from '../../../src/lib/openapi/parameters.ts';
import { BASIC_CREDENTIALS_PLACEHOLDER, SNIPPET_LANGUAGES, harRequest, renderSnippet } from '../../../src/lib/reference/snippets.ts';
import type { SpecObject } from '../../../src/lib/reference/types.ts';
import { environment, keyAuth, kongAir } from './helpers.ts';

function requestFor(doc: SpecObject, path: string, method: string, env?: Parameters<typeof buildSampleRequest>[2]): SampleRequest {
  const pathItem = doc.paths[path];
  const operation = pathItem[method];
  return buildSampleRequest(doc, { method, path, operation, pathItem, parameters: operationParameters(doc, { operation, pathItem }) }, env);
}

const gateway = environment({ base_urls: ['https://gw.kong-air.net'], auth: [keyAuth(['x-kongair-key'])] });

describe('request samples', () => {
  it('cover at least ten languages, each from a library client that exists', () => {
    expect(SNIPPET_LANGUAGES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(SNIPPET_LANGUAGES.map((l) => l.id)).size).toBe(SNIPPET_LANGUAGES.length);
    const req = requestFor(kongAir('flights'), '/flights/{flightNumber}', 'get', gateway);
    for (const language of SNIPPET_LANGUAGES) expect(() => renderSnippet(language, req), language.id).not.toThrow();
  });

  it("call the environment's URL with its key header in every language", () => {
    const req = requestFor(kongAir('flights'), '/flights/{flightNumber}', 'get', gateway);
    for (const language of SNIPPET_LANGUAGES) {
      const code = renderSnippet(language, req);
      expect(code, language.id).toContain('https://gw.kong-air.net/flights/');
      expect(code, language.id).toContain('x-kongair-key');
      expect(code, language.id).toContain('<YOUR_API_KEY>');
    }
  });

  it('send a JSON body with its media type', () => {
    const req = requestFor(kongAir('bookings'), '/bookings', 'post', gateway);
    expect(req.body?.kind).toBe('json');
    const har = harRequest(req);
    expect(har.method).toBe('POST');
    expect(har.headers).toContainEqual({ name: 'Content-Type', value: 'application/json' });
    expect(JSON.parse(har.postData!.text!)).toEqual((req.body as { value: unknown }).value);
    const curl = renderSnippet(SNIPPET_LANGUAGES.find((l) => l.id === 'curl')!, req);
    expect(curl).toMatch(/--request POST/);
    expect(curl).toContain('--data');
    const python = renderSnippet(SNIPPET_LANGUAGES.find((l) => l.id === 'python')!, req);
    expect(python).toContain('requests.post(');
    expect(python).toContain('json=');
  });

  it('send a JSON body that is null or a scalar as its JSON text in every language', () => {
    // GitHub's REST spec gives `null` as the example body of an optional one.
    for (const value of [null, 5, 'on', true]) {
      const req: SampleRequest = {
        method: 'POST', url: 'https://api.example.com/things', headers: [], notes: [], baseUrlSource: 'spec', basicAuth: false, clientCertificate: false,
        body: { kind: 'json', mediaType: 'application/json', value },
      };
      const literal = JSON.stringify(value);
      for (const language of SNIPPET_LANGUAGES) {
        const code = renderSnippet(language, req);
        // A string's quotes may be escaped inside the language's own string literal.
        expect([literal, literal.replace(/"/g, '\\"')].some((text) => code.includes(text)), `${language.id} ${literal}`).toBe(true);
        expect(code, `${language.id} ${literal}`).toContain('application/json');
        expect(code, `${language.id} ${literal}`).not.toMatch(/JSON\.stringify\(\{|json=(?:null|true)/);
      }
    }
  });

  it('state what code cannot show as comments in the language', () => {
    const req: SampleRequest = {
      method: 'GET', url: 'https://api.example.com/things', headers: [], basicAuth: true, clientCertificate: true,
      notes: ['Sign this request with your HMAC credentials (Authorization and Date headers).'], baseUrlSource: 'spec',
    };
    const curl = renderSnippet(SNIPPET_LANGUAGES.find((l) => l.id === 'curl')!, req);
    expect(curl.split('\n').slice(0, 3).every((line) => line.startsWith('# '))).toBe(true);
    expect(curl).toContain(`Authorization: Basic ${BASIC_CREDENTIALS_PLACEHOLDER}`);
    const go = renderSnippet(SNIPPET_LANGUAGES.find((l) => l.id === 'go')!, req);
    expect(go.startsWith('// Sign this request with your HMAC')).toBe(true);
  });

  it("keep a hostile example a literal in the shell: no command substitution, quotes escaped", () => {
    const req: SampleRequest = {
      method: 'POST', url: "https://api.example.com/x?q=$(rm -rf /)", headers: [['x-note', "it's `id`"]], basicAuth: false, clientCertificate: false,
      body: { kind: 'json', mediaType: 'application/json', value: { name: "'; rm -rf / #" } }, notes: [], baseUrlSource: 'spec',
    };
    const curl = renderSnippet(SNIPPET_LANGUAGES.find((l) => l.id === 'curl')!, req);
    // Every line's dangerous text is inside single quotes, with each ' written as '\''.
    expect(curl).toContain("'https://api.example.com/x?q=$(rm -rf /)'");
    expect(curl).toContain(`'x-note: it'\\''s \`id\`'`);
    expect(curl).toContain(`"name": "'\\''; rm -rf / #"`);
  });
});

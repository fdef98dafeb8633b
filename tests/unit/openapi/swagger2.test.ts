import { describe, expect, it } from 'vitest';
import { convertSwagger2 } from '../../../src/lib/openapi/swagger2.ts';
import { validateSpecSchema } from '../../../src/lib/openapi/validate.ts';

const base = { swagger: '2.0', info: { title: 't', version: '1' } };

describe('convertSwagger2', () => {
  it('turns host, basePath and schemes into servers (https when no scheme is given)', () => {
    expect(convertSwagger2({ ...base, host: 'api.example.com', basePath: '/v1', paths: {} }).servers).toEqual([{ url: 'https://api.example.com/v1' }]);
    expect(convertSwagger2({ ...base, basePath: '/v1', paths: {} }).servers).toEqual([{ url: '/v1' }]);
    expect(convertSwagger2({ ...base, paths: {} }).servers).toBeUndefined();
  });

  it('moves body and form parameters into requestBody, by consumes', () => {
    const out = convertSwagger2({
      ...base,
      consumes: ['application/json', 'application/xml'],
      paths: {
        '/a': {
          parameters: [{ name: 'b', in: 'body', schema: { type: 'object' } }],
          put: { responses: { 204: { description: 'ok' } } },
          post: {
            consumes: ['application/x-www-form-urlencoded'],
            parameters: [
              { name: 'n', in: 'formData', type: 'integer', required: true },
              { name: 'q', in: 'query', type: 'string' },
            ],
            responses: { 204: { description: 'ok' } },
          },
        },
      },
    });
    const item = out.paths['/a'];
    expect(item.parameters).toBeUndefined();
    expect(Object.keys(item.put.requestBody.content)).toEqual(['application/json', 'application/xml']);
    expect(item.post.parameters).toEqual([{ name: 'q', in: 'query', schema: { type: 'string' } }]);
    expect(item.post.requestBody).toEqual({
      content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } } },
    });
  });

  it('maps collectionFormat to style/explode and file to binary strings', () => {
    const out = convertSwagger2({
      ...base,
      paths: {
        '/a': {
          get: {
            parameters: [
              { name: 'csv', in: 'query', type: 'array', items: { type: 'string' } },
              { name: 'pipes', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'pipes' },
              { name: 'h', in: 'header', type: 'array', items: { type: 'string' } },
            ],
            produces: ['application/octet-stream'],
            responses: { 200: { description: 'the file', schema: { type: 'file' } } },
          },
        },
      },
    });
    const get = out.paths['/a'].get;
    expect(get.parameters.map((p: any) => [p.name, p.style, p.explode])).toEqual([
      ['csv', 'form', false],
      ['pipes', 'pipeDelimited', false],
      ['h', undefined, undefined],
    ]);
    expect(get.responses['200'].content).toEqual({ 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } });
  });

  it('converts a recursive schema once, keeping the recursion as a ref', () => {
    const node: any = { type: 'object', properties: { next: { $ref: '#/definitions/Node' } }, 'x-nullable': true };
    const out = convertSwagger2({ ...base, paths: {}, definitions: { Node: node } });
    expect(out.components.schemas.Node).toEqual({ type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } }, nullable: true });
  });

  it('survives schemas that share or contain themselves as objects (YAML aliases)', () => {
    const shared: any = { type: 'object', properties: {} };
    shared.properties.self = shared;
    const out = convertSwagger2({ ...base, paths: {}, definitions: { A: shared, B: { allOf: [shared] } } });
    expect(out.components.schemas.A.properties.self).toBe(out.components.schemas.A);
    expect(out.components.schemas.B.allOf[0]).toBe(out.components.schemas.A);
  });

  it('converts every security scheme kind', async () => {
    const out = convertSwagger2({
      ...base,
      paths: {},
      securityDefinitions: {
        basic: { type: 'basic' },
        key: { type: 'apiKey', name: 'k', in: 'query' },
        implicit: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://a/x', scopes: {} },
        password: { type: 'oauth2', flow: 'password', tokenUrl: 'https://a/t', scopes: {} },
        app: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a/t', scopes: { s: 'S' } },
      },
    });
    const schemes = out.components.securitySchemes;
    expect(schemes.basic).toEqual({ type: 'http', scheme: 'basic' });
    expect(schemes.key).toEqual({ type: 'apiKey', name: 'k', in: 'query' });
    expect(Object.keys(schemes.implicit.flows)).toEqual(['implicit']);
    expect(Object.keys(schemes.password.flows)).toEqual(['password']);
    expect(schemes.app.flows.clientCredentials).toEqual({ tokenUrl: 'https://a/t', scopes: { s: 'S' } });
    expect(await validateSpecSchema(out, 'openapi-3.0')).toEqual([]);
  });

  it('does not modify its input', () => {
    const input = { ...base, paths: { '/a': { get: { parameters: [{ name: 'b', in: 'body', schema: { $ref: '#/definitions/X' } }], responses: {} } } }, definitions: { X: { type: 'string' } } };
    const before = JSON.stringify(input);
    convertSwagger2(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

/** The upgrade step: one 3.1-shaped view of 2.0 / 3.0 / 3.1 documents, made without touching the input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiDocument, upgradeDocument } from '../../../src/lib/openapi/index.ts';

const api30 = (schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) => ({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas },
});

describe('upgradeDocument', () => {
  it('writes 3.0 `nullable` as a null type (and a null enum member), and boolean bounds as numbers', () => {
    const doc = api30({
      Name: { type: 'string', nullable: true, enum: ['a', 'b'] },
      Count: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
      Loose: { properties: { x: { type: 'string' } }, nullable: true },
      NotNull: { type: 'string', nullable: false },
    });
    const schemas = (upgradeDocument(doc).components as any).schemas;
    expect(schemas.Name).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(schemas.Count).toEqual({ type: 'integer', exclusiveMinimum: 0, maximum: 10 });
    expect(schemas.Loose).toEqual({ type: ['object', 'null'], properties: { x: { type: 'string' } } });
    expect(schemas.NotNull).toEqual({ type: 'string' });
  });

  it('a nullable `$ref` or composition becomes "that, or null", keeping its description outside', () => {
    const doc = api30({
      Pet: { type: 'object' },
      Owner: { $ref: '#/components/schemas/Pet', nullable: true, description: 'who' },
      Either: { oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true },
    });
    const schemas = (upgradeDocument(doc).components as any).schemas;
    expect(schemas.Owner).toEqual({ description: 'who', anyOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'null' }] });
    expect(schemas.Either).toEqual({ anyOf: [{ oneOf: [{ type: 'string' }, { type: 'integer' }] }, { type: 'null' }] });
  });

  it('reaches schemas in parameters, bodies, responses, callbacks and nested inside other upgraded schemas', () => {
    const doc = api30(
      { Outer: { nullable: true, allOf: [{ properties: { inner: { type: 'string', nullable: true } } }] } },
      {
        '/a': {
          get: {
            parameters: [{ name: 'q', in: 'query', schema: { type: 'string', nullable: true } }],
            responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'number', nullable: true } } } } },
            callbacks: { cb: { '{$url}': { post: { requestBody: { content: { 'application/json': { schema: { type: 'boolean', nullable: true } } } }, responses: {} } } } },
          },
        },
      },
    );
    const view = upgradeDocument(doc) as any;
    const get = view.paths['/a'].get;
    expect(get.parameters[0].schema.type).toEqual(['string', 'null']);
    expect(get.responses[200].content['application/json'].schema.type).toEqual(['number', 'null']);
    expect(get.callbacks.cb['{$url}'].post.requestBody.content['application/json'].schema.type).toEqual(['boolean', 'null']);
    expect(view.components.schemas.Outer).toEqual({ anyOf: [{ allOf: [{ properties: { inner: { type: ['string', 'null'] } } }] }, { type: 'null' }] });
  });

  it('never modifies the input', () => {
    const doc = api30({ A: { type: 'string', nullable: true }, B: { type: 'string' } });
    const before = structuredClone(doc);
    const view = upgradeDocument(doc) as any;
    expect(doc).toEqual(before);
    expect(view).not.toBe(doc);
    expect(view.components.schemas.B).toEqual(doc.components.schemas.B);
  });

  it('rewrites one schema object used in two places in both (it stays one object)', () => {
    const shared = { type: 'string', nullable: true };
    const media = (schema: unknown) => ({ content: { 'application/json': { schema } } });
    const doc = api30({}, { '/x': { post: { requestBody: media(shared), responses: { 200: { description: 'ok', ...media(shared) } } } } });
    const post = (upgradeDocument(doc) as any).paths['/x'].post;
    expect(post.requestBody.content['application/json'].schema).toEqual({ type: ['string', 'null'] });
    expect(post.responses[200].content['application/json'].schema).toBe(post.requestBody.content['application/json'].schema);
  });

  it('gives 3.1 and 3.2 documents back as they are, and is done once per document', () => {
    const doc31 = { openapi: '3.1.0', info: { title: 't', version: '1' }, components: { schemas: { A: { type: 'string', nullable: true } } } };
    expect(upgradeDocument(doc31)).toBe(doc31);
    const doc30 = api30({ A: { type: 'string', nullable: true } });
    const view = upgradeDocument(doc30);
    expect(upgradeDocument(view)).toBe(view);
  });

  it('converts Swagger 2.0 first, so `x-nullable` arrives as a null type', () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {},
      definitions: { Pet: { type: 'object', properties: { tag: { type: 'string', 'x-nullable': true } } } },
    };
    const view = upgradeDocument(doc) as any;
    expect(view.openapi).toBe('3.1.0');
    expect(view.components.schemas.Pet.properties.tag).toEqual({ type: ['string', 'null'] });
  });
});

describe('apiDocument', () => {
  it('merges parameters once: the operation’s win, header names ignoring case, each with the pointer where it is written', () => {
    const api = apiDocument({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      components: { parameters: { Trace: { name: 'X-Trace', in: 'header', description: 'shared' } } },
      paths: {
        '/a/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true }, { $ref: '#/components/parameters/Trace' }, { name: 'limit', in: 'query' }],
          get: { parameters: [{ name: 'x-trace', in: 'header', description: 'own' }, { name: 'nameless', in: 'query', name_: 1 }, { in: 'query' }], responses: {} },
        },
      },
    });
    const [get] = api.operations;
    expect(get!.parameters.map((p) => [p.parameter.in, p.parameter.name, p.parameter.description, p.pointer])).toEqual([
      ['path', 'id', undefined, '#/paths/~1a~1{id}/parameters/0'],
      ['header', 'x-trace', 'own', '#/paths/~1a~1{id}/get/parameters/0'],
      ['query', 'limit', undefined, '#/paths/~1a~1{id}/parameters/2'],
      ['query', 'nameless', undefined, '#/paths/~1a~1{id}/get/parameters/1'],
    ]);
  });

  it('is one object per document, read from the upgraded view', () => {
    const doc = api30({ A: { type: 'string', nullable: true } });
    const api = apiDocument(doc);
    expect(apiDocument(doc)).toBe(api);
    expect(apiDocument(api.doc as any)).toBe(api);
    expect((api.schemas.A as any).type).toEqual(['string', 'null']);
    expect(api.pointerOf(api.schemas.A as object)).toBe('#/components/schemas/A');
    expect(api.resolve({ $ref: '#/components/schemas/A' })).toBe(api.schemas.A);
  });

  it('reads response links with their target operation, by operationId or by operationRef (OAI link-example)', () => {
    const doc = parse(readFileSync(new URL('../../fixtures/specs/oai-examples/link-example.yaml', import.meta.url), 'utf8'));
    doc.paths['/2.0/users/{username}'].get.responses['200'].links.byRef = {
      operationRef: '#/paths/~12.0~1repositories~1{username}/get',
      description: 'the same, named by pointer',
    };
    doc.paths['/2.0/users/{username}'].get.responses['200'].links.elsewhere = { operationRef: 'https://example.com/other.yaml#/paths/~1x/get' };
    const api = apiDocument(doc);
    const user = api.operations.find((op) => op.operation.operationId === 'getUserByName')!;
    expect(api.linksOf(user.operation).map((l) => [l.name, l.status, l.target?.operation.operationId, l.targetText, l.parameters])).toEqual([
      ['userRepositories', '200', 'getRepositoriesByOwner', 'getRepositoriesByOwner', [['username', '$response.body#/username']]],
      ['byRef', '200', 'getRepositoriesByOwner', '#/paths/~12.0~1repositories~1{username}/get', []],
      ['elsewhere', '200', undefined, 'https://example.com/other.yaml#/paths/~1x/get', []],
    ]);
  });
});

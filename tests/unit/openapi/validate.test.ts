import { describe, expect, it } from 'vitest';
import { validateSpecSchema } from '../../../src/lib/openapi/validate.ts';

const messages = async (doc: Record<string, unknown>, format: Parameters<typeof validateSpecSchema>[1]) =>
  (await validateSpecSchema(doc, format)).map((p) => `${p.segments.join('/')}: ${p.message}`);

describe('schema violations are boiled down to what a person would fix', () => {
  it('a wrong parameter location is one message listing the allowed values (3.0)', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { parameters: [{ name: 'q', in: 'querry', schema: { type: 'string' } }], responses: { 200: { description: 'ok' } } } } },
    };
    expect(await messages(doc, 'openapi-3.0')).toEqual(['paths//a/get/parameters/0/in: OpenAPI 3.0 schema: `in` must be one of `path`, `query`, `header`, `cookie`']);
  });

  it('a valid location does not drag in the other branches’ complaints (Swagger 2.0)', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { parameters: [{ name: 'b', in: 'body', schema: { type: 'object' }, type: 'string' }], responses: { 200: { description: 'ok' } } } } },
    };
    expect(await messages(doc, 'swagger-2.0')).toEqual(['paths//a/get/parameters/0/type: Swagger 2.0 schema: unknown field `type` in `0`']);
  });

  it('points an unknown field at the field itself and a missing one at its object (3.1)', async () => {
    const doc = { openapi: '3.1.0', info: { title: 't' }, paths: { '/a': { get: { responses: { 200: { descriptio: 'x' } } } } } };
    expect(await messages(doc, 'openapi-3.1')).toEqual([
      'info: OpenAPI 3.1 schema: `info` is missing the required field `version`',
      'paths//a/get/responses/200: OpenAPI 3.1 schema: `200` is missing the required field `description`',
      'paths//a/get/responses/200/descriptio: OpenAPI 3.1 schema: unknown field `descriptio`',
    ]);
  });

  it('finds nothing in GitHub-style valid documents', async () => {
    expect(await messages({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} }, 'openapi-3.0')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { loadSpec } from '../../../src/lib/openapi/index.ts';
import { FIXTURES } from './fixtures.ts';

async function load(file: string) {
  const { spec, diagnostics } = await loadSpec({ root: FIXTURES, file });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return spec!;
}

describe('the same API as Swagger 2.0 and as OpenAPI 3.1', () => {
  it('loads through the spec loader and shows no changes either way', async () => {
    const swagger = await load('petstore-swagger2.yaml');
    const openapi31 = await load('petstore-openapi31.yaml');
    expect(swagger.sourceFormat).toBe('swagger-2.0');
    expect(openapi31.sourceFormat).toBe('openapi-3.1');
    const empty = { breaking: false, added: [], removed: [], changed: [] };
    expect(diffSpecs(swagger.openapi, openapi31.openapi)).toEqual(empty);
    expect(diffSpecs(openapi31.openapi, swagger.openapi)).toEqual(empty);
  });

  it('still sees a real change between them', async () => {
    const swagger = await load('petstore-swagger2.yaml');
    const openapi31 = structuredClone((await load('petstore-openapi31.yaml')).openapi);
    openapi31.components.schemas.Pet.properties.status.enum.push('adopted');
    delete openapi31.components.schemas.Error.properties.message;
    const diff = diffSpecs(swagger.openapi, openapi31);
    expect(diff.changed.map((op) => [op.method, op.path, op.changes.map((c) => c.kind)])).toEqual([
      ['get', '/pets', ['response-enum-value-added', 'response-property-removed']],
      ['post', '/pets', ['response-enum-value-added']],
      ['get', '/pets/{id}', ['response-enum-value-added', 'response-property-removed']],
    ]);
  });
});

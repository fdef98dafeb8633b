import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiDocument, createFsReader, createMemoryReader, loadSpec } from '../../../src/lib/openapi/index.ts';

/** Valid OpenAPI 3.2 documents from the OpenAPI Initiative's schema tests (see tests/fixtures/specs/README.md). */
const OAI = fileURLToPath(new URL('../../fixtures/specs/oai-examples/', import.meta.url));
const OAI_32 = readdirSync(OAI).filter((f) => f.startsWith('3.2-'));

const load = (file: string) => loadSpec({ root: OAI, file, reader: createFsReader(OAI) });

describe('OpenAPI 3.2', () => {
  it('is validated against the 3.2 schema: no valid OAI 3.2 example gets a schema warning', async () => {
    expect(OAI_32.length).toBeGreaterThanOrEqual(5);
    for (const file of OAI_32) {
      const result = await load(file);
      expect(result.spec?.sourceFormat, file).toBe('openapi-3.2');
      expect(result.diagnostics.filter((d) => d.code === 'spec-schema').map((d) => d.message), file).toEqual([]);
    }
  });

  it('a valid 3.2 document using tags summary/parent/kind, $self or server names has no diagnostics at all (check --strict passes)', async () => {
    for (const file of ['3.2-tag-object-example.yaml', '3.2-info-object-example.yaml', '3.2-servers.yaml']) {
      const result = await load(file);
      expect(result.diagnostics, file).toEqual([]);
    }
  });

  it('reads `query` and `additionalOperations` as operations of the path item, with nothing to warn about (check --strict passes)', async () => {
    const result = await load('3.2-path-item-object-example.yaml');
    expect(result.diagnostics).toEqual([]);
    const api = apiDocument(result.spec!.openapi);
    expect(api.operations.map((op) => [op.method, op.path, op.pointer, op.operation.operationId])).toEqual([
      ['get', '/pets/{id}', '#/paths/~1pets~1{id}/get', 'getPetsById'],
      ['query', '/pets/{id}', '#/paths/~1pets~1{id}/query', 'queryPetsById'],
      ['copy', '/pets/{id}', '#/paths/~1pets~1{id}/additionalOperations/COPY', 'copyPetsById'],
    ]);
    // The path item's `id` parameter applies to each of them, as to any operation.
    for (const op of api.operations) expect(op.parameters.map((p) => `${p.parameter.in} ${p.parameter.name}`)).toEqual(['path id']);
  });

  it('a 3.2 violation is still reported, against the 3.2 schema', async () => {
    const text = 'openapi: 3.2.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n      parameters: [{name: q, in: body}]\n      responses: {"200": {description: ok}}\n';
    const result = await loadSpec({ root: '/c', file: 'openapi.yaml', reader: createMemoryReader({ 'openapi.yaml': text }) });
    expect(result.diagnostics.some((d) => d.code === 'spec-schema' && d.message.startsWith('OpenAPI 3.2 schema:'))).toBe(true);
  });

  it('a version Atrium cannot read is still an error', async () => {
    const result = await loadSpec({ root: '/c', file: 'openapi.yaml', reader: createMemoryReader({ 'openapi.yaml': 'openapi: 4.0.0\ninfo: {title: x, version: "1"}\n' }) });
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 1 });
  });
});

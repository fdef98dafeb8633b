import { describe, expect, it } from 'vitest';
import * as spec from '../../../src/lib/openapi/index.ts';
import { createMemoryReader, lintSpec, loadSpec } from '../../../src/lib/openapi/index.ts';

describe('src/lib/openapi public surface', () => {
  it('exports exactly what other modules code against', () => {
    expect(Object.keys(spec).sort()).toEqual(['SPEC_LOADER_VERSION', 'apiDocument', 'convertSwagger2', 'createFsReader', 'createMemoryReader', 'lintSpec', 'loadSpec', 'upgradeDocument']);
  });

  it('lintSpec gives the lint findings of a loaded spec, by bundled pointer', async () => {
    const reader = createMemoryReader({
      'api.json': JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'ok' } } } } } }, null, 2),
    });
    const { spec: loaded, diagnostics } = await loadSpec({ root: '/unused', file: 'api.json', reader });
    expect(lintSpec(loaded!)).toEqual([
      { severity: 'warning', code: 'spec-operation-id-missing', message: expect.stringContaining('GET /a'), file: 'api.json', pointer: '#/paths/~1a/get' },
    ]);
    // loadSpec already includes it, with the JSON line and column.
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'spec-operation-id-missing', line: 9, column: 7 })]);
  });
});

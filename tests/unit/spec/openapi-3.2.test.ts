import { describe, expect, it } from 'vitest';
import { createMemoryReader, loadSpec } from '../../../src/lib/spec/index.ts';

describe('OpenAPI 3.2', () => {
  it('is rendered as 3.1 with one warning naming what is not shown', async () => {
    const text = 'openapi: 3.2.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses: {"200": {description: ok}}\n';
    const result = await loadSpec({ root: '/c', file: 'openapi.yaml', reader: createMemoryReader({ 'openapi.yaml': text }) });
    expect(result.spec?.sourceFormat).toBe('openapi-3.1');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.some((d) => d.severity === 'warning' && /read as OpenAPI 3\.1/.test(d.message))).toBe(true);
  });

  it('a version Atrium cannot read is still an error', async () => {
    const result = await loadSpec({ root: '/c', file: 'openapi.yaml', reader: createMemoryReader({ 'openapi.yaml': 'openapi: 4.0.0\ninfo: {title: x, version: "1"}\n' }) });
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 1 });
  });
});

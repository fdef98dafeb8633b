import { describe, expect, it } from 'vitest';
import { createMemoryReader, loadSpec } from '../../../src/lib/openapi/index.ts';

describe('an empty spec file', () => {
  it('is an error at line 1 saying what a spec must start with', async () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const result = await loadSpec({ root: '/c', file: 'openapi.yaml', reader: createMemoryReader({ 'openapi.yaml': text }) });
      expect(result.spec).toBeUndefined();
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ severity: 'error', file: 'openapi.yaml', line: 1, message: expect.stringContaining('`openapi: 3.1.0`') }),
      ]);
    }
  });
});

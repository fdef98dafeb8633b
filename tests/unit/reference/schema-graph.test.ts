import { describe, expect, it } from 'vitest';
import { isRecursiveReference, referencedComponents } from '../../../src/lib/reference/schema-graph.ts';
import { createMemoryReader, loadSpec } from '../../../src/lib/openapi/index.ts';

/** A → B by a property; B shows an example that happens to hold a `$ref` key (data, not a reference). */
const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/a': { get: { operationId: 'getA', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } } } },
  },
  components: {
    schemas: {
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
      B: {
        type: 'object',
        properties: { link: { type: 'object', default: { $ref: '#/components/schemas/A' } } },
        example: { link: { $ref: '#/components/schemas/A' } },
        examples: [{ $ref: '#/components/schemas/A' }],
      },
      C: { type: 'object', properties: { self: { $ref: '#/components/schemas/C' } } },
    },
  },
};

describe('schema graph: a $ref counts where the spec loader counts it', () => {
  it('a $ref inside an example or default is data, not an edge', () => {
    expect([...referencedComponents(doc.components.schemas.B)]).toEqual([]);
    expect([...referencedComponents(doc.components.schemas.A)]).toEqual(['B']);
    expect(isRecursiveReference(doc, 'A', 'B')).toBe(false);
    expect(isRecursiveReference(doc, 'C', 'C')).toBe(true);
  });

  it('agrees with the loader: the example $ref neither makes a loop nor uses a component', async () => {
    const reader = createMemoryReader({ 'api.json': JSON.stringify(doc, null, 2) });
    const { diagnostics } = await loadSpec({ root: '/unused', file: 'api.json', reader });
    // C is used by nothing structural, so the loader calls it unused; A and B are used.
    expect(diagnostics.filter((d) => d.code === 'spec-component-unused').map((d) => d.message)).toEqual([expect.stringContaining('`C`')]);
  });
});

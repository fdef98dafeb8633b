import { describe, expect, it } from 'vitest';
import { buildReferenceIndex, renderOperationPage } from '../../../src/lib/reference/index.ts';
import { byClass, context, parseHtml } from './helpers.ts';

/** `count` operations; each returns Level<depth>, and Level<i> refers to Level<i-1> twice. */
function diamondSpec(count: number, depth: number) {
  const schemas: Record<string, unknown> = { Level0: { type: 'object', properties: { leaf: { type: 'string', description: 'A leaf.' } } } };
  for (let i = 1; i <= depth; i++) {
    schemas[`Level${i}`] = {
      type: 'object',
      properties: { left: { $ref: `#/components/schemas/Level${i - 1}` }, right: { $ref: `#/components/schemas/Level${i - 1}` } },
    };
  }
  const paths: Record<string, unknown> = {};
  for (let n = 0; n < count; n++) {
    paths[`/items${n}`] = {
      get: {
        operationId: `op${n}`,
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/Level${depth}` } } } } },
      },
    };
  }
  return { openapi: '3.0.3', info: { title: 'scale', version: '1' }, paths, components: { schemas } };
}

describe('page size', () => {
  it('renders each reachable schema once, so a 2^30-path schema graph stays small', () => {
    const doc = diamondSpec(1, 30);
    const page = renderOperationPage(doc, buildReferenceIndex(doc), 'op0', context());
    const sections = byClass(parseHtml(page.html), 'ref-fields').map((s) => s.properties.id);
    expect(sections).toHaveLength(31);
    expect(new Set(sections).size).toBe(31);
    expect(page.html.length).toBeLessThan(60_000);
  });

  it('does not grow with the number of operations sharing the schemas', () => {
    const size = (count: number) => {
      const doc = diamondSpec(count, 12);
      return renderOperationPage(doc, buildReferenceIndex(doc), 'op0', context()).html.length;
    };
    expect(size(300)).toBe(size(3));
  });
});

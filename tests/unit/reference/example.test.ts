import { describe, expect, it } from 'vitest';
import { generateExample } from '../../../src/lib/reference/index.ts';
import { examplesOf, exampleText, MAX_EXAMPLE_CHARS } from '../../../src/lib/reference/example.ts';
import { loadSpec } from './helpers.ts';

const doc = {
  openapi: '3.0.3',
  components: {
    schemas: {
      Node: { type: 'object', properties: { name: { type: 'string' }, next: { $ref: '#/components/schemas/Node' } } },
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
      B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' }, n: { type: 'integer', minimum: 5 } } },
    },
  },
};

describe('generateExample', () => {
  it('shares one example among the uses of a reference, as generated from that reference', () => {
    const spec = structuredClone(doc);
    const first = generateExample(spec, { $ref: '#/components/schemas/Node' }, 'response');
    const second = generateExample(spec, { $ref: '#/components/schemas/Node', description: 'siblings are not read' }, 'response');
    expect(second).toBe(first);
    // The reference is on the stack while its target generates: the cycle stops one level
    // earlier than from the target itself, so the memo is by reference, not by target.
    expect(first).toEqual({ name: 'string' });
    expect(generateExample(spec, spec.components.schemas.Node, 'response')).toEqual({ name: 'string', next: { name: 'string' } });
    expect(generateExample(spec, { $ref: '#/components/schemas/Node' }, 'request')).toEqual({ name: 'string' });
  });

  it('follows types and formats', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        at: { type: 'string', format: 'date-time' },
        email: { type: 'string', format: 'email' },
        count: { type: 'integer', minimum: 3 },
        ratio: { type: 'number', exclusiveMinimum: 0 },
        ok: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
        mode: { type: 'string', default: 'fast' },
        nick: { type: 'string', nullable: true },
        size: { type: ['integer', 'null'] },
        extra: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    };
    expect(generateExample(doc, schema, 'response')).toEqual({
      id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      at: '2024-01-01T12:00:00Z',
      email: 'user@example.com',
      count: 3,
      ratio: 0.5,
      ok: true,
      tags: ['a'],
      mode: 'fast',
      nick: 'string',
      size: 0,
      extra: { key: 0 },
    });
  });

  it('prefers the schema’s own examples (3.1 `examples`, 3.0 `example`)', () => {
    expect(generateExample(doc, { type: 'string', examples: ['Rex'], example: 'Max' }, 'request')).toBe('Rex');
    expect(generateExample(doc, { type: 'object', example: { a: 1 }, properties: { b: { type: 'string' } } }, 'request')).toEqual({ a: 1 });
  });

  it('leaves read-only fields out of requests and write-only fields out of responses', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer', readOnly: true }, pw: { type: 'string', writeOnly: true } } };
    expect(generateExample(doc, schema, 'request')).toEqual({ pw: 'string' });
    expect(generateExample(doc, schema, 'response')).toEqual({ id: 0 });
  });

  it('generates a schema once per direction, and keeps the directions apart', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer', readOnly: true }, pw: { type: 'string', writeOnly: true } } };
    const request = generateExample(doc, schema, 'request');
    expect(generateExample(doc, schema, 'request')).toBe(request);
    expect(generateExample(doc, schema, 'response')).toEqual({ id: 0 });
    expect(request).toEqual({ pw: 'string' });
    // Another document with the same schema object reads its own refs.
    const other = { components: { schemas: { Node: { type: 'string' } } } };
    const ref = { $ref: '#/components/schemas/Node' };
    expect(generateExample(other, ref, 'request')).toBe('string');
    expect(generateExample(doc, ref, 'request')).toEqual({ name: 'string' });
  });

  it('merges allOf and picks the first oneOf/anyOf option', () => {
    const schema = {
      allOf: [
        { type: 'object', properties: { a: { type: 'integer' } } },
        { type: 'object', properties: { b: { oneOf: [{ type: 'boolean' }, { type: 'string' }] } } },
      ],
    };
    expect(generateExample(doc, schema, 'request')).toEqual({ a: 0, b: true });
  });

  it('ends on recursive schemas, direct and mutual', () => {
    expect(generateExample(doc, { $ref: '#/components/schemas/Node' }, 'response')).toEqual({ name: 'string' });
    expect(generateExample(doc, { $ref: '#/components/schemas/A' }, 'response')).toEqual({ b: { n: 5 } });
  });

  it('is deterministic and bounded on a very wide and deep schema', () => {
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, { $ref: '#/components/schemas/W' }])) };
    const spec = { components: { schemas: { W: wide } } };
    // Without cycle detection this would be 50^depth values; with it the W ref stops at once.
    const first = generateExample(spec, wide, 'response');
    expect(generateExample(spec, wide, 'response')).toEqual(first);
    const deep: Record<string, unknown> = { type: 'object', properties: {} };
    let cursor = deep;
    for (let i = 0; i < 30; i++) {
      const next = { type: 'object', properties: Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`k${j}`, { type: 'string' }])) };
      (cursor.properties as Record<string, unknown>).child = next;
      cursor = next;
    }
    expect(JSON.stringify(generateExample(spec, deep, 'response')).length).toBeLessThan(5_000);
  });
});

describe('examplesOf', () => {
  const pets = loadSpec('reference/pets-3.1.yaml');

  it('reads named examples, resolving refs, before generating', () => {
    const spec = {
      components: { examples: { Rex: { summary: 'A dog', value: { name: 'Rex' } } } },
    };
    const media = { examples: { rex: { $ref: '#/components/examples/Rex' }, url: { externalValue: 'https://e.com/x.json' } } };
    expect(examplesOf(spec, media, undefined, 'response')).toEqual([
      { name: 'rex', summary: 'A dog', value: { name: 'Rex' }, generated: false },
      { name: 'url', value: undefined, generated: false, externalValue: 'https://e.com/x.json' },
    ]);
    expect(examplesOf(pets, { example: 7 }, { type: 'integer' }, 'response')).toEqual([{ value: 7, generated: false }]);
    expect(examplesOf(pets, {}, { $ref: '#/components/schemas/Tag' }, 'response')).toEqual([{ value: 'small', generated: true }]);
  });

  it('cuts very long examples for display', () => {
    const long = exampleText('x'.repeat(MAX_EXAMPLE_CHARS + 10));
    expect(long.truncated).toBe(true);
    expect(long.text).toHaveLength(MAX_EXAMPLE_CHARS);
    expect(exampleText({ a: 1 })).toEqual({ text: '{\n  "a": 1\n}', truncated: false });
    const big = { items: Array.from({ length: 5000 }, (_, i) => ({ i })) };
    const first = exampleText(big);
    expect(first.truncated).toBe(true);
    // Kept per value: a caller changing its answer does not change the next one.
    first.text = 'changed';
    expect(exampleText(big).text).toHaveLength(MAX_EXAMPLE_CHARS);
  });
});

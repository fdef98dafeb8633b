import { describe, expect, it } from 'vitest';
import { renderSchemaTree } from '../../../src/lib/reference/schema-tree.ts';
import { PageSchemas } from '../../../src/lib/reference/page-schemas.ts';
import { byClass, parseHtml, textOf } from './helpers.ts';

const doc = {
  openapi: '3.0.3',
  components: {
    schemas: {
      Opt: { type: 'string', nullable: true, enum: ['a', 'b', null] },
      Open: { type: 'object', additionalProperties: true, properties: { x: { type: 'string' } } },
      Closed: { type: 'object', additionalProperties: false, properties: { x: { type: 'string' } } },
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
      B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' }, leaf: { $ref: '#/components/schemas/Leaf' } } },
      Leaf: { type: 'integer' },
      Looping: {
        type: 'object',
        properties: {
          child: { type: 'object', properties: { next: { $ref: '#/components/schemas/Looping/properties/child' } } },
          broken: { $ref: '#/components/schemas/Looping/properties/broken' },
        },
      },
    },
  },
};

function tree(schema: unknown, within?: string) {
  const used: string[] = [];
  const html = renderSchemaTree(doc, schema, { use: (n) => used.push(n), within }).value;
  return { html, used, text: textOf(parseHtml(html)) };
}

describe('schema trees', () => {
  it("show 3.0 `nullable: true` and drop the enum's null", () => {
    const { text } = tree(doc.components.schemas.Opt);
    expect(text).toContain('string nullable');
    expect(text).toContain('one of "a", "b"');
    expect(text).not.toContain('null,');
  });

  it('show additionalProperties', () => {
    expect(tree(doc.components.schemas.Open).text).toContain('[any other key] any');
    expect(tree(doc.components.schemas.Closed).text).toContain('additional properties not allowed');
  });

  it('link component refs instead of inlining them, and report each use', () => {
    const { html, used } = tree({ type: 'array', items: { $ref: '#/components/schemas/A' } });
    expect(html).toContain('<a class="ref-type ref-schema-link" href="#schema-A">A</a>');
    expect(used).toEqual(['A']);
  });

  it('mark mutual recursion with ↻ inside the component sections only', () => {
    const inB = tree(doc.components.schemas.B, 'B');
    const recursive = byClass(parseHtml(inB.html), 'ref-recursive').map(textOf);
    expect(recursive).toEqual(['↻ A']);
    // Leaf is not on a cycle with B: a plain link.
    expect(inB.html).toContain('href="#schema-Leaf">Leaf</a>');
    // Outside a component section nothing is "recursive".
    expect(tree({ $ref: '#/components/schemas/A' }).html).not.toContain('ref-recursive');
  });

  it('expand refs to non-component schemas inline, stopping loops', () => {
    const { html, text } = tree(doc.components.schemas.Looping, 'Looping');
    expect(byClass(parseHtml(html), 'ref-recursive').map(textOf)).toEqual(['↻ #/components/schemas/Looping/properties/child']);
    // A ref chain that never reaches a schema says so instead of spinning.
    expect(text).toContain('unresolved #/components/schemas/Looping/properties/broken');
  });

  it('write simple unions on one line and list the others', () => {
    expect(tree({ type: 'object', properties: { id: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } }).text).toContain('id string | integer');
    const listed = tree({ oneOf: [{ type: 'string', description: 'A name.' }, { type: 'integer' }] }).text;
    expect(listed).toContain('One of');
    expect(listed).toContain('A name.');
  });

  it('say when a referenced schema is missing', () => {
    const { html, used } = tree({ $ref: '#/components/schemas/Nope' });
    expect(html).toContain('Nope (missing)');
    expect(used).toEqual([]);
  });

  it('collect the components a page reaches, breadth-first, each once', () => {
    const page = new PageSchemas(doc);
    page.use('A');
    page.use('A');
    expect(page.names()).toEqual(['A', 'B', 'Leaf']);
    const ids = byClass(parseHtml(page.render().value), 'ref-component').map((e) => e.properties.id);
    expect(ids).toEqual(['schema-A', 'schema-B', 'schema-Leaf']);
  });
});

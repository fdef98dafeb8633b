import { describe, expect, it } from 'vitest';
import { mergeAllOf, renderSchemaTree } from '../../../src/lib/reference/schema-tree.ts';
import { elements } from './helpers.ts';
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

  it('show a top-level component in place, its link kept, deeper components as links; report each use in order', () => {
    const { html, used, text } = tree({ type: 'array', items: { $ref: '#/components/schemas/A' } });
    expect(html).toContain('<a class="ref-type ref-schema-link" href="#schema-A">A</a>');
    // A's field is listed where A is used; B inside it stays a link.
    expect(text).toMatch(/b B/);
    expect(html).toContain('href="#schema-B">B</a>');
    expect(used).toEqual(['A', 'B']);
    // Inside A's own section, A is not repeated in place.
    expect(tree({ $ref: '#/components/schemas/A' }, 'A').text).not.toMatch(/b B/);
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

  describe('compositions read as the reader needs them', () => {
    const pets = {
      openapi: '3.1.0',
      components: {
        schemas: {
          Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' } }, description: 'Common fields.' },
          Cat: { type: 'object', properties: { petType: { type: 'string' }, purrs: { type: 'boolean' } } },
          Dog: { type: 'object', properties: { petType: { type: 'string' }, barks: { type: 'boolean' } } },
          Pet: {
            oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
            discriminator: { propertyName: 'petType', mapping: { cat: '#/components/schemas/Cat', dog: 'Dog' } },
          },
          Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }, { type: 'object', properties: { x: { type: 'string' } } }] },
        },
      },
    };
    const render = (schema: unknown, options = { use: () => {} }) => renderSchemaTree(pets, schema, options).value;

    it('merge allOf parts into one object, required lists joined', () => {
      const merged = mergeAllOf(pets, { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }] });
      expect(Object.keys(merged!.properties)).toEqual(['id', 'name']);
      expect(merged!.required).toEqual(['id', 'name']);
      expect(merged!.description).toBe('Common fields.');
      const text = textOf(parseHtml(render({ allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { name: { type: 'string' } } }] })));
      expect(text).toMatch(/^object/);
      expect(text).toMatch(/id string required/);
      expect(text).not.toContain('All of');
    });

    it('leave an allOf that leads back to itself as its parts, never infinite', () => {
      expect(mergeAllOf(pets, pets.components.schemas.Loop, ['#/components/schemas/Loop'])).toBeUndefined();
      const html = renderSchemaTree(pets, pets.components.schemas.Loop, { use: () => {}, within: 'Loop' }).value;
      expect(textOf(parseHtml(html))).toContain('All of');
    });

    it('switch between oneOf variants without script: an exclusive group, the first open, the discriminator value named', () => {
      const html = render(pets.components.schemas.Pet);
      const details = elements(parseHtml(html)).filter((e) => e.tagName === 'details' && String(e.properties.className).includes('ref-variant'));
      expect(details).toHaveLength(2);
      expect(new Set(details.map((d) => d.properties.name)).size).toBe(1);
      expect(details[0]!.properties.open).toBe(true);
      expect(details[1]!.properties.open).toBeUndefined();
      expect(details.map((d) => textOf(elements(d as never).find((e) => e.tagName === 'summary')!))).toEqual([
        'Cat petType = "cat"',
        'Dog petType = "dog"',
      ]);
      // Each variant is shown in place, with its fields.
      expect(textOf(details[0]!)).toMatch(/purrs boolean/);
      expect(textOf(details[1]!)).toMatch(/barks boolean/);
    });

    it('show component variants in place one level deep: variants inside them stay links, so a page does not grow with the paths', () => {
      // Stripe's expandable fields: `charge: anyOf [string, Charge]`, Charge's `customer: anyOf [string, Customer]` …
      const expandable = (name: string) => ({ anyOf: [{ type: 'string', description: 'ID' }, { $ref: `#/components/schemas/${name}` }] });
      const chain = {
        openapi: '3.0.3',
        components: {
          schemas: {
            Refund: { type: 'object', properties: { charge: expandable('Charge') } },
            Charge: { type: 'object', properties: { paid: { type: 'boolean' }, customer: expandable('Customer') } },
            Customer: { type: 'object', properties: { email: { type: 'string' }, account: expandable('Account') } },
            Account: { type: 'object', properties: { country: { type: 'string' } } },
          },
        },
      };
      const used: string[] = [];
      const html = renderSchemaTree(chain, chain.components.schemas.Refund, { use: (n) => used.push(n) }).value;
      const text = textOf(parseHtml(html));
      expect(text).toMatch(/paid boolean/);
      expect(text).not.toMatch(/email string/);
      expect(text).not.toMatch(/country string/);
      expect(html).toContain('href="#schema-Customer"');
      expect(used).toEqual(expect.arrayContaining(['Charge', 'Customer']));
    });

    it('give each oneOf on a page its own group', () => {
      const options = { use: () => {} };
      const first = render(pets.components.schemas.Pet, options);
      const second = render(pets.components.schemas.Pet, options);
      const name = (html: string) => elements(parseHtml(html)).find((e) => e.tagName === 'details')!.properties.name;
      expect(name(first)).not.toBe(name(second));
    });
  });
});

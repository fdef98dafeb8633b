import { describe, expect, it } from 'vitest';
import { mergeAllOf, renderSchemaTree } from '../../../src/lib/reference/schema-tree.ts';
import { elements } from './helpers.ts';
import type { SpecObject } from '../../../src/lib/reference/types.ts';
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

/** A tree as a page shows it: its slots filled by the page's schemas (page-schemas.ts). */
function placed(spec: SpecObject, schema: unknown, subject?: string) {
  const page = new PageSchemas(spec);
  if (subject) page.skip(subject);
  const used: string[] = [];
  const rendered = renderSchemaTree(spec, schema, { use: (n) => (used.push(n), page.use(n)), within: subject });
  const html = page.localizeLinks(rendered.value + page.render().value);
  return { html, used, text: textOf(parseHtml(html)), page };
}

function tree(schema: unknown, within?: string) {
  return placed(doc, schema, within);
}

/** `<details>` in document order with their summary text and whether they are open. */
function detailsOf(html: string) {
  return elements(parseHtml(html))
    .filter((e) => e.tagName === 'details')
    .map((d) => ({ summary: textOf(elements(d as never).find((e) => e.tagName === 'summary')!), open: d.properties.open === true, id: d.properties.id, el: d }));
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

  it("show a component's fields where it is used, its link kept; report each use in order", () => {
    const { html, used, text, page } = tree({ type: 'array', items: { $ref: '#/components/schemas/A' } });
    expect(html).toContain('<a class="ref-type ref-schema-link" href="#schema-A">A</a>');
    // A's field b is listed where A is used, and B's fields under it, in place (depth 2, open).
    expect(text).toMatch(/b B/);
    expect(text).toMatch(/leaf Leaf/);
    const b = detailsOf(html).find((d) => d.id === 'schema-B')!;
    expect(b.open).toBe(true);
    expect(used).toEqual(['A']);
    expect(page.names()).toEqual(['A', 'B', 'Leaf']);
  });

  it('mark a cycle with ↻ where a schema is used inside its own fields, and stop there', () => {
    const { html } = tree({ $ref: '#/components/schemas/A' });
    // A → b: B → a: A again: a link back up, not another copy.
    const recursive = byClass(parseHtml(html), 'ref-recursive');
    expect(recursive.map((a) => [textOf(a), a.properties.href])).toEqual([['↻ A', '#schema-A']]);
    expect(elements(parseHtml(html)).filter((e) => e.properties.id === 'schema-A')).toHaveLength(1);
    // Leaf is not on a cycle: a plain link.
    expect(html).toContain('href="#schema-Leaf">Leaf</a>');
    // On a schema's own page, the subject itself is the ancestor.
    const inB = tree(doc.components.schemas.B, 'B');
    expect(byClass(parseHtml(inB.html), 'ref-recursive').map(textOf)).toEqual(['↻ B']);
  });

  it('open fields down to depth 2 and collapse deeper ones, however they nest', () => {
    const chain: SpecObject = {
      openapi: '3.1.0',
      components: {
        schemas: {
          L1: { type: 'object', properties: { two: { $ref: '#/components/schemas/L2' }, inline: { type: 'object', properties: { deep: { type: 'object', properties: { x: { type: 'string' } } } } } } },
          L2: { type: 'object', properties: { three: { $ref: '#/components/schemas/L3' } } },
          L3: { type: 'object', properties: { four: { type: 'array', items: { $ref: '#/components/schemas/L4' } } } },
          L4: { type: 'object', properties: { leaf: { type: 'string' } } },
        },
      },
    };
    const { html, text } = placed(chain, { $ref: '#/components/schemas/L1' });
    const details = detailsOf(html);
    expect(details.map((d) => [d.summary, d.open])).toEqual([
      ['1 property of L2', true], // fields at depth 2
      ['1 property of L3', false], // depth 3
      ['1 property of L4', false], // depth 4, through an array
      ['1 property', true], // an inline object at depth 2
      ['1 property', false], // and one at depth 3
    ]);
    // Collapsed is still on the page: the text is there for find-in-page and search.
    expect(text).toMatch(/leaf string/);
  });

  it('show each component once per page: later uses link to the first', () => {
    const twice = { type: 'object', properties: { first: { $ref: '#/components/schemas/Leafy' }, second: { $ref: '#/components/schemas/Leafy' } } };
    const spec: SpecObject = { openapi: '3.1.0', components: { schemas: { Leafy: { type: 'object', properties: { a: { type: 'string' } } } } } };
    const { html } = placed(spec, twice);
    expect(elements(parseHtml(html)).filter((e) => e.properties.id === 'schema-Leafy')).toHaveLength(1);
    const repeat = byClass(parseHtml(html), 'ref-repeat');
    expect(repeat.map(textOf)).toEqual(['Fields: see Leafy above']);
    expect(html.match(/a string/g) ?? []).toHaveLength(0); // markup between name and type
    expect(textOf(parseHtml(html)).match(/a string/g)).toHaveLength(1);
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

  it('place the components a page reaches breadth-first, each once; those named only in type labels go to the appendix', () => {
    const { page } = placed(doc, { $ref: '#/components/schemas/A' });
    expect(page.names()).toEqual(['A', 'B', 'Leaf']);
    const only = new PageSchemas(doc);
    only.use('Opt');
    const html = only.localizeLinks(only.render().value);
    expect(byClass(parseHtml(html), 'ref-component').map((e) => e.properties.id)).toEqual(['schema-Opt']);
    expect(textOf(parseHtml(html))).toContain('one of "a", "b"');
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
    const render = (schema: unknown) => placed(pets, schema).html;

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
      const { html } = placed(pets, pets.components.schemas.Loop, 'Loop');
      expect(textOf(parseHtml(html))).toContain('All of');
      expect(byClass(parseHtml(html), 'ref-recursive').map(textOf)).toEqual(['↻ Loop']);
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

    it('show component variants in place at every depth, each once per page, so a page does not grow with the paths', () => {
      // Stripe's expandable fields: `charge: anyOf [string, Charge]`, Charge's `customer: anyOf [string, Customer]` …
      const expandable = (name: string) => ({ anyOf: [{ type: 'string', description: 'ID' }, { $ref: `#/components/schemas/${name}` }] });
      const chain = {
        openapi: '3.0.3',
        components: {
          schemas: {
            Refund: { type: 'object', properties: { charge: expandable('Charge'), other: expandable('Charge') } },
            Charge: { type: 'object', properties: { paid: { type: 'boolean' }, customer: expandable('Customer'), refund: expandable('Refund') } },
            Customer: { type: 'object', properties: { email: { type: 'string' }, account: expandable('Account') } },
            Account: { type: 'object', properties: { country: { type: 'string' } } },
          },
        },
      };
      const { html, text, page } = placed(chain, { $ref: '#/components/schemas/Refund' });
      expect(text).toMatch(/paid boolean/);
      expect(text).toMatch(/email string/);
      expect(text).toMatch(/country string/);
      for (const name of ['Refund', 'Charge', 'Customer', 'Account']) {
        expect(elements(parseHtml(html)).filter((e) => e.properties.id === `schema-${name}`)).toHaveLength(1);
      }
      // `other` is the same Charge: a link to the first; Charge's `refund` leads back up: ↻.
      expect(byClass(parseHtml(html), 'ref-repeat').map(textOf)).toEqual(['Fields: see Charge above']);
      expect(byClass(parseHtml(html), 'ref-recursive').map(textOf)).toEqual(['↻ Refund']);
      expect(page.names()).toEqual(['Refund', 'Charge', 'Customer', 'Account']);
    });

    it('give each oneOf on a page its own group', () => {
      const page = new PageSchemas(pets);
      const options = { use: page.use };
      const inline = { oneOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { b: { type: 'string' } } }] };
      const html = page.localizeLinks(renderSchemaTree(pets, inline, options).value + renderSchemaTree(pets, inline, options).value);
      const names = elements(parseHtml(html)).filter((e) => e.tagName === 'details').map((d) => d.properties.name);
      expect(new Set(names).size).toBe(2);
    });

    it('show the discriminator mapping: the value that selects each variant, and mapped schemas outside the list', () => {
      const spec = {
        ...pets,
        components: {
          schemas: {
            ...pets.components.schemas,
            Lizard: { type: 'object', properties: { petType: { type: 'string' } } },
            Shelter: {
              oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
              discriminator: { propertyName: 'petType', mapping: { cat: 'Cat', kitten: '#/components/schemas/Cat', lizard: '#/components/schemas/Lizard' } },
            },
          },
        },
      };
      const { html } = placed(spec, { $ref: '#/components/schemas/Shelter' });
      const summaries = detailsOf(html).filter((d) => String(d.el.properties.className).includes('ref-variant')).map((d) => d.summary);
      // Two keys map to Cat; Dog is unmapped, so (with a mapping) no value is claimed for it.
      expect(summaries).toEqual(['Cat petType = "cat" or "kitten"', 'Dog']);
      expect(textOf(byClass(parseHtml(html), 'ref-discriminator-extra')[0]!)).toBe('Also mapped: petType = "lizard" → Lizard');
      expect(textOf(parseHtml(html))).toContain('discriminator petType');
    });
  });
});

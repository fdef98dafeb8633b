import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { api, api30, changesOf, getReturning, jsonBody, jsonResponse, kinds, postTaking } from './helpers.ts';

/** The same schema written for 3.0 and 3.1 must compare equal, in both directions. */
function same30and31(schema30: unknown, schema31: unknown): void {
  const doc = (make: typeof api, schema: unknown) =>
    make({ '/x': { post: { requestBody: jsonBody(schema, true), responses: { '200': jsonResponse(schema) } } } });
  expect(diffSpecs(doc(api30, schema30), doc(api, schema31)).changed).toEqual([]);
  expect(diffSpecs(doc(api, schema31), doc(api30, schema30)).changed).toEqual([]);
}

describe('schema normalisation across OpenAPI versions', () => {
  it('nullable: true (3.0) equals type [x, null] (3.1)', () => {
    same30and31({ type: 'string', nullable: true }, { type: ['string', 'null'] });
  });

  it('nullable $ref via allOf (3.0) equals anyOf [$ref, null] (3.1)', () => {
    const components = { schemas: { Pet: { type: 'object', properties: { name: { type: 'string' } } } } };
    const doc30 = api30({ '/x': { get: { responses: { '200': jsonResponse({ allOf: [{ $ref: '#/components/schemas/Pet' }], nullable: true }) } } } }, components);
    const doc31 = api({ '/x': { get: { responses: { '200': jsonResponse({ anyOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'null' }] }) } } } }, components);
    expect(diffSpecs(doc30, doc31).changed).toEqual([]);
  });

  it('a nullable $ref (3.0 sibling, as 2.0 converters write x-nullable) equals anyOf [$ref, null] (3.1)', () => {
    const components = { schemas: { Pet: { type: 'object', properties: { name: { type: 'string' } } } } };
    const doc30 = api30({ '/x': { get: { responses: { '200': jsonResponse({ $ref: '#/components/schemas/Pet', nullable: true }) } } } }, components);
    const doc31 = api({ '/x': { get: { responses: { '200': jsonResponse({ anyOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'null' }] }) } } } }, components);
    const notNull = api({ '/x': { get: { responses: { '200': jsonResponse({ $ref: '#/components/schemas/Pet' }) } } } }, components);
    expect(diffSpecs(doc30, doc31).changed).toEqual([]);
    expect(kinds(notNull, doc30)).toEqual([['response-type-changed', true]]);
  });

  it('boolean exclusiveMinimum/Maximum (3.0) equals numeric (3.1)', () => {
    same30and31(
      { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true },
      { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 },
    );
  });

  it('const (3.1) equals a one-value enum, and a null enum member equals nullable', () => {
    same30and31({ type: 'string', enum: ['a'] }, { type: 'string', const: 'a' });
    same30and31({ type: 'string', enum: ['a', 'b'], nullable: true }, { type: ['string', 'null'], enum: ['a', 'b', null] });
  });

  it('a missing type is inferred from properties or items', () => {
    same30and31({ properties: { a: { type: 'string' } } }, { type: 'object', properties: { a: { type: 'string' } } });
    same30and31({ items: { type: 'string' } }, { type: 'array', items: { type: 'string' } });
  });

  it('integer beside number is redundant, and type order does not matter', () => {
    expect(kinds(getReturning({ type: ['number', 'integer'] }), getReturning({ type: 'number' }))).toEqual([]);
    expect(kinds(getReturning({ type: ['null', 'string'] }), getReturning({ type: ['string', 'null'] }))).toEqual([]);
  });

  it('an inline schema and the same schema behind a $ref are equal', () => {
    const pet = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    expect(kinds(getReturning(pet), getReturning({ $ref: '#/components/schemas/Pet' }, { schemas: { Pet: pet } }))).toEqual([]);
  });

  it('allOf is merged: a property moved into an allOf member is not a change', () => {
    const flat = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'] };
    const composed = {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { type: 'object', properties: { b: { type: 'integer' } } },
      ],
    };
    expect(kinds(postTaking(flat), postTaking(composed))).toEqual([]);
    expect(kinds(getReturning(flat), getReturning(composed))).toEqual([]);
  });

  it('a $ref with constraining siblings (3.1) is the target narrowed by them', () => {
    const components = { schemas: { Name: { type: 'string' } } };
    expect(kinds(postTaking({ $ref: '#/components/schemas/Name' }, components), postTaking({ $ref: '#/components/schemas/Name', maxLength: 5 }, components))).toEqual([
      ['request-constraint-changed', true],
    ]);
    // Only a description beside the $ref: nothing changed.
    expect(kinds(postTaking({ $ref: '#/components/schemas/Name' }, components), postTaking({ $ref: '#/components/schemas/Name', description: 'x' }, components))).toEqual([]);
  });
});

describe('schema constraints', () => {
  const str = (extra: Record<string, unknown>) => ({ type: 'string', ...extra });

  it('request: tighter is breaking, looser is not', () => {
    expect(kinds(postTaking(str({ maxLength: 10 })), postTaking(str({ maxLength: 5 })))).toEqual([['request-constraint-changed', true]]);
    expect(kinds(postTaking(str({ maxLength: 5 })), postTaking(str({ maxLength: 10 })))).toEqual([['request-constraint-changed', false]]);
    expect(kinds(postTaking(str({})), postTaking(str({ minLength: 1 })))).toEqual([['request-constraint-changed', true]]);
    expect(kinds(postTaking(str({})), postTaking(str({ pattern: '^a' })))).toEqual([['request-constraint-changed', true]]);
    expect(kinds(postTaking(str({ pattern: '^a' })), postTaking(str({})))).toEqual([['request-constraint-changed', false]]);
  });

  it('response: looser is breaking, tighter is not', () => {
    expect(kinds(getReturning(str({ maxLength: 5 })), getReturning(str({ maxLength: 10 })))).toEqual([['response-constraint-changed', true]]);
    expect(kinds(getReturning(str({ maxLength: 10 })), getReturning(str({ maxLength: 5 })))).toEqual([['response-constraint-changed', false]]);
  });

  it('a bound becoming exclusive at the same value is tighter', () => {
    const num = (extra: Record<string, unknown>) => ({ type: 'number', ...extra });
    const diff = diffSpecs(postTaking(num({ minimum: 0 })), postTaking(num({ exclusiveMinimum: 0 })));
    expect(changesOf(diff).map((c) => [c.kind, c.breaking, c.message])).toEqual([
      ['request-constraint-changed', true, 'request body (application/json): minimum changed from >= 0 to > 0'],
    ]);
  });

  it('an enum imposed on a request is breaking; lifted from a response is breaking', () => {
    expect(kinds(postTaking(str({})), postTaking(str({ enum: ['a'] })))).toEqual([['request-constraint-changed', true]]);
    expect(kinds(getReturning(str({ enum: ['a'] })), getReturning(str({})))).toEqual([['response-constraint-changed', true]]);
  });

  it('forbidding additional properties in a request is breaking', () => {
    const o = (extra: Record<string, unknown>) => ({ type: 'object', properties: { a: { type: 'string' } }, ...extra });
    expect(kinds(postTaking(o({})), postTaking(o({ additionalProperties: false })))).toEqual([['request-constraint-changed', true]]);
    expect(kinds(postTaking(o({ additionalProperties: false })), postTaking(o({})))).toEqual([['request-constraint-changed', false]]);
  });

  it('map values are compared', () => {
    const map = (type: string) => ({ type: 'object', additionalProperties: { type } });
    expect(changesOf(diffSpecs(getReturning(map('integer')), getReturning(map('string')))).map((c) => c.message)).toEqual([
      'response 200 (application/json): property `*` type changed from integer to string',
    ]);
  });

  it('formats: a request format added narrows; int32 → int64 widens', () => {
    const int = (format?: string) => ({ type: 'integer', ...(format ? { format } : {}) });
    expect(kinds(postTaking(int()), postTaking(int('int32')))).toEqual([['request-type-changed', true]]);
    expect(kinds(postTaking(int('int32')), postTaking(int('int64')))).toEqual([['request-type-changed', false]]);
    expect(kinds(getReturning(int('int32')), getReturning(int('int64')))).toEqual([['response-type-changed', true]]);
  });

  it('disjoint types report one change, not the properties underneath', () => {
    const before = getReturning({ type: 'object', properties: { a: { type: 'string' } } });
    const after = getReturning({ type: 'array', items: { type: 'string' } });
    expect(kinds(before, after)).toEqual([['response-type-changed', true]]);
  });
});

describe('oneOf / anyOf alternatives', () => {
  const components = {
    schemas: {
      Cat: { type: 'object', properties: { meow: { type: 'boolean' } } },
      Dog: { type: 'object', properties: { bark: { type: 'boolean' } } },
      Bird: { type: 'object', properties: { tweet: { type: 'boolean' } } },
    },
  };
  const oneOf = (...names: string[]) => ({ oneOf: names.map((n) => ({ $ref: `#/components/schemas/${n}` })) });

  it('an alternative added is breaking in a response, not in a request', () => {
    expect(kinds(getReturning(oneOf('Cat', 'Dog'), components), getReturning(oneOf('Cat', 'Dog', 'Bird'), components))).toEqual([
      ['response-variant-added', true],
    ]);
    expect(kinds(postTaking(oneOf('Cat', 'Dog'), components), postTaking(oneOf('Cat', 'Dog', 'Bird'), components))).toEqual([
      ['request-variant-added', false],
    ]);
    expect(kinds(getReturning(oneOf('Cat', 'Dog', 'Bird'), components), getReturning(oneOf('Cat', 'Dog'), components))).toEqual([
      ['response-variant-removed', false],
    ]);
    // From one shape to a choice: compared alternative by alternative.
    const cat = { $ref: '#/components/schemas/Cat' };
    expect(kinds(getReturning(cat, components), getReturning(oneOf('Cat', 'Dog'), components))).toEqual([
      ['response-variant-added', true],
    ]);
    expect(kinds(postTaking(oneOf('Cat', 'Dog'), components), postTaking(cat, components))).toEqual([
      ['request-variant-removed', true],
    ]);
  });

  it('alternatives are matched by component name and compared', () => {
    expect(kinds(getReturning(oneOf('Cat', 'Dog'), components), getReturning(oneOf('Dog', 'Cat', 'Bird'), components))).toEqual([
      ['response-variant-added', true],
    ]);
    expect(kinds(postTaking(oneOf('Cat', 'Dog'), components), postTaking(oneOf('Dog', 'Bird'), components))).toEqual([
      ['request-variant-removed', true],
      ['request-variant-added', false],
    ]);
    const changedCat = { schemas: { ...components.schemas, Cat: { type: 'object', properties: {} } } };
    const diff = diffSpecs(getReturning(oneOf('Cat', 'Dog'), components), getReturning(oneOf('Cat', 'Dog'), changedCat));
    expect(changesOf(diff).map((c) => c.message)).toEqual([
      'response 200 (application/json): property `(oneOf Cat).meow` removed',
    ]);
  });

  it('a choice of one alternative is that alternative', () => {
    expect(kinds(getReturning({ $ref: '#/components/schemas/Cat' }, components), getReturning(oneOf('Cat'), components))).toEqual([]);
  });

  it('an alternative moved inline (or into a component) is the same alternative', () => {
    const inlined = { oneOf: [{ title: 'A cat', ...components.schemas.Cat }, { $ref: '#/components/schemas/Dog' }] };
    expect(kinds(getReturning(oneOf('Cat', 'Dog'), components), getReturning(inlined, components))).toEqual([]);
    expect(kinds(getReturning(inlined, components), getReturning(oneOf('Dog', 'Cat'), components))).toEqual([]);
  });

  it('inline alternatives are paired by position', () => {
    const inline = (t: string) => ({ oneOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: t } } }] });
    expect(kinds(getReturning(inline('string')), getReturning(inline('integer')))).toEqual([['response-type-changed', true]]);
  });
});

describe('recursive schemas', () => {
  it('compares a self-referencing schema without looping and reports a change once', () => {
    const node = (valueType: string) => ({
      schemas: {
        Node: {
          type: 'object',
          properties: { value: { type: valueType }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
        },
      },
    });
    const diff = diffSpecs(
      getReturning({ $ref: '#/components/schemas/Node' }, node('string')),
      getReturning({ $ref: '#/components/schemas/Node' }, node('integer')),
    );
    expect(changesOf(diff).map((c) => c.message)).toEqual([
      'response 200 (application/json): property `value` type changed from string to integer',
    ]);
  });

  it('gives the same answer for mutually recursive schemas whichever is reached first', () => {
    const components = (aType: string) => ({
      schemas: {
        A: { type: 'object', properties: { x: { type: aType }, b: { $ref: '#/components/schemas/B' } } },
        B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
      },
    });
    const doc = (aType: string) =>
      api(
        {
          '/a': { get: { responses: { '200': jsonResponse({ $ref: '#/components/schemas/A' }) } } },
          '/b': { get: { responses: { '200': jsonResponse({ $ref: '#/components/schemas/B' }) } } },
        },
        components(aType),
      );
    const diff = diffSpecs(doc('string'), doc('integer'));
    // /a first: B is compared while A is on the stack; /b must still see the change in A.
    expect(diff.changed.map((op) => [op.path, op.changes.map((c) => c.message)])).toEqual([
      ['/a', ['response 200 (application/json): property `x` type changed from string to integer']],
      ['/b', ['response 200 (application/json): property `a.x` type changed from string to integer']],
    ]);
  });

  it('an allOf that reaches itself does not loop', () => {
    const components = { schemas: { Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }], type: 'object', properties: { a: { type: 'string' } } } } };
    const changed = { schemas: { Loop: { ...components.schemas.Loop, properties: {} } } };
    expect(kinds(getReturning({ $ref: '#/components/schemas/Loop' }, components), getReturning({ $ref: '#/components/schemas/Loop' }, changed))).toEqual([
      ['response-property-removed', true],
    ]);
  });

  it('stays fast on a wide, deep web of shared references (memoised pairs)', () => {
    // Each level refers to the previous level twice: 2^40 paths if compared naively.
    const schemas: Record<string, unknown> = { L0: { type: 'object', properties: { v: { type: 'string' } } } };
    for (let i = 1; i <= 40; i++) {
      const prev = { $ref: `#/components/schemas/L${i - 1}` };
      schemas[`L${i}`] = { type: 'object', properties: { left: prev, right: prev, self: { $ref: `#/components/schemas/L${i}` } } };
    }
    const changedSchemas = { ...schemas, L0: { type: 'object', properties: { v: { type: 'integer' } } } };
    const started = performance.now();
    const diff = diffSpecs(
      getReturning({ $ref: '#/components/schemas/L40' }, { schemas }),
      getReturning({ $ref: '#/components/schemas/L40' }, { schemas: changedSchemas }),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    // 2^40 paths lead to L0.v: reported once, with the count of the others.
    expect(changesOf(diff).map((c) => c.message)).toEqual([
      `response 200 (application/json): property \`${'left.'.repeat(40)}v\` type changed from string to integer (and at ${2 ** 40 - 1} other paths to the same schema)`,
    ]);
  });
});

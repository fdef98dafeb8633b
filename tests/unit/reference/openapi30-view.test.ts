/**
 * A 3.0 document reaches the renderer as the upgraded 3.1-shaped view, so what the diff
 * reads as nullable the reference shows as nullable: `nullable: true`, the 2.0-era
 * `x-nullable: true` (the diff honoured it, the reference did not) and `nullable` beside a `$ref`.
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { upgradeDocument } from '../../../src/lib/openapi/upgrade.ts';
import { buildReferenceIndex, renderOperationPage } from '../../../src/lib/reference/index.ts';
import { byClass, context, parseHtml, textOf } from './helpers.ts';

const written = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/pets/{id}': {
      get: {
        operationId: 'getPet',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    nick: { type: 'string', nullable: true },
                    tag: { type: 'string', 'x-nullable': true },
                    owner: { $ref: '#/components/schemas/Owner', nullable: true },
                    age: { type: 'integer', minimum: 0, exclusiveMinimum: true },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  components: { schemas: { Owner: { type: 'object', properties: { name: { type: 'string' } } } } },
};

describe('a 3.0 document in the reference', () => {
  const doc = upgradeDocument(written);
  const html = renderOperationPage(doc, buildReferenceIndex(doc), 'get-pet', context()).html;
  const heads = byClass(parseHtml(html), 'ref-prop-head').map(textOf);

  it('shows `nullable`, `x-nullable` and a nullable `$ref` as nullable', () => {
    expect(heads.find((h) => h.startsWith('nick'))).toContain('nullable');
    expect(heads.find((h) => h.startsWith('tag'))).toContain('nullable');
    expect(heads.find((h) => h.startsWith('owner'))).toMatch(/null/);
  });

  it('shows a boolean exclusive bound as the bound it is', () => {
    expect(textOf(parseHtml(html))).toMatch(/age\s*integer[^]*?> 0/);
  });

  it('and the diff reads the same view: the 3.0 document and its 3.1 spelling do not differ', () => {
    const spelled31 = structuredClone(written) as any;
    spelled31.openapi = '3.1.0';
    const props = spelled31.paths['/pets/{id}'].get.responses[200].content['application/json'].schema.properties;
    props.nick = { type: ['string', 'null'] };
    props.tag = { type: ['string', 'null'] };
    props.owner = { anyOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'null' }] };
    props.age = { type: 'integer', exclusiveMinimum: 0 };
    expect(diffSpecs(written, spelled31).changed).toEqual([]);
  });
});

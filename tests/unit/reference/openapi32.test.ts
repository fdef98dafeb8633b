/**
 * OpenAPI 3.2 read natively: what 3.2 adds is rendered (on the OpenAPI Initiative's 3.2 test
 * documents, tests/fixtures/specs/oai-examples/, plus one small document for `querystring`).
 */
import { describe, expect, it } from 'vitest';
import { upgradeDocument } from '../../../src/lib/openapi/upgrade.ts';
import { buildReferenceIndex, renderOperationPage, renderReferenceOverview } from '../../../src/lib/reference/index.ts';
import { activeContent, byClass, context, loadSpec, parseHtml, textOf } from './helpers.ts';

describe('OpenAPI 3.2 in the reference', () => {
  it('gives `query` and `additionalOperations` (COPY) their own pages, beside GET', () => {
    const doc = loadSpec('specs/oai-examples/3.2-path-item-object-example.yaml');
    const index = buildReferenceIndex(doc);
    expect(index.operations.map((op) => [op.slug, op.method, op.path])).toEqual([
      ['get-pets-by-id', 'get', '/pets/{id}'],
      ['query-pets-by-id', 'query', '/pets/{id}'],
      ['copy-pets-by-id', 'copy', '/pets/{id}'],
    ]);
    const copy = renderOperationPage(doc, index, 'copy-pets-by-id', context());
    const tree = parseHtml(copy.html);
    expect(textOf(byClass(tree, 'ref-op-line')[0]!)).toMatch(/^COPY \/pets\/\{id\}/);
    // The path item's `id` parameter applies to the additional operation too.
    expect(textOf(tree)).toContain('Path parameters');
    expect(activeContent(copy.html)).toEqual([]);
  });

  it('shows a tag’s 3.2 summary as its name, under its parent, with its kind', () => {
    const doc = loadSpec('specs/oai-examples/3.2-tag-object-example.yaml');
    doc.paths = {
      '/a': { get: { operationId: 'a', tags: ['partner'], responses: { 200: { description: 'ok' } } } },
      '/b': { get: { operationId: 'b', tags: ['external'], responses: { 200: { description: 'ok' } } } },
    };
    const index = buildReferenceIndex(doc);
    expect(index.tags.map((t) => [t.name, t.summary, t.parent, t.tagKind])).toEqual([
      ['partner', 'Partner', 'external', 'audience'],
      ['external', 'External', undefined, 'audience'],
    ]);
    const headings = byClass(parseHtml(renderReferenceOverview(doc, index, context())), 'ref-tag').map((s) => textOf(s).split('\n')[0]);
    expect(headings.some((h) => h.startsWith('External › Partner audience'))).toBe(true);
    expect(headings.some((h) => h.startsWith('External audience'))).toBe(true);
  });

  it('lists a `querystring` parameter under its own heading', () => {
    const doc = upgradeDocument({
      openapi: '3.2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/search': {
          get: {
            operationId: 'search',
            parameters: [{ name: 'filter', in: 'querystring', content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } }],
            responses: { 200: { description: 'ok' } },
          },
        },
      },
    });
    const index = buildReferenceIndex(doc);
    const text = textOf(parseHtml(renderOperationPage(doc, index, 'search', context()).html));
    expect(text).toContain('Query string');
    expect(text).toContain('filter');
  });
});

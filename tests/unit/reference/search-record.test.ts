/**
 * What an operation page hands the search index (issue 17 "search at scale"): its record
 * (searchable-page.ts) keeps what a reader searches for — title, method and path, operation id,
 * description, parameters, the body's own top-level fields and their constraints — and leaves
 * out what repeats elsewhere or is sample data: components expanded under a property (they have
 * their own schema page), nested inline fields, examples. The page itself still shows them all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { upgradeDocument } from '../../../src/lib/openapi/upgrade.ts';
import { buildReferenceIndex, renderOperationPage, renderReferenceOverview, type SpecObject } from '../../../src/lib/reference/index.ts';
import { searchableHtml } from '../../../src/lib/site/searchable-page.ts';
import { context, kongAir } from './helpers.ts';

const stripePrice = (): SpecObject =>
  upgradeDocument(JSON.parse(readFileSync(new URL('../../fixtures/reference/stripe-price.json', import.meta.url), 'utf8')));

/** The words Pagefind reads of a page whose `<main data-pagefind-body>` holds `html`. */
function indexedText(html: string): string {
  const record = searchableHtml(`<html lang="en"><body><main data-pagefind-body>${html}</main></body></html>`)!;
  return record.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

const visibleText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function operation(doc: SpecObject, slug?: string): string {
  const index = buildReferenceIndex(doc);
  return renderOperationPage(doc, index, slug ?? index.operations[0]!.slug, context()).html;
}

const accounts: SpecObject = upgradeDocument({
  openapi: '3.0.3',
  info: { title: 'Accounts', version: '1' },
  paths: {
    '/accounts/{id}': {
      get: {
        operationId: 'get-account',
        summary: 'Get an account',
        description: 'Returns the account with its owner.',
        parameters: [{ name: 'id', in: 'path', required: true, description: 'The account number.', schema: { type: 'string', example: 'acct_sample_1' } }],
        responses: {
          '200': {
            description: 'The account',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    status: { type: 'string', enum: ['open', 'frozen'], format: 'token', example: 'open_sample' },
                    owner: { $ref: '#/components/schemas/Owner' },
                    limits: { type: 'object', properties: { daily_ceiling: { type: 'integer', description: 'Spend allowed per day.' } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  components: { schemas: { Owner: { type: 'object', properties: { given_name: { type: 'string', description: 'First name of the owner.' } } } } },
});

describe('an operation page’s search record', () => {
  it('keeps title, method and path, operation id, description, parameters and the body’s top-level fields', () => {
    const text = indexedText(operation(accounts));
    for (const kept of ['Get an account', 'GET', '/accounts/{id}', 'get-account', 'Returns the account with its owner.', 'The account number.', 'status', 'owner', 'limits']) {
      expect(text).toContain(kept);
    }
    // Constraints and enum values define a field, and stay; each chip is its own word.
    expect(text).toMatch(/format token one of "open" , "frozen"|format token one of &quot;open&quot; , &quot;frozen&quot;/);
  });

  it('leaves out nested fields, a component expanded under a property, and examples, which the page still shows', () => {
    const html = operation(accounts);
    const text = indexedText(html);
    for (const left of ['daily_ceiling', 'Spend allowed per day.', 'given_name', 'First name of the owner.', 'acct_sample_1', 'open_sample']) {
      expect(visibleText(html), left).toContain(left);
      expect(text, left).not.toContain(left);
    }
  });

  it('on a real spec (Stripe’s price): the top-level fields of the response are searched, those of the components under them are not', () => {
    const html = operation(stripePrice());
    const text = indexedText(html);
    for (const kept of ['billing_scheme', 'currency_options', 'recurring', 'per_unit', 'Whether the price can be used for new purchases.']) expect(text).toContain(kept);
    // `recurring`'s own fields (and `currency_option`'s) are on the page and on their schema pages.
    for (const left of ['aggregate_usage', 'divide_by']) {
      expect(visibleText(html)).toContain(left);
      expect(text).not.toContain(left);
    }
    expect(text.length).toBeLessThan(visibleText(html).length / 2);
  });

  it('the reference overview indexes its text, not the list of operations (each is searched on its own page)', () => {
    const doc = kongAir('flights');
    const index = buildReferenceIndex(doc);
    const html = renderReferenceOverview(doc, index, context());
    expect(visibleText(html)).toContain('/flights/{flightNumber}');
    expect(indexedText(html)).not.toContain('/flights/{flightNumber}');
    expect(indexedText(html)).toContain(index.title);
  });
});

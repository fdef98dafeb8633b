import { expect, it } from 'vitest';
import * as reference from '../../../src/lib/reference/index.ts';

it('keeps a small public surface', () => {
  expect(Object.keys(reference).sort()).toEqual([
    'DEFAULT_ELEMENTS_BASE_URL',
    'buildReferenceIndex',
    'deprecationMarkdown',
    'environmentBaseUrls',
    'findOperationRef',
    'generateExample',
    'inlineCode',
    'knownSchemaPages',
    'listSchemaPages',
    'markdownToPlainText',
    'operationTitle',
    'renderMarkdown',
    'renderOperationMarkdown',
    'renderOperationPage',
    'renderReferenceOverview',
    'renderSchemaPage',
    'schemaMarkdown',
    'schemaPageSlug',
    'securitySchemesMarkdown',
    'slugify',
    'tableCell',
    'tagSectionIds',
  ]);
});

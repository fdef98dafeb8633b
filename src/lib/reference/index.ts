/**
 * The API reference renderer: pure functions from an OpenAPI document (3.0/3.1, internal
 * `$ref`s kept) to sanitised HTML fragments, and to the markdown twins agents read. Pages are
 * built from strings, not components, because a GitHub-sized spec has 1,500 of them.
 */
export { buildReferenceIndex, findOperationRef } from './reference-index.ts';
export { renderReferenceOverview, environmentBaseUrls, tagSectionIds, DEFAULT_ELEMENTS_BASE_URL } from './overview.ts';
export { renderOperationPage, operationTitle } from './operation-page.ts';
export { knownSchemaPages, listSchemaPages, renderSchemaPage, schemaPageSlug } from './schema-pages.ts';
export { renderMarkdown, markdownToPlainText } from './markdown.ts';
export { renderOperationMarkdown, deprecationMarkdown, securitySchemesMarkdown, type OperationMarkdownContext } from './operation-markdown.ts';
export { schemaMarkdown } from './schema-markdown.ts';
export { inlineCode, tableCell } from './markdown-text.ts';
export { generateExample } from './example.ts';
export { slugify } from './slug.ts';
export type {
  OperationKind,
  OperationRef,
  ReferenceContext,
  ReferenceDeprecation,
  ReferenceIndex,
  RenderedPage,
  SpecObject,
  TagGroup,
} from './types.ts';

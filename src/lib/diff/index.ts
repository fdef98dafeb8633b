/** What changed between two versions of an API: the engine, its rules and its renderers. */
export { diffSpecs } from './diff-specs.ts';
export { summarizeDiff, toDiffJson } from './summary.ts';
export { formatDiffText } from './format-text.ts';
export { formatDiffMarkdown } from './format-markdown.ts';
export { renderChangesHtml, type ChangesHtmlOptions } from './render-changes-html.ts';
export { CHANGE_KINDS, type ChangeKind, type ChangeKindInfo } from './change-kinds.ts';
export { normalizePathTemplate, operationKey } from './operations.ts';
export type { Change, ChangedOperation, DiffSummary, OpenApiDocument, OperationJson, OperationRef, SpecDiff, SpecDiffJson } from './types.ts';

/**
 * The OpenAPI document: read, bundle, validate, lint and upgrade OpenAPI / Swagger specs to
 * one 3.1-shaped view, and the `ApiDocument` every reader downstream shares. `loadSpec` is
 * the entry point; everything it finds (including lint findings) comes back as diagnostics
 * with file, line, column and JSON pointer.
 */
export { loadSpec, type LoadSpecOptions, type LoadSpecResult } from './load.ts';
export { lintSpec } from './lint-spec.ts';
export type { LoadedSpec, SourceFormat } from './types.ts';
export { createFsReader, createMemoryReader, type SpecFileReader, type ReadResult } from './file-reader.ts';
export { convertSwagger2 } from './swagger2.ts';
export { upgradeDocument } from './upgrade.ts';
export { apiDocument, type ApiDocument, type ApiLink, type ApiOperation } from './api-document.ts';
export type { ParameterEntry } from './parameters.ts';
export { SPEC_LOADER_VERSION } from './cache.ts';

/**
 * Lint findings of an already loaded spec. `loadSpec` already includes them in its
 * diagnostics with line numbers; this is for callers that hold only a `LoadedSpec`
 * (e.g. from another cache). Findings carry the entry file and the pointer in the
 * bundled document, without a line.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { toRefPointer } from './json-pointer.ts';
import { lintBundled } from './lint.ts';
import type { LoadedSpec } from './types.ts';

export function lintSpec(spec: LoadedSpec): Diagnostic[] {
  const family = spec.sourceFormat === 'swagger-2.0' ? 'swagger-2.0' : 'openapi-3';
  return lintBundled(spec.bundled, family).map((p) => ({
    severity: p.severity,
    code: p.code,
    message: p.message,
    file: spec.file,
    pointer: toRefPointer(p.segments),
  }));
}

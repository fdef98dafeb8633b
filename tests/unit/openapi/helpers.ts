import { fileURLToPath } from 'node:url';
import { loadSpec, type LoadSpecResult } from '../../../src/lib/openapi/index.ts';
import type { Diagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';

export const SPECS = fileURLToPath(new URL('../../fixtures/specs/', import.meta.url));
export const KONGAIR = fileURLToPath(new URL('../../fixtures/shared/kongair/', import.meta.url));

/** Loads `tests/fixtures/specs/<folder>/<file>` with the folder as the content root. */
export function loadFixture(folder: string, file: string): Promise<LoadSpecResult> {
  return loadSpec({ root: SPECS + folder, file });
}

/** `file:line:col severity code` lines, the form a reviewer reads diagnostics in. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);
}

/** Every `$ref` string in a document. */
export function allRefs(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') out.push(child);
    else allRefs(child, out, seen);
  }
  return out;
}

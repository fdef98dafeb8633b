import type { Diagnostic } from '../lib/diagnostics/diagnostic.ts';

/** `--strict`: every warning becomes an error (DESIGN §9). */
export function applyStrict(diagnostics: Diagnostic[], strict: boolean | undefined): Diagnostic[] {
  return strict ? diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : diagnostics;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

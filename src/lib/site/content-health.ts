/**
 * The internal content-health page's data: the build's warnings grouped by file, in the order
 * they were found, with our own `backticked` names set as code (renderInlineCode) rather than
 * printed as raw backticks.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { renderInlineCode } from './inline-code.ts';

export interface HealthItem {
  /** `line:col`, when the warning has a position. */
  location?: string;
  /** Escaped HTML. */
  messageHtml: string;
  pointer?: string;
}

export interface ContentHealth {
  /** Escaped HTML. */
  summaryHtml: string;
  files: { file: string; items: HealthItem[] }[];
}

export function contentHealth(diagnostics: readonly Diagnostic[]): ContentHealth {
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const byFile = new Map<string, HealthItem[]>();
  for (const w of warnings) {
    const file = w.file ?? '(portal)';
    const items = byFile.get(file) ?? [];
    items.push({ location: w.line ? `${w.line}:${w.column ?? 1}` : undefined, messageHtml: renderInlineCode(w.message), pointer: w.pointer });
    byFile.set(file, items);
  }
  const summary = warnings.length === 0
    ? 'No warnings: the content is clean.'
    : `${warnings.length} warning(s) in ${byFile.size} file(s). Warnings never fail a build; \`atrium build --strict\` turns them into errors.`;
  return { summaryHtml: renderInlineCode(summary), files: [...byFile].map(([file, items]) => ({ file, items })) };
}

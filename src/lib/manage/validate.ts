/**
 * Checking a change before it is written: the edited file against its schema, then the
 * whole content folder with the change applied. Only problems the change brings count —
 * a folder that already had errors elsewhere can still be edited, but no command adds one.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseYamlSource } from '../diagnostics/yaml-source.ts';
import { parseYamlFile } from '../content/parse-yaml-file.ts';
import { productSchema } from '../content/schemas/product.ts';
import { versionSchema } from '../content/schemas/version.ts';
import type { Refusal } from './plan.ts';

/** Schema errors of a product.yaml or version.yaml text (none for other files). */
export function schemaErrors(file: string, text: string): Diagnostic[] {
  const name = path.posix.basename(file);
  const schema = name === 'product.yaml' ? productSchema : name === 'version.yaml' ? versionSchema : undefined;
  if (!schema) return [];
  return parseYamlFile(schema, text, file).diagnostics.filter((d) => d.severity === 'error');
}

/**
 * Diagnostics in `after` that `before` did not have. Compared by file, code and message,
 * not position: lines below an edit move without the problem being new.
 */
export function newDiagnostics(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, number>();
  for (const d of before) seen.set(identity(d), (seen.get(identity(d)) ?? 0) + 1);
  return after.filter((d) => {
    const left = seen.get(identity(d)) ?? 0;
    if (left === 0) return true;
    seen.set(identity(d), left - 1);
    return false;
  });
}

function identity(d: Diagnostic): string {
  return [d.severity, d.file ?? '', d.code ?? '', d.message].join('\u0000');
}

/**
 * A refusal when `text` is not YAML that can be edited safely (syntax errors, duplicate
 * keys, or not a mapping): editing around a broken file could only make it worse.
 */
export function notEditable(file: string, text: string): Refusal | undefined {
  const source = parseYamlSource(text, file);
  const error = source.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    return {
      kind: 'refused',
      exit: 1,
      message: `${error.message}; fix the file first (\`atrium check\` lists every problem), then run the command again`,
      file,
      ...(error.line === undefined ? {} : { line: error.line, column: error.column ?? 1 }),
    };
  }
  const value = source.value;
  if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    return { kind: 'refused', exit: 1, message: 'expected a mapping of `key: value` lines; fix the file first, then run the command again', file };
  }
  return undefined;
}

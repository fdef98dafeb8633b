/**
 * Parses one YAML content file against its schema: syntax errors first (then the schema is
 * not run, its complaints would be noise), then the schema's friendly errors.
 *
 * When the schema fails, the top-level keys that did validate are still returned
 * (`partial`), so one bad `sunset` does not hide a dangling gateway link in the same file:
 * rules keep checking the keys that are sound and skip the ones already reported.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseWithFriendlyErrors } from '../diagnostics/friendly-zod.ts';
import { parseYamlSource } from '../diagnostics/yaml-source.ts';
import type { ParseYamlOptions, YamlSource } from '../diagnostics/yaml-source.ts';

export interface ParsedFile<T> {
  source: YamlSource;
  /** The validated file; undefined when it has errors. */
  data: T | undefined;
  /** Top-level keys that validated on their own (defaults applied); all of `data` when valid. */
  partial: Partial<T>;
  /** Top-level keys whose value is wrong or missing; `'all'` when the YAML itself is broken. */
  invalidKeys: Set<string> | 'all';
  diagnostics: Diagnostic[];
}

type ObjectSchema = z.ZodType & { shape?: Record<string, z.ZodType> };

export function parseYamlFile<S extends ObjectSchema>(
  schema: S,
  text: string,
  file: string,
  options: ParseYamlOptions = {},
): ParsedFile<z.output<S>> {
  const source = parseYamlSource(text, file, options);
  if (!source.ok) return { source, data: undefined, partial: {}, invalidKeys: 'all', diagnostics: source.diagnostics };
  // An empty file is an empty mapping: every key then reports as missing or takes its default.
  const value = source.value === undefined ? {} : source.value;
  const result = parseWithFriendlyErrors(schema, { ...source, value });
  const diagnostics = [...source.diagnostics, ...result.diagnostics];
  if (result.ok) return { source, data: result.data, partial: result.data, invalidKeys: new Set(), diagnostics };

  if (!schema.shape || !value || typeof value !== 'object' || Array.isArray(value)) {
    return { source, data: undefined, partial: {}, invalidKeys: 'all', diagnostics };
  }
  const partial: Record<string, unknown> = {};
  const invalidKeys = new Set<string>();
  for (const [key, field] of Object.entries(schema.shape)) {
    const fieldResult = field.safeParse((value as Record<string, unknown>)[key]);
    if (fieldResult.success) partial[key] = fieldResult.data;
    else invalidKeys.add(key);
  }
  return { source, data: undefined, partial: partial as Partial<z.output<S>>, invalidKeys, diagnostics };
}

/**
 * Runs a Zod schema over a parsed YAML value and turns every issue into a `Diagnostic`
 * a doc writer can act on: prefixed with the key path, positioned at the offending key or
 * value, saying what was expected and what was found.
 *
 *   deprecation.sunset: expected a date like 2027-06-30, got "soon"
 *   unknown key `publsh_status`; did you mean `publish_status`?
 *   mermaid.render: expected `build | client`, got "svg"
 *
 * Messages written in a schema (`error: '...'`, `ctx.addIssue({ message })`) are kept as
 * they are (still prefixed with the path); Zod's generic messages are replaced.
 */
import type { z } from 'zod';
import type { Diagnostic, Position, Severity } from './diagnostic.ts';
import { didYouMean, listNames } from './did-you-mean.ts';
import type { KeyPath, LocateTarget } from './yaml-source.ts';

type Issue = z.core.$ZodIssue;

/** What friendly errors need from a parsed file; a `YamlSource` satisfies it. */
export interface LocatedValue {
  file: string;
  value: unknown;
  locate(path: KeyPath, target?: LocateTarget): Position;
  sourceText?(path: KeyPath): string | undefined;
}

export type FriendlyResult<T> = { ok: true; data: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

// A per-parse error map has lower precedence than messages set in the schema, so an issue
// still carrying this text had no message of ours and gets a generated one.
const GENERIC = '\u0000generic';

export function parseWithFriendlyErrors<S extends z.ZodType>(schema: S, source: LocatedValue): FriendlyResult<z.output<S>> {
  const result = schema.safeParse(source.value, { error: () => GENERIC });
  if (result.success) return { ok: true, data: result.data, diagnostics: [] };
  const diagnostics = result.error.issues.flatMap((issue) => issueDiagnostics(issue, schema, source));
  return { ok: false, diagnostics };
}

/** `deprecation.sunset`, `gateway_services[0].service`, `labels["team name"]`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(segment))) out += (out ? '.' : '') + String(segment);
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** A value as a message shows it: `"soon"`, `42`, `a list`, `nothing`. */
export function describeValue(value: unknown, sourceText?: string): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  // Long or binary values are cut so a message stays one readable line.
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return sourceText ?? String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/**
 * Keys of a mapping that a schema does not know, as warnings or errors with did-you-mean.
 * For mappings where extra keys are tolerated (doc frontmatter), so the schema stays lenient
 * while typos are still pointed out.
 */
export function unknownKeyDiagnostics(
  value: unknown,
  known: readonly string[],
  source: LocatedValue,
  severity: Severity,
  path: KeyPath = [],
): Diagnostic[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => unknownKeyDiagnostic(key, known, path, source, severity));
}

function unknownKeyDiagnostic(key: string, known: readonly string[], path: KeyPath, source: LocatedValue, severity: Severity): Diagnostic {
  const suggestion = didYouMean(key, known);
  const hint = suggestion || (known.length ? `; known keys here are ${listNames(known)}` : '');
  return {
    severity,
    code: 'unknown-key',
    message: prefix(path, `unknown key \`${key}\`${hint}`),
    file: source.file,
    ...source.locate([...path, key], 'key'),
  };
}

function issueDiagnostics(issue: Issue, schema: z.ZodType, source: LocatedValue): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) => unknownKeyDiagnostic(key, known, path, source, 'error'));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const expected = unionExpectations(issue.errors);
    if (!expected) {
      // The value has the right shape for some alternative: report the problems of the
      // alternative it came closest to (fewest problems, then deepest). Their paths are
      // relative to the union.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0];
      return closest.flatMap((inner) => issueDiagnostics({ ...inner, path: [...path, ...inner.path] } as Issue, schema, source));
    }
    const value = valueAt(source.value, path);
    return [located(source, path, 'invalid-type', `expected \`${expected.join(' | ')}\`, got ${describe(source, path, value)}`)];
  }

  const value = valueAt(source.value, path);
  if (issue.message !== GENERIC) return [located(source, path, 'invalid-value', issue.message)];

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined && path.length > 0) {
        const key = path[path.length - 1];
        return [
          {
            severity: 'error',
            code: 'missing-key',
            message: prefix(path.slice(0, -1), `missing required key \`${String(key)}\` (${typeName(issue.expected)})`),
            file: source.file,
            ...source.locate(path),
          },
        ];
      }
      const quote =
        issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
          ? `; put it in quotes: "${describe(source, path, value)}"`
          : '';
      return [located(source, path, 'invalid-type', `expected ${typeName(issue.expected)}, got ${describe(source, path, value)}${quote}`)];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const suggestion = typeof value === 'string' ? didYouMean(value, options) : '';
      return [located(source, path, 'invalid-value', `expected \`${options.join(' | ')}\`, got ${describe(source, path, value)}${suggestion}`)];
    }
    case 'too_small':
      return [located(source, path, 'invalid-value', `${sizeMessage(issue.origin, 'at least', issue.minimum, issue.inclusive)}, got ${describe(source, path, value)}`)];
    case 'too_big':
      return [located(source, path, 'invalid-value', `${sizeMessage(issue.origin, 'at most', issue.maximum, issue.inclusive)}, got ${describe(source, path, value)}`)];
    case 'invalid_format':
      return [located(source, path, 'invalid-value', `expected ${formatName(issue.format)}, got ${describe(source, path, value)}`)];
    case 'not_multiple_of':
      return [located(source, path, 'invalid-value', `expected a multiple of ${issue.divisor}, got ${describe(source, path, value)}`)];
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((inner) => issueDiagnostics({ ...inner, path: [...path, ...inner.path] } as Issue, schema, source));
    default:
      return [located(source, path, 'invalid-value', `invalid value ${describe(source, path, value)}`)];
  }
}

function located(source: LocatedValue, path: KeyPath, code: string, message: string): Diagnostic {
  return { severity: 'error', code, message: prefix(path, message), file: source.file, ...source.locate(path, 'value') };
}

function prefix(path: KeyPath, message: string): string {
  return path.length ? `${formatKeyPath(path)}: ${message}` : message;
}

function describe(source: LocatedValue, path: KeyPath, value: unknown): string {
  return describeValue(value, source.sourceText?.(path));
}

/** When every alternative failed only on the value's type, the list of expected types. */
function unionExpectations(branches: Issue[][]): string[] | undefined {
  const expected: string[] = [];
  for (const branch of branches) {
    for (const issue of branch) {
      if (issue.path.length !== 0) return undefined;
      if (issue.code === 'invalid_type') expected.push(issue.expected);
      else if (issue.code === 'invalid_value') expected.push(...issue.values.map((v) => JSON.stringify(v)));
      else return undefined;
    }
  }
  return [...new Set(expected)];
}

function depth(issues: Issue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: '`true` or `false`',
    object: 'a mapping (key: value)',
    record: 'a mapping (key: value)',
    array: 'a list',
    date: 'a date',
    null: 'an empty value',
  };
  return names[expected] ?? `\`${expected}\``;
}

function formatName(format: string): string {
  const names: Record<string, string> = {
    url: 'an absolute URL like https://example.com',
    email: 'an email address like team@example.com',
    date: 'a date like 2027-06-30',
    datetime: 'a date and time like 2027-06-30T12:00:00Z',
    uuid: 'a UUID',
  };
  return names[format] ?? `a value in ${format} format`;
}

function sizeMessage(origin: string, bound: 'at least' | 'at most', limit: number | bigint, inclusive = true): string {
  const n = Number(limit);
  switch (origin) {
    case 'string':
      if (bound === 'at least' && n === 1) return 'expected a non-empty string';
      return `expected ${bound} ${n} character${n === 1 ? '' : 's'}`;
    case 'array':
    case 'set':
      return `expected ${bound} ${n} item${n === 1 ? '' : 's'}`;
    default:
      if (inclusive) return `expected a number ${bound === 'at least' ? '>=' : '<='} ${n}`;
      return `expected a number ${bound === 'at least' ? '>' : '<'} ${n}`;
  }
}

/**
 * The keys an object schema accepts at `path`, found by walking the schema's definition
 * through wrappers (optional, default, pipe, …), lists and records.
 */
export function knownKeysAt(schema: z.ZodType, path: KeyPath): string[] {
  const target = schemaAt(schema, path);
  return target ? objectKeys(target) : [];
}

type AnyDef = { type: string; [key: string]: unknown };
type AnySchema = { _zod: { def: AnyDef } };

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = current._zod.def;
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success'].includes(def.type)) {
      current = def.innerType as AnySchema;
    } else if (def.type === 'pipe') {
      current = def.in as AnySchema;
    } else if (def.type === 'lazy') {
      current = (def.getter as () => AnySchema)();
    } else {
      break;
    }
  }
  return current;
}

function schemaAt(schema: z.ZodType, path: KeyPath): AnySchema | undefined {
  let current: AnySchema | undefined = schema as unknown as AnySchema;
  for (const segment of path) {
    if (!current) return undefined;
    const inner = unwrap(current);
    const def = inner._zod.def;
    if (def.type === 'object') current = (def.shape as Record<string, AnySchema>)[String(segment)];
    else if (def.type === 'record') current = def.valueType as AnySchema;
    else if (def.type === 'array') current = def.element as AnySchema;
    else if (def.type === 'union') {
      current = (def.options as AnySchema[]).map((o) => schemaAt(o as unknown as z.ZodType, [segment])).find(Boolean);
    } else return undefined;
  }
  return current;
}

function objectKeys(schema: AnySchema): string[] {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  if (def.type === 'object') return Object.keys(def.shape as object);
  if (def.type === 'union') return [...new Set((def.options as AnySchema[]).flatMap(objectKeys))];
  return [];
}

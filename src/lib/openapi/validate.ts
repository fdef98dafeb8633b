/**
 * Checks a bundled document against the official OpenAPI JSON Schema for its version
 * (Swagger 2.0, OpenAPI 3.0, 3.1 — shipped by `@seriousme/openapi-schema-validator`, run by
 * Ajv). Every violation becomes a warning (DESIGN §9: real specs are often slightly invalid
 * and still render); what cannot be rendered is caught earlier, by parsing and bundling.
 *
 * Raw JSON Schema errors are noisy — an object allowed to be "a Reference or a Parameter"
 * fails both branches — so they are boiled down to one message per place, the one a person
 * would fix.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { parsePointer, unescapeSegment } from './json-pointer.ts';
import type { SourceFormat } from './spec-version.ts';
import type { SpecProblem } from './types.ts';

/** At most this many schema warnings per spec; the rest are counted in one last warning. */
export const MAX_SCHEMA_WARNINGS = 100;

let validator: Validator | undefined;

/** Ajv's error object, taken from the validator's own signature. */
type ErrorObject = Exclude<Awaited<ReturnType<Validator['validate']>>['errors'], string | undefined>[number];

const SCHEMA_LABEL: Record<SourceFormat, string> = {
  'swagger-2.0': 'Swagger 2.0',
  'openapi-3.0': 'OpenAPI 3.0',
  'openapi-3.1': 'OpenAPI 3.1',
  'openapi-3.2': 'OpenAPI 3.2',
};

export async function validateSpecSchema(bundled: Record<string, unknown>, format: SourceFormat): Promise<SpecProblem[]> {
  // One validator per process: compiling the schemas costs ~0.2 s, validating is cheap.
  // `verbose` gives each error its schema and data, which the summary needs.
  validator ??= new Validator({ allErrors: true, verbose: true });
  const errors = await schemaErrors(validator, bundled, format);
  return errors.length > 0 ? summarizeSchemaErrors(errors, format) : [];
}

type CompiledSchema = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Only the JSON Schema check. `Validator.validate` also resolves every `$ref` on its own,
 * `example` values included; references are the bundler's job, so the compiled schema is
 * used directly when the package exposes it (it does in 2.x), and the ref verdict
 * (a string) is ignored otherwise.
 */
async function schemaErrors(validator: Validator, bundled: Record<string, unknown>, format: SourceFormat): Promise<ErrorObject[]> {
  const compile = (validator as unknown as { getAjvValidator?: (version: string) => CompiledSchema }).getAjvValidator;
  if (typeof compile === 'function') {
    const check = compile.call(validator, SCHEMA_VERSION[format]);
    return check(bundled) ? [] : (check.errors ?? []);
  }
  const result = await validator.validate(bundled);
  return result.valid || typeof result.errors === 'string' ? [] : (result.errors ?? []);
}

// Each version's own schema: 3.2 read with the 3.1 schema flags every field 3.2 added.
const SCHEMA_VERSION: Record<SourceFormat, string> = { 'swagger-2.0': '2.0', 'openapi-3.0': '3.0', 'openapi-3.1': '3.1', 'openapi-3.2': '3.2' };

/**
 * Values a discriminating field may take, per format. A parameter's `in` (or a security
 * scheme's `type`) picks one branch of a `oneOf`; when the value is valid, errors of the
 * other branches are noise, and when it is not, the one useful message lists every value.
 */
const DISCRIMINATORS: Record<SourceFormat, Record<string, readonly string[]>> = {
  'swagger-2.0': { in: ['body', 'query', 'header', 'path', 'formData'], type: ['basic', 'apiKey', 'oauth2'], flow: ['implicit', 'password', 'application', 'accessCode'] },
  'openapi-3.0': { in: ['path', 'query', 'header', 'cookie'] },
  'openapi-3.1': { in: ['path', 'query', 'header', 'cookie'] },
  'openapi-3.2': { in: ['path', 'query', 'querystring', 'header', 'cookie'] },
};

type Schemaish = { required?: unknown; properties?: Record<string, { enum?: unknown[]; const?: unknown }>; enum?: unknown[] } | undefined;

/** Keeps the errors a person would act on, one per place, most specific first. */
export function summarizeSchemaErrors(errors: readonly ErrorObject[], format: SourceFormat): SpecProblem[] {
  const label = SCHEMA_LABEL[format];
  const discriminators = DISCRIMINATORS[format];

  const relevant = errors.filter((e) => {
    const parent = e.parentSchema as Schemaish;
    const data = e.data as Record<string, unknown> | undefined;
    const isObjectData = data !== null && typeof data === 'object' && !Array.isArray(data);
    // The "Reference" branch of "Reference or X": irrelevant unless the object is a $ref.
    if (isObjectData && Array.isArray(parent?.required) && parent.required.includes('$ref') && !('$ref' in data)) return false;
    if (isObjectData && '$ref' in data && !(Array.isArray(parent?.required) && parent.required.includes('$ref')) && e.keyword !== 'type') return false;
    // A branch for another value of a discriminating field (`in: query` vs `in: path`):
    // its complaints do not apply. The field's own error (below) stays when no branch fits.
    if (isObjectData && parent?.properties) {
      for (const field of Object.keys(discriminators)) {
        const value = data[field];
        const property = parent.properties[field];
        const branch = property?.enum ?? (property?.const !== undefined ? [property.const] : undefined);
        if (typeof value === 'string' && branch && !branch.includes(value)) return false;
      }
    }
    // "`in` must be `path`" for a valid `in: query`: another branch accepted it.
    const field = lastSegment(e.instancePath);
    if ((e.keyword === 'enum' || e.keyword === 'const') && typeof e.data === 'string' && discriminators[field]?.includes(e.data)) return false;
    return true;
  });

  const hasDeeperOrSame = (path: string, self: ErrorObject): boolean =>
    relevant.some((other) => other !== self && !isNoise(other) && (other.instancePath === path || other.instancePath.startsWith(path + '/')));
  // "must match exactly one schema in oneOf" only says that a real error exists further in.
  const kept = relevant.filter((e) => !(isNoise(e) && hasDeeperOrSame(e.instancePath, e)));

  const byPlace = new Map<string, ErrorObject[]>();
  for (const e of kept) {
    const at = placeOf(e);
    const list = byPlace.get(at);
    if (list) list.push(e);
    else byPlace.set(at, [e]);
  }

  const problems: SpecProblem[] = [];
  for (const [place, list] of byPlace) {
    list.sort((a, b) => rank(a) - rank(b));
    const best = list[0];
    let message: string;
    if (best.keyword === 'enum' && list.every((e) => e.keyword === 'enum')) {
      // One branch per allowed value (a discriminator): list them all in one message.
      const allowed = [...new Set(list.flatMap((e) => (e.params as { allowedValues: unknown[] }).allowedValues))];
      message = describe({ ...best, params: { allowedValues: allowed } } as ErrorObject);
    } else if (best.keyword === 'required') {
      const missing = [...new Set(list.filter((e) => e.keyword === 'required').map((e) => String((e.params as { missingProperty: string }).missingProperty)))];
      message = missing.length === 1 ? describe(best) : `${subject(best.instancePath)} is missing the required fields ${missing.map((m) => `\`${m}\``).join(', ')}`;
    } else message = describe(best);
    problems.push({ severity: 'warning', code: 'spec-schema', message: `${label} schema: ${message}`, segments: parsePointer(place) ?? [] });
  }
  if (problems.length > MAX_SCHEMA_WARNINGS) {
    const rest = problems.length - MAX_SCHEMA_WARNINGS;
    problems.length = MAX_SCHEMA_WARNINGS;
    problems.push({ severity: 'warning', code: 'spec-schema', message: `${label} schema: ${rest} more violation(s) not shown`, segments: [] });
  }
  return problems;
}

function isNoise(e: ErrorObject): boolean {
  return e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if' || e.keyword === 'not' || e.keyword === 'false schema';
}

/** Where to point: at an unknown key itself rather than at the object holding it. */
function placeOf(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${escape((e.params as { additionalProperty: string }).additionalProperty)}`;
  if (e.keyword === 'unevaluatedProperties') return `${e.instancePath}/${escape((e.params as { unevaluatedProperty: string }).unevaluatedProperty)}`;
  return e.instancePath;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

const RANK: Record<string, number> = { additionalProperties: 0, unevaluatedProperties: 0, required: 1, type: 2, enum: 3, const: 3, pattern: 4, format: 4 };

function rank(e: ErrorObject): number {
  return isNoise(e) ? 100 : (RANK[e.keyword] ?? 10);
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  const field = subject(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown field \`${String(params.additionalProperty)}\` in ${field}`;
    case 'unevaluatedProperties':
      return `unknown field \`${String(params.unevaluatedProperty)}\``;
    case 'required':
      return `${field} is missing the required field \`${String(params.missingProperty)}\``;
    case 'type':
      return `${field} must be ${article(String(params.type))}`;
    case 'enum':
      return `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
    case 'const':
      return `${field} must be \`${String(params.allowedValue)}\``;
    case 'pattern':
      return `${field} must match the pattern \`${String(params.pattern)}\``;
    case 'format':
      return `${field} must be a valid ${String(params.format)}`;
    case 'oneOf':
    case 'anyOf':
      return `${field} does not match any of the shapes allowed here`;
    default:
      return `${field} ${e.message ?? 'is invalid'}`;
  }
}

/** How a place is named in a message: `info`, `/flights`, `200`. */
function subject(pointer: string): string {
  return pointer === '' ? 'the document' : `\`${lastSegment(pointer)}\``;
}

function lastSegment(pointer: string): string {
  return unescapeSegment(pointer.slice(pointer.lastIndexOf('/') + 1));
}

function article(type: string): string {
  const types = type.split(',');
  const words = types.map((t) => (t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : t === 'integer' ? 'an integer' : t === 'null' ? 'null' : `a ${t}`));
  return words.join(' or ');
}

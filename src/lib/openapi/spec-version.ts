/**
 * Which specification a document follows, read from its `swagger` / `openapi` field.
 */
import type { SpecFamily } from './structure.ts';

export type SourceFormat = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1' | 'openapi-3.2';

export type VersionResult =
  | { ok: true; format: SourceFormat; family: SpecFamily; /** Set when the version was written sloppily but is clear. */ warning?: string }
  | { ok: false; message: string; /** The field to point at, when one exists. */ field?: 'swagger' | 'openapi' };

export function detectSpecVersion(doc: unknown): VersionResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, message: 'not an OpenAPI document: expected a mapping with an `openapi: 3.x.y` or `swagger: "2.0"` field at the top' };
  }
  const record = doc as Record<string, unknown>;
  if ('openapi' in record) {
    const raw = record.openapi;
    // YAML reads `openapi: 3.1` as the number 3.1; the schema wants a string, but the
    // intent is plain, so read it and leave the complaint to schema validation.
    const text = typeof raw === 'number' ? (Number.isInteger(raw) ? `${raw}.0` : String(raw)) : typeof raw === 'string' ? raw.trim() : '';
    const quoted = typeof raw === 'number' ? `; write it as a string: \`openapi: "${text}.0"\`` : '';
    if (/^3\.0(\.\d+)?(-.+)?$/.test(text)) return { ok: true, format: 'openapi-3.0', family: 'openapi-3', warning: quoted ? `\`openapi\` is a number${quoted}` : undefined };
    if (/^3\.1(\.\d+)?(-.+)?$/.test(text)) return { ok: true, format: 'openapi-3.1', family: 'openapi-3', warning: quoted ? `\`openapi\` is a number${quoted}` : undefined };
    // 3.2 is validated against its own schema and read by the same readers as 3.1: what it
    // adds (`query`, `additionalOperations`, `querystring`, tag `summary`/`parent`/`kind`,
    // `$self`) is a superset they know (`operations.ts`, the reference's parameters and tags).
    if (/^3\.2(\.\d+)?(-.+)?$/.test(text)) return { ok: true, format: 'openapi-3.2', family: 'openapi-3', warning: quoted ? `\`openapi\` is a number${quoted}` : undefined };
    return {
      ok: false,
      field: 'openapi',
      message: `unsupported \`openapi: ${String(raw)}\`; Atrium reads OpenAPI 3.0.x, 3.1.x, 3.2.x and Swagger 2.0`,
    };
  }
  if ('swagger' in record) {
    const raw = record.swagger;
    if (raw === '2.0' || raw === 2) {
      return { ok: true, format: 'swagger-2.0', family: 'swagger-2.0', warning: raw === 2 ? '`swagger` is a number; write it as a string: `swagger: "2.0"`' : undefined };
    }
    return { ok: false, field: 'swagger', message: `unsupported \`swagger: ${String(raw)}\`; Atrium reads Swagger 2.0, OpenAPI 3.0.x, 3.1.x and 3.2.x` };
  }
  return { ok: false, message: 'no `openapi` or `swagger` field: expected `openapi: 3.x.y` (or `swagger: "2.0"`) at the top of the spec' };
}

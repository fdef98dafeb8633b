/**
 * Which specification a document follows, read from its `swagger` / `openapi` field.
 */
import { isObject } from './object.ts';
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
    // 3.2 is validated against its own schema and rendered with the 3.1 renderer; only what
    // that renderer would drop is named, once, and only when the document uses it.
    if (/^3\.2(\.\d+)?(-.+)?$/.test(text)) {
      const unshown = unshown32Features(record);
      const notes = [quoted ? `\`openapi\` is a number${quoted}` : undefined, unshown.length > 0 ? `this OpenAPI 3.2 document uses ${unshown.join(' and ')}, which the reference does not show yet` : undefined].filter(Boolean);
      return { ok: true, format: 'openapi-3.2', family: 'openapi-3', warning: notes.length > 0 ? notes.join('; ') : undefined };
    }
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

/** What 3.2 adds that the reference does not render yet, as used by `doc` (path items and their operations). */
function unshown32Features(doc: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const components = isObject(doc.components) ? doc.components : {};
  const itemGroups = [doc.paths, doc.webhooks, components.pathItems];
  const parameterLists: unknown[] = [Object.values(isObject(components.parameters) ? components.parameters : {})];
  for (const group of itemGroups) {
    if (!isObject(group)) continue;
    for (const item of Object.values(group)) {
      if (!isObject(item)) continue;
      if (isObject(item.additionalOperations) && Object.keys(item.additionalOperations).length > 0) found.add('`additionalOperations`');
      parameterLists.push(item.parameters);
      for (const operation of Object.values(item)) if (isObject(operation)) parameterLists.push(operation.parameters);
    }
  }
  for (const list of parameterLists) {
    if (Array.isArray(list) && list.some((p) => isObject(p) && p.in === 'querystring')) found.add('`querystring` parameters');
  }
  return [...found].sort();
}

/** The shapes every reader of an OpenAPI document checks for. */

export type JsonObject = Record<string, unknown>;

/** A mapping (not an array, not null): what OpenAPI calls an object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The operation fields of a Path Item Object, in the specification's order (also the display order). */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

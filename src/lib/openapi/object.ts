/** The shapes every reader of an OpenAPI document checks for. */

export type JsonObject = Record<string, unknown>;

/**
 * An object read from a parsed document whose fields are checked where they are read
 * (`typeof`, `isObject`), not promised by the type: what `isObject` and `followRef` give.
 * Code that states a shape declares `JsonObject` (or its own interface) instead.
 */
export type SpecObject = Record<string, any>;

/** A mapping (not an array, not null): what OpenAPI calls an object. */
export function isObject(value: unknown): value is SpecObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The operation fields of a Path Item Object, in the specification's order (also the display order). */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The operation fields of a Path Item Object: OpenAPI 3.2 adds `query` after the eight of 3.0/3.1. */
export const PATH_ITEM_METHODS = [...HTTP_METHODS, 'query'] as const;

/** Non-empty string, or undefined: specs often carry `description: ""`. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

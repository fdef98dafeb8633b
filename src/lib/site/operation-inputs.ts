/**
 * What one operation's page reads of its spec, so that editing one operation re-renders that
 * page and not every page of the version (route-inputs.ts).
 *
 * An operation page (and its markdown twin) reads its own operation and path item, follows
 * `$ref`s into the rest of the document (components, and what else a `$ref` names), and knows
 * the other operations only through the reference index (the navigation, callbacks, link targets)
 * and the list of schemas that have their own page. So its spec inputs are:
 *
 * - shared by every operation of the version: the document without its operations' roots (`paths`,
 *   `webhooks`), the reference index and the schema pages;
 * - its own: the path item it sits in without the sibling operations, and its top-level operation
 *   (a callback's is its parent's, whose page lists it).
 *
 * Where that cannot be told (a `$ref` into `paths` or `webhooks`, whose target another operation's
 * edit could change, or an operation found outside them), `sliceOf` says so and the page hashes
 * the whole spec.
 */
import { createHash } from 'node:crypto';
import { parseRefPointer } from '../openapi/json-pointer.ts';
import { isObject, PATH_ITEM_METHODS } from '../openapi/object.ts';
import { webhooksKey } from '../openapi/operations.ts';
import type { SiteApi } from './model.ts';

const OPERATION_KEYS = new Set<string>([...PATH_ITEM_METHODS, 'additionalOperations']);

export interface OperationInputs {
  /** Hash of the spec beyond the operations: the same for every operation page of the version. */
  shared: string;
  /** Hash of what the operation with `slug` reads of its own, or `undefined` when its page must hash the whole spec. */
  sliceOf(slug: string): string | undefined;
}

const hashJson = (value: unknown) => createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('base64url');

/** `json` is JSON.stringify(api.openapi), which the caller hashes anyway. */
export function operationInputs(api: SiteApi, json: string, schemaPages: readonly string[]): OperationInputs {
  const doc = api.openapi;
  const roots = ['paths', webhooksKey(doc)].filter((k): k is string => k !== undefined);
  const rest = Object.fromEntries(Object.entries(doc).filter(([key]) => !roots.includes(key)));
  const shared = hashJson([rest, api.index, schemaPages]);
  // A `$ref` into an operations root reads what another operation's edit could change.
  const refIntoRoots = new RegExp(`"\\$ref":"#/(?:${roots.map((r) => r.replace(/[^a-z-]/g, '')).join('|')})(?:/|")`);
  if (roots.length === 0 || refIntoRoots.test(json)) return { shared, sliceOf: () => undefined };

  const pointerOf = new Map(api.index.operations.map((op) => [op.slug, op.pointer]));
  const byTop = new Map<string, string | undefined>();
  return {
    shared,
    sliceOf(slug) {
      const pointer = pointerOf.get(slug);
      const segments = pointer === undefined ? undefined : parseRefPointer(pointer);
      if (!segments || segments.length < 3 || !roots.includes(segments[0]!)) return undefined;
      const [root, key, method] = segments as [string, string, string];
      const inner = method === 'additionalOperations' ? segments[3] : undefined;
      const top = JSON.stringify([root, key, method, inner ?? null]);
      if (!byTop.has(top)) byTop.set(top, ownSlice(doc, root, key, method, inner));
      return byTop.get(top);
    },
  };
}

function ownSlice(doc: Record<string, unknown>, root: string, key: string, method: string, inner: string | undefined): string | undefined {
  const items = doc[root];
  const pathItem = isObject(items) ? items[key] : undefined;
  if (!isObject(pathItem) || !OPERATION_KEYS.has(method)) return undefined;
  const own = Object.entries(pathItem).flatMap(([k, v]): [string, unknown][] => {
    if (!OPERATION_KEYS.has(k)) return [[k, v]];
    if (k !== method) return [];
    if (inner === undefined) return [[k, v]];
    return isObject(v) ? [[k, { [inner]: v[inner] }]] : [];
  });
  return hashJson([root, key, own]);
}

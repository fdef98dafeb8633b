/**
 * The hashes of a spec that pages' inputs hashes are made of (route-inputs.ts): the whole spec,
 * for the pages that read all of it, and what one operation's page reads of it, so that editing
 * one operation re-renders that page and not every page of the version. A function of the spec
 * alone, kept by its content hash across builds (resolve/resolve-cache.ts): a large spec is
 * not serialised and hashed again on every build.
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
 * edit could change, or an operation found outside them), the operation has no slice and its page hashes
 * the whole spec.
 */
import { createHash } from 'node:crypto';
import { parseRefPointer } from '../openapi/json-pointer.ts';
import { isObject, PATH_ITEM_METHODS } from '../openapi/object.ts';
import { webhooksKey } from '../openapi/operations.ts';
import type { SiteApi } from './model.ts';

const OPERATION_KEYS = new Set<string>([...PATH_ITEM_METHODS, 'additionalOperations']);

export interface SpecInputs {
  /** Hash of the bundled document and its 3.x view, for the pages that read the whole spec. */
  whole: string;
  /** Hash of the spec beyond the operations: the same for every operation page of the version. */
  shared: string;
  /** Hash of what each operation (by slug) reads of its own; an operation not here hashes the whole spec. */
  slices: Map<string, string>;
}

const hashText = (text: string) => createHash('sha256').update(text).digest('base64url');
const hashJson = (value: unknown) => hashText(JSON.stringify(value) ?? 'undefined');

/** `schemaPages` are of the spec too (reference/schema-pages.ts). */
export function specInputs(api: Pick<SiteApi, 'bundled' | 'openapi' | 'index'>, schemaPages: readonly string[]): SpecInputs {
  const doc = api.openapi;
  const json = JSON.stringify(doc);
  const whole = hashJson([hashJson(api.bundled), hashText(json)]);
  const roots = ['paths', webhooksKey(doc)].filter((k): k is string => k !== undefined);
  const rest = Object.fromEntries(Object.entries(doc).filter(([key]) => !roots.includes(key)));
  const shared = hashJson([rest, api.index, schemaPages]);
  // A `$ref` into an operations root reads what another operation's edit could change.
  const refIntoRoots = new RegExp(`"\\$ref":"#/(?:${roots.map((r) => r.replace(/[^a-z-]/g, '')).join('|')})(?:/|")`);
  if (roots.length === 0 || refIntoRoots.test(json)) return { whole, shared, slices: new Map() };

  const slices = new Map<string, string>();
  const byTop = new Map<string, string | undefined>();
  for (const { slug, pointer } of api.index.operations) {
    const segments = parseRefPointer(pointer);
    if (!segments || segments.length < 3 || !roots.includes(segments[0]!)) continue;
    const [root, key, method] = segments as [string, string, string];
    const inner = method === 'additionalOperations' ? segments[3] : undefined;
    const top = JSON.stringify([root, key, method, inner ?? null]);
    if (!byTop.has(top)) byTop.set(top, ownSlice(doc, root, key, method, inner));
    const own = byTop.get(top);
    if (own !== undefined) slices.set(slug, own);
  }
  return { whole, shared, slices };
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

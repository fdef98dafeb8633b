/**
 * The table of contents of one spec's reference: every operation, webhook and callback with
 * its page slug, grouped by tag. Built once per spec version; pages are rendered from it.
 */
import { isObject, text } from '../openapi/object.ts';
import { apiDocument } from '../openapi/api-document.ts';
import { SlugAllocator, slugify } from './slug.ts';
import type { OperationRef, ReferenceIndex, SpecObject, TagGroup } from './types.ts';

/**
 * Slug rules (stable across unrelated edits of the spec):
 * - `operationId`, slugified (`getFlights` → `get-flights`, `repos/get` → `repos-get`);
 * - else operations `<method>-<path>` (`get-flights-flight-number`),
 *   webhooks `webhook-<name>` (`-<method>` added unless POST),
 *   callbacks `<parent slug>-<callback name>-callback` (`-<method>` added unless POST);
 * - a repeat gets `-2`, `-3`… in document order (paths, then webhooks, then callbacks).
 */
export function buildReferenceIndex(openapi: SpecObject): ReferenceIndex {
  const found = apiDocument(openapi).operations;
  const slugs = new SlugAllocator();
  const operations: OperationRef[] = [];
  for (const f of found) {
    const operationId = text(f.operation.operationId);
    const methodSuffix = f.method === 'post' ? '' : `-${f.method}`;
    let wanted = operationId ? slugify(operationId) : '';
    if (!wanted) {
      if (f.kind === 'operation') wanted = `${f.method}-${slugify(f.path) || 'root'}`;
      else if (f.kind === 'webhook') wanted = `webhook-${slugify(f.path) || 'event'}${methodSuffix}`;
      else {
        const parent = operations[f.parentIndex!]!.slug;
        wanted = `${parent}-${slugify(f.callbackName ?? '') || 'callback'}-callback${methodSuffix}`;
      }
    }
    const tags = Array.isArray(f.operation.tags)
      ? f.operation.tags.filter((t: unknown): t is string => typeof t === 'string' && t !== '')
      : [];
    const ref: OperationRef = {
      slug: slugs.allocate(wanted),
      kind: f.kind,
      method: f.method,
      path: f.path,
      tags: [...new Set(tags)],
      deprecated: f.operation.deprecated === true,
      pointer: f.pointer,
    };
    if (operationId) ref.operationId = operationId;
    const summary = text(f.operation.summary);
    if (summary) ref.summary = summary;
    if (f.kind === 'callback') {
      ref.parent = operations[f.parentIndex!]!.slug;
      ref.callbackName = f.callbackName;
    }
    operations.push(ref);
  }

  const info = isObject(openapi.info) ? openapi.info : {};
  return {
    operations,
    tags: groupByTag(openapi, operations),
    title: text(info.title) ?? 'API reference',
    version: typeof info.version === 'string' || typeof info.version === 'number' ? String(info.version) : '',
  };
}

/** Declared tags first (in the spec's order), then tags only operations mention. */
function groupByTag(openapi: SpecObject, operations: OperationRef[]): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  if (Array.isArray(openapi.tags)) {
    for (const tag of openapi.tags) {
      if (!isObject(tag) || typeof tag.name !== 'string' || groups.has(tag.name)) continue;
      const group: TagGroup = { name: tag.name, operations: [], kind: 'tag' };
      const description = text(tag.description);
      if (description) group.description = description;
      // OpenAPI 3.2 tag fields; earlier documents simply have none of them.
      const summary = text(tag.summary);
      if (summary) group.summary = summary;
      if (text(tag.parent)) group.parent = tag.parent;
      if (text(tag.kind)) group.tagKind = tag.kind;
      groups.set(tag.name, group);
    }
  }
  const untagged: string[] = [];
  const webhooks: string[] = [];
  const callbacks: string[] = [];
  for (const op of operations) {
    if (op.kind === 'callback') {
      callbacks.push(op.slug);
      continue;
    }
    if (op.tags.length === 0) {
      (op.kind === 'webhook' ? webhooks : untagged).push(op.slug);
      continue;
    }
    for (const tag of op.tags) {
      let group = groups.get(tag);
      if (!group) groups.set(tag, (group = { name: tag, operations: [], kind: 'tag' }));
      group.operations.push(op.slug);
    }
  }
  const result = [...groups.values()].filter((g) => g.operations.length > 0);
  if (untagged.length) {
    result.push({ name: result.length ? 'Other operations' : 'Operations', operations: untagged, kind: 'untagged' });
  }
  if (webhooks.length) result.push({ name: 'Webhooks', operations: webhooks, kind: 'webhooks' });
  if (callbacks.length) result.push({ name: 'Callbacks', operations: callbacks, kind: 'callbacks' });
  return result;
}

const BY_SLUG = new WeakMap<ReferenceIndex, Map<string, OperationRef>>();

export function findOperationRef(index: ReferenceIndex, slug: string): OperationRef | undefined {
  let map = BY_SLUG.get(index);
  if (!map) {
    map = new Map(index.operations.map((op) => [op.slug, op]));
    BY_SLUG.set(index, map);
  }
  return map.get(slug);
}

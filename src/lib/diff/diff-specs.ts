/**
 * Compares two API documents (any version: each is read through the upgrade step, so 2.0,
 * 3.0, 3.1 and 3.2 mix freely) and lists what changed for clients: operations and webhooks added,
 * removed and changed, each change classified breaking or not by the rules in `rules/`.
 * A change inside an operation's callbacks is a change of that operation (`callback-…`).
 */
import { apiDocument, type ApiDocument } from '../openapi/api-document.ts';
import { createOperationContext } from './operation-rule.ts';
import { collectCallbacks, collectOperations, compareOperations, type OperationEntry } from './operations.ts';
import { OPERATION_RULES, SCHEMA_RULES } from './rules/index.ts';
import { SchemaNormalizer } from './schema/normal-schema.ts';
import { SchemaComparer } from './schema/schema-comparer.ts';
import type { Change, ChangedOperation, OpenApiDocument, OperationRef, SpecDiff } from './types.ts';

function refOf(entry: OperationEntry): OperationRef {
  return entry.webhook !== undefined ? { method: entry.method, path: entry.path, webhook: entry.webhook } : { method: entry.method, path: entry.path };
}

/** What changed from `oldApi` to `newApi`: two `ApiDocument`s, or parsed documents of any version (read as one). */
export function diffSpecs(oldApi: ApiDocument | OpenApiDocument, newApi: ApiDocument | OpenApiDocument): SpecDiff {
  const oldSpec = asApiDocument(oldApi);
  const newSpec = asApiDocument(newApi);
  const schemas = new SchemaComparer(new SchemaNormalizer(oldSpec), new SchemaNormalizer(newSpec), SCHEMA_RULES);
  const before = collectOperations(oldSpec);
  const after = collectOperations(newSpec);

  const compare = (old: OperationEntry, neu: OperationEntry): Change[] => {
    const changes: Change[] = [];
    const ctx = createOperationContext(old, neu, oldSpec, newSpec, schemas, changes);
    for (const rule of OPERATION_RULES) rule(ctx);
    return changes;
  };

  const added: OperationRef[] = [];
  const removed: OperationRef[] = [];
  const changed: ChangedOperation[] = [];
  for (const [key, old] of before) {
    if (!after.has(key)) removed.push(refOf(old));
  }
  for (const [key, neu] of after) {
    const old = before.get(key);
    if (!old) {
      added.push(refOf(neu));
      continue;
    }
    const changes = [...compare(old, neu), ...callbackChanges(oldSpec, newSpec, old, neu, compare)];
    if (changes.length > 0) {
      changed.push({ ...refOf(neu), breaking: changes.some((c) => c.breaking), changes });
    }
  }
  added.sort(compareOperations);
  removed.sort(compareOperations);
  changed.sort(compareOperations);
  return { breaking: removed.length > 0 || changed.some((c) => c.breaking), added, removed, changed };
}

/**
 * Callbacks the operation declares, compared by callback name, method and expression. The
 * operation rules run on each callback operation as on any other; their findings are
 * renamed `callback-<kind>` and say which callback they are in.
 */
function callbackChanges(
  oldSpec: ApiDocument,
  newSpec: ApiDocument,
  old: OperationEntry,
  neu: OperationEntry,
  compare: (old: OperationEntry, neu: OperationEntry) => Change[],
): Change[] {
  const before = collectCallbacks(oldSpec, old);
  const after = collectCallbacks(newSpec, neu);
  const changes: Change[] = [];
  const where = (cb: { callbackName: string; method: string; path: string }) =>
    `callback \`${cb.callbackName}\` (\`${cb.method.toUpperCase()} ${cb.path}\`)`;
  for (const [key, cb] of before) {
    if (!after.has(key)) {
      changes.push({
        kind: 'callback-removed',
        breaking: true,
        message: `${capitalize(where(cb))} was removed: clients relying on it are no longer called`,
        pointer: cb.pointer,
      });
    }
  }
  for (const [key, cb] of after) {
    const previous = before.get(key);
    if (!previous) {
      changes.push({ kind: 'callback-added', breaking: false, message: `${capitalize(where(cb))} was added`, pointer: cb.pointer });
      continue;
    }
    for (const change of compare(previous, cb)) {
      changes.push({ ...change, kind: `callback-${change.kind}`, message: `In ${where(cb)}: ${change.message}` });
    }
  }
  return changes;
}

function asApiDocument(value: ApiDocument | OpenApiDocument): ApiDocument {
  return typeof value.resolve === 'function' && typeof value.pointerOf === 'function' ? (value as ApiDocument) : apiDocument(value as OpenApiDocument);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

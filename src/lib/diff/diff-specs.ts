/**
 * Compares two OpenAPI 3.x documents (Swagger 2.0 converted by the spec loader; 3.0 and
 * 3.1 mix freely) and lists what changed for clients: operations added, removed and
 * changed, each change classified breaking or not by the rules in `rules/`.
 */
import { createOperationContext } from './operation-rule.ts';
import { collectOperations, compareOperations } from './operations.ts';
import { OPERATION_RULES, SCHEMA_RULES } from './rules/index.ts';
import { SchemaNormalizer } from './schema/normal-schema.ts';
import { SchemaComparer } from './schema/schema-comparer.ts';
import { SpecDocument } from './spec-document.ts';
import type { Change, ChangedOperation, OpenApiDocument, OperationRef, SpecDiff } from './types.ts';

export function diffSpecs(oldApi: OpenApiDocument, newApi: OpenApiDocument): SpecDiff {
  const oldSpec = new SpecDocument(oldApi);
  const newSpec = new SpecDocument(newApi);
  const schemas = new SchemaComparer(new SchemaNormalizer(oldSpec), new SchemaNormalizer(newSpec), SCHEMA_RULES);
  const before = collectOperations(oldSpec);
  const after = collectOperations(newSpec);

  const added: OperationRef[] = [];
  const removed: OperationRef[] = [];
  const changed: ChangedOperation[] = [];
  for (const [key, old] of before) {
    if (!after.has(key)) removed.push({ method: old.method, path: old.path });
  }
  for (const [key, neu] of after) {
    const old = before.get(key);
    if (!old) {
      added.push({ method: neu.method, path: neu.path });
      continue;
    }
    const changes: Change[] = [];
    const ctx = createOperationContext(old, neu, oldSpec, newSpec, schemas, changes);
    for (const rule of OPERATION_RULES) rule(ctx);
    if (changes.length > 0) {
      changed.push({ method: neu.method, path: neu.path, breaking: changes.some((c) => c.breaking), changes });
    }
  }
  added.sort(compareOperations);
  removed.sort(compareOperations);
  changed.sort(compareOperations);
  return { breaking: removed.length > 0 || changed.some((c) => c.breaking), added, removed, changed };
}

/**
 * The order every renderer shows a diff in: operations with something breaking first
 * (removed, then changed), then the rest (changed, then added); within an operation,
 * breaking changes first. Grouped by operation so a reader sees one place per endpoint.
 */
import type { Change, SpecDiff } from './types.ts';

export type OperationStatus = 'removed' | 'changed' | 'added';

export interface DisplayOperation {
  method: string;
  path: string;
  /** Set for webhooks: the webhook's name. */
  webhook?: string;
  status: OperationStatus;
  breaking: boolean;
  /** Breaking first; empty for added and removed operations. */
  changes: Change[];
}

export function displayOrder(diff: SpecDiff): { breaking: DisplayOperation[]; nonBreaking: DisplayOperation[] } {
  const sortChanges = (changes: Change[]) => [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
  const removed = diff.removed.map((op) => ({ ...op, status: 'removed' as const, breaking: true, changes: [] }));
  const changed = diff.changed.map((op) => ({
    method: op.method,
    path: op.path,
    ...(op.webhook !== undefined ? { webhook: op.webhook } : {}),
    status: 'changed' as const,
    breaking: op.breaking,
    changes: sortChanges(op.changes),
  }));
  const added = diff.added.map((op) => ({ ...op, status: 'added' as const, breaking: false, changes: [] }));
  return {
    breaking: [...removed, ...changed.filter((op) => op.breaking)],
    nonBreaking: [...changed.filter((op) => !op.breaking), ...added],
  };
}

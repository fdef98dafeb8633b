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

/**
 * The same operations split by change, for a page with a "Breaking" and a "Non-breaking"
 * heading: an operation with both kinds appears under each heading with only that kind's
 * changes, so nothing non-breaking is listed under "Breaking changes".
 */
export function displaySections(diff: SpecDiff): { breaking: DisplayOperation[]; nonBreaking: DisplayOperation[] } {
  const { breaking, nonBreaking } = displayOrder(diff);
  const only = (op: DisplayOperation, isBreaking: boolean) => ({ ...op, breaking: isBreaking, changes: op.changes.filter((c) => c.breaking === isBreaking) });
  const changedWithBoth = breaking.filter((op) => op.status === 'changed' && op.changes.some((c) => !c.breaking));
  return {
    breaking: breaking.map((op) => (op.status === 'changed' ? only(op, true) : op)),
    nonBreaking: [...changedWithBoth.map((op) => only(op, false)), ...nonBreaking],
  };
}

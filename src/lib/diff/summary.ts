/** Counts for pages and tables, and the exact JSON of `atrium diff --format json`. */
import type { DiffSummary, OperationJson, OperationRef, SpecDiff, SpecDiffJson } from './types.ts';

export function summarizeDiff(diff: SpecDiff): DiffSummary {
  let breaking = diff.removed.length;
  let nonBreaking = diff.added.length;
  for (const operation of diff.changed) {
    for (const change of operation.changes) {
      if (change.breaking) breaking++;
      else nonBreaking++;
    }
  }
  return { breaking, nonBreaking, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
}

/** The DESIGN §7 contract shape: no `pointer`, keys in contract order. */
export function toDiffJson(diff: SpecDiff): SpecDiffJson {
  return {
    breaking: diff.breaking,
    added: diff.added.map(operationJson),
    removed: diff.removed.map(operationJson),
    changed: diff.changed.map((op) => ({
      ...operationJson(op),
      breaking: op.breaking,
      changes: op.changes.map(({ kind, breaking, message }) => ({ kind, breaking, message })),
    })),
  };
}

function operationJson(op: OperationRef): OperationJson {
  return op.webhook !== undefined ? { method: op.method, webhook: op.webhook } : { method: op.method, path: op.path };
}

/** `POST /flights`, or `POST webhook newFlight`: how text renderers name an operation. */
export function operationLabel(op: OperationRef): string {
  return `${op.method.toUpperCase()} ${op.webhook !== undefined ? `webhook ${op.webhook}` : op.path}`;
}

/** `1 operation`, `2 operations`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `3 breaking, 5 non-breaking changes: 1 operation added, 1 removed, 2 changed` */
export function summaryLine(diff: SpecDiff): string {
  const s = summarizeDiff(diff);
  if (s.breaking + s.nonBreaking === 0) return 'No changes.';
  return (
    `${s.breaking} breaking, ${s.nonBreaking} non-breaking change${s.breaking + s.nonBreaking === 1 ? '' : 's'}: ` +
    `${plural(s.added, 'operation')} added, ${s.removed} removed, ${s.changed} changed.`
  );
}

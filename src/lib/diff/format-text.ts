/** Plain text for terminals and CI logs: breaking changes first, a summary line last. */
import { displayOrder, type DisplayOperation } from './display-order.ts';
import { operationLabel, summaryLine } from './summary.ts';
import type { SpecDiff } from './types.ts';

function operationLines(op: DisplayOperation): string[] {
  const title = `  ${operationLabel(op)}`;
  if (op.status === 'removed') return [`${title}: operation removed`];
  if (op.status === 'added') return [`${title}: operation added`];
  return [
    `${title}:`,
    ...op.changes.map((c) => `    ${c.breaking ? 'BREAKING ' : '         '} ${c.message} [${c.kind}]`),
  ];
}

export function formatDiffText(diff: SpecDiff): string {
  const { breaking, nonBreaking } = displayOrder(diff);
  const lines: string[] = [];
  if (breaking.length > 0) {
    lines.push(`Breaking changes (${breaking.length} operation${breaking.length === 1 ? '' : 's'}):`);
    for (const op of breaking) lines.push(...operationLines(op));
    lines.push('');
  }
  if (nonBreaking.length > 0) {
    lines.push(`Non-breaking changes (${nonBreaking.length} operation${nonBreaking.length === 1 ? '' : 's'}):`);
    for (const op of nonBreaking) lines.push(...operationLines(op));
    lines.push('');
  }
  lines.push(summaryLine(diff));
  return `${lines.join('\n')}\n`;
}

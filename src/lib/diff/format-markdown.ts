/**
 * Markdown for a pull-request comment: a summary table, then breaking and non-breaking
 * sections grouped by operation. Text from the spec is escaped so it cannot add links,
 * HTML or formatting to the comment.
 */
import { displayOrder, type DisplayOperation } from './display-order.ts';
import { messageParts } from './message-parts.ts';
import { operationLabel, summarizeDiff } from './summary.ts';
import type { SpecDiff } from './types.ts';

/** Escaping brackets is enough to stop links and images; `<` stops HTML, `&` entities. */
function escapeMarkdown(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** A code span that survives backticks inside the text. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function inline(message: string): string {
  return messageParts(message)
    .map((p) => (p.code ? codeSpan(p.text) : escapeMarkdown(p.text)))
    .join('');
}

function operationSection(op: DisplayOperation): string[] {
  const lines = [`#### ${codeSpan(operationLabel(op))}`, ''];
  if (op.status === 'removed') lines.push('- :x: **Breaking**: operation removed');
  else if (op.status === 'added') lines.push('- Operation added');
  else for (const c of op.changes) lines.push(`- ${c.breaking ? ':x: **Breaking**: ' : ''}${inline(c.message)} ${codeSpan(c.kind)}`);
  lines.push('');
  return lines;
}

export function formatDiffMarkdown(diff: SpecDiff): string {
  const s = summarizeDiff(diff);
  const lines = [
    '### API changes',
    '',
    s.breaking > 0 ? `:x: **${s.breaking} breaking change${s.breaking === 1 ? '' : 's'}**` : ':white_check_mark: No breaking changes',
    '',
    '| Breaking | Non-breaking | Operations added | Operations removed | Operations changed |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${s.breaking} | ${s.nonBreaking} | ${s.added} | ${s.removed} | ${s.changed} |`,
    '',
  ];
  const { breaking, nonBreaking } = displayOrder(diff);
  if (breaking.length > 0) {
    lines.push('### Breaking changes', '');
    for (const op of breaking) lines.push(...operationSection(op));
  }
  if (nonBreaking.length > 0) {
    lines.push('### Non-breaking changes', '');
    for (const op of nonBreaking) lines.push(...operationSection(op));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

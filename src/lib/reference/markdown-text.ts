/**
 * Small builders for the markdown twins of reference pages: inline code, fenced blocks and
 * table cells that stay intact whatever text the spec puts in them.
 */

/** Inline code that survives backticks in the value (`` `a`b` `` needs a longer fence). */
export function inlineCode(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fencedBlock(body: string, language = ''): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body.replace(/\s+$/, '')}\n${fence}`;
}

/** Text for one GFM table cell: one line, pipes escaped. */
export function tableCell(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Markdown from the spec, as a block indented under a list item. */
export function indentBlock(markdown: string, indent: string): string {
  return markdown
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? indent + line : ''))
    .join('\n');
}

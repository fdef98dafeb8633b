/**
 * GitHub's alert syntax, the one most READMEs pasted into a portal use, rendered as the same
 * admonitions as `:::note` (see admonition.ts):
 *
 *   > [!NOTE]
 *   > Useful information.
 *
 * The marker must be alone on the blockquote's first line, as on GitHub (any case). GitHub's
 * five kinds map onto Atrium's four styles: IMPORTANT is a note titled "Important", CAUTION a
 * danger titled "Caution". A blockquote without a marker stays a blockquote.
 */
import type { Blockquote, Paragraph, Parent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { admonitionNode, type AdmonitionType } from './admonition.ts';

const ALERTS: Record<string, { type: AdmonitionType; title: string }> = {
  NOTE: { type: 'note', title: 'Note' },
  TIP: { type: 'tip', title: 'Tip' },
  IMPORTANT: { type: 'note', title: 'Important' },
  WARNING: { type: 'warning', title: 'Warning' },
  CAUTION: { type: 'danger', title: 'Caution' },
};

const MARKER = /^\[!(note|tip|important|warning|caution)\][ \t]*(?:\r?\n[ \t]*|$)/i;

export function remarkGithubAlerts() {
  return (tree: Root): void => {
    visit(tree, 'blockquote', (node: Blockquote, index: number | undefined, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const alert = alertOf(node);
      if (!alert) return;
      const title = [{ type: 'text' as const, value: alert.title }];
      parent.children[index] = admonitionNode(alert.type, title, node.children as RootContent[], node.position) as Parent['children'][number];
    });
  };
}

/** The alert a blockquote opens with, removing its marker from the first paragraph. */
function alertOf(node: Blockquote): { type: AdmonitionType; title: string } | undefined {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return undefined;
  const text = first.children[0];
  if (text?.type !== 'text') return undefined;
  const match = MARKER.exec(text.value);
  // `[!NOTE] more text` on the same line does not match: not an alert on GitHub either.
  if (!match) return undefined;
  text.value = text.value.slice(match[0].length);
  if (text.value === '') dropLeading(first);
  if (first.children.length === 0) node.children.shift();
  return ALERTS[match[1]!.toUpperCase()];
}

/** Removes the emptied text and a hard break that ended the marker line. */
function dropLeading(paragraph: Paragraph): void {
  paragraph.children.shift();
  if (paragraph.children[0]?.type === 'break') paragraph.children.shift();
}

/**
 * Admonitions ("callouts"). Two ways to write one, same output:
 *
 *   :::note                       <Admonition type="warning" title="Rate limits">   (MDX only)
 *   Plain **markdown** here.      Text here.
 *   :::                           </Admonition>
 *
 *   :::danger[Custom title]
 *   Deleting a version cannot be undone.
 *   :::
 *
 * GitHub's alert syntax (`> [!NOTE]`) gives the same output too (remark-github-alerts.ts).
 *
 * Types: note, tip, warning, danger. The directive syntax is remark-directive's
 * (the generic-directives proposal also used by Docusaurus and Starlight).
 * Output: `<aside class="atrium-admonition atrium-admonition-note" role="note"
 * aria-label="Note"><p class="atrium-admonition-title">Note</p>…</aside>`.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

export const ADMONITION_TYPES = ['note', 'tip', 'warning', 'danger'] as const;
export type AdmonitionType = (typeof ADMONITION_TYPES)[number];

const DEFAULT_TITLES: Record<AdmonitionType, string> = {
  note: 'Note',
  tip: 'Tip',
  warning: 'Warning',
  danger: 'Danger',
};

export function isAdmonitionType(name: string): name is AdmonitionType {
  return (ADMONITION_TYPES as readonly string[]).includes(name);
}

/**
 * An mdast node that remark-rehype turns into the `<aside>` (through `data.hName`,
 * the documented way for plugins to shape the HTML of custom nodes).
 */
export function admonitionNode(
  type: AdmonitionType,
  title: PhrasingContent[] | undefined,
  children: RootContent[],
  position: RootContent['position'],
): RootContent {
  const titleChildren: PhrasingContent[] =
    title && title.length > 0 ? title : [{ type: 'text', value: DEFAULT_TITLES[type] }];
  const label = toString({ type: 'paragraph', children: titleChildren }).trim() || DEFAULT_TITLES[type];
  const titleNode = {
    type: 'paragraph',
    children: titleChildren,
    data: { hProperties: { className: ['atrium-admonition-title'] } },
  } as RootContent;
  return {
    type: 'atriumElement',
    children: [titleNode, ...children],
    position,
    data: {
      hName: 'aside',
      hProperties: {
        className: ['atrium-admonition', `atrium-admonition-${type}`],
        role: 'note',
        ariaLabel: label,
      },
    },
  } as unknown as RootContent;
}

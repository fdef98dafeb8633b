/**
 * GFM task-list checkboxes (`- [x] Create a consumer`) get an accessible name: remark-gfm
 * writes a bare `<input type="checkbox" disabled>`, which screen readers announce as
 * "checkbox" alone and axe reports (`label`, critical) on every page with a task list. The
 * name is the item's own text, as a `<label>` around it would give.
 */
import type { Element, ElementContent, Root } from 'hast';
import { classList, isElement, mapElements, textContent } from './hast-util.ts';

const MAX_LABEL = 120;

export function rehypeTaskLists() {
  return (tree: Root): void => {
    mapElements(tree, (element) => {
      if (element.tagName !== 'li' || !classList(element).includes('task-list-item')) return undefined;
      const box = checkboxOf(element);
      if (box && typeof box.properties.ariaLabel !== 'string') box.properties.ariaLabel = labelOf(element);
      return undefined;
    });
  };
}

/** The item's checkbox: its first child, or the first child of its first paragraph (loose lists). */
function checkboxOf(item: Element): Element | undefined {
  const first = item.children.find((c) => c.type !== 'text' || c.value.trim() !== '');
  if (first?.type !== 'element') return undefined;
  if (first.tagName === 'input') return first;
  const inner = first.tagName === 'p' ? first.children[0] : undefined;
  return isElement(inner, 'input') ? inner : undefined;
}

/** The item's text without nested lists, on one line, cut at a readable length. */
function labelOf(item: Element): string {
  const own = (nodes: ElementContent[]): string =>
    nodes.map((n) => (n.type !== 'element' ? textContent(n) : n.tagName === 'ul' || n.tagName === 'ol' ? ' ' : own(n.children))).join('');
  const text = own(item.children).replace(/\s+/g, ' ').trim();
  if (text === '') return 'Task';
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1).trimEnd()}…` : text;
}

/** Finds hast elements by a predicate (tests only). */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export function selectAll(tree: Root, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (e: Element) => {
    if (test(e)) found.push(e);
  });
  return found;
}

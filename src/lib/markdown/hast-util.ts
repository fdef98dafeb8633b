/** Small hast helpers shared by the rehype plugins. */
import type { Element, ElementContent, Nodes, Parent } from 'hast';

/** The text a reader sees in a node (no markup), like `Node.textContent`. */
export function textContent(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textContent).join('');
  return '';
}

export function isElement(node: unknown, tagName?: string): node is Element {
  return (
    typeof node === 'object' &&
    node !== null &&
    (node as Element).type === 'element' &&
    (tagName === undefined || (node as Element).tagName === tagName)
  );
}

/** Class names of an element, whichever form (`className` array or string) it carries. */
export function classList(element: Element): string[] {
  const value = element.properties.className ?? (element.properties as Record<string, unknown>).class;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

/**
 * Calls `visitor` for every element, depth first, with its parent and index. The visitor
 * may return replacement nodes (then the replacements are not visited again).
 */
export function mapElements(
  parent: Parent,
  visitor: (element: Element, parent: Parent, ancestors: Element[]) => ElementContent[] | undefined,
  ancestors: Element[] = [],
): void {
  const out: typeof parent.children = [];
  for (const child of parent.children) {
    if (child.type !== 'element') {
      out.push(child);
      continue;
    }
    const replacement = visitor(child, parent, ancestors);
    if (replacement) {
      out.push(...replacement);
      continue;
    }
    mapElements(child, visitor, [...ancestors, child]);
    out.push(child);
  }
  parent.children = out;
}

/**
 * remark-directive parses every `:name`, `::name` and `:::name` it sees. Only the
 * container form with an admonition name means something in Atrium (see admonition.ts);
 * a `:::` container with another name is an error, and the inline/leaf forms — almost
 * always accidental, like `see :ref` — go back to the text the writer typed.
 */
import type { Parent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { admonitionNode, ADMONITION_TYPES, isAdmonitionType } from './admonition.ts';
import { addError, stateOf } from './render-state.ts';

type Directive = ContainerDirective | LeafDirective | TextDirective;

export function remarkDirectives() {
  return (tree: Root, file: VFile): void => {
    const state = stateOf(file);
    const source = String(file.value);
    walk(tree);

    function walk(parent: Parent): void {
      parent.children = parent.children.flatMap((child) => {
        if ('children' in child) walk(child as Parent);
        if (!isDirective(child)) return [child];
        if (child.type === 'containerDirective') return [container(child)];
        return [asText(child)];
      }) as RootContent[];
    }

    function container(node: ContainerDirective): RootContent {
      const [first, ...rest] = node.children;
      const hasLabel = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel;
      const title = hasLabel ? first.children : undefined;
      const body = (hasLabel ? rest : node.children) as RootContent[];
      if (isAdmonitionType(node.name)) return admonitionNode(node.name, title, body, node.position);
      addError(
        state,
        `Unknown block ":::${node.name}"; the supported admonitions are ${ADMONITION_TYPES.map((t) => `:::${t}`).join(', ')}`,
        node,
        'unknown-directive',
      );
      return { type: 'atriumElement', children: body, position: node.position, data: { hName: 'div' } } as unknown as RootContent;
    }

    function asText(node: LeafDirective | TextDirective): RootContent {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const value = start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`;
      const text = { type: 'text' as const, value, position: node.position };
      return node.type === 'leafDirective' ? { type: 'paragraph', children: [text], position: node.position } : text;
    }
  };
}

function isDirective(node: RootContent): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

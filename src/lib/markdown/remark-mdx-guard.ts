/**
 * MDX without running code. Docs are content, not programs: `import`/`export` and
 * `{expressions}` would execute JavaScript at build time and could read any file, so they
 * are errors with the line. JSX is allowed for:
 *   - the built-in components in BUILT_IN_COMPONENTS (`<Admonition type="tip" title="…">`),
 *   - lowercase HTML-like elements (`<details>`, `<kbd>`), which then go through the same
 *     sanitizer as raw HTML in markdown,
 *   - fragments `<>…</>`, and comment-only expressions `{/* … *\/}`.
 * Attribute values must be plain strings.
 */
import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { admonitionNode, ADMONITION_TYPES, isAdmonitionType } from './admonition.ts';
import { addError, type RenderState, stateOf } from './render-state.ts';

export const BUILT_IN_COMPONENTS = ['Admonition'] as const;

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

const HTML_NAME = /^[a-z][a-z0-9-]*$/;
const COMMENT_ONLY = /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n?\s*)*$/;

export function remarkMdxGuard() {
  return (tree: Root, file: VFile): void => {
    const state = stateOf(file);
    walk(tree, state);
  };
}

function walk(parent: Parent, state: RenderState): void {
  parent.children = parent.children.flatMap((child) => guard(child as RootContent, state)) as RootContent[];
}

function guard(node: RootContent, state: RenderState): RootContent[] {
  switch (node.type) {
    case 'mdxjsEsm':
      addError(
        state,
        'MDX import/export is not supported: docs may not run code. Remove the statement; built-in components such as <Admonition> need no import',
        node,
        'mdx-esm',
      );
      return [];
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      if (!COMMENT_ONLY.test(node.value)) {
        addError(
          state,
          `MDX expressions are not supported; write the value as text, or escape the brace as \\{ (found {${abbreviate(node.value)}})`,
          node,
          'mdx-expression',
        );
      }
      return [];
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return jsx(node, state);
    case 'paragraph':
      walk(node, state);
      return unwrapBlockElements(node);
    default:
      if ('children' in node) walk(node as Parent, state);
      return [node];
  }
}

/**
 * MDX reads `<summary>Title</summary>` on its own line as inline JSX inside a paragraph;
 * a `<p>` around a block element would be split by the HTML parser into empty `<p>`s.
 */
const BLOCK_ELEMENTS = new Set(['summary', 'details', 'div', 'section', 'figure', 'figcaption', 'table', 'ul', 'ol', 'dl', 'blockquote', 'pre', 'hr', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);

function unwrapBlockElements(paragraph: Paragraph): RootContent[] {
  const isBlock = (c: RootContent) => c.type === ('atriumElement' as string) && BLOCK_ELEMENTS.has(String((c.data as { hName?: string } | undefined)?.hName));
  const isBlank = (c: RootContent) => c.type === 'text' && c.value.trim() === '';
  const children = paragraph.children as RootContent[];
  if (!children.some(isBlock) || !children.every((c) => isBlock(c) || isBlank(c))) return [paragraph];
  return children.filter(isBlock);
}

function jsx(node: JsxElement, state: RenderState): RootContent[] {
  walk(node, state);
  const children = node.children as RootContent[];
  if (node.name === null) return children; // fragment
  const attributes = readAttributes(node, state);

  if (node.name === 'Admonition') {
    const type = attributes.type ?? 'note';
    if (typeof type !== 'string' || !isAdmonitionType(type)) {
      addError(state, `<Admonition type="${String(type)}"> is not a known type; use one of ${ADMONITION_TYPES.join(', ')}`, node, 'mdx-component');
      return children;
    }
    const title = typeof attributes.title === 'string' ? [{ type: 'text', value: attributes.title } as PhrasingContent] : undefined;
    return [admonitionNode(type, title, blockChildren(node), node.position)];
  }

  if (!HTML_NAME.test(node.name)) {
    addError(
      state,
      `<${node.name}> is not a built-in component; MDX docs may use ${BUILT_IN_COMPONENTS.map((c) => `<${c}>`).join(', ')} and HTML elements (components cannot be imported)`,
      node,
      'mdx-component',
    );
    return children;
  }

  // hastscript maps attribute names to hast property names (class → className,
  // aria-label → ariaLabel), which the sanitizer's allow-list is written in.
  const element = h(node.name, attributes);
  return [
    {
      type: 'atriumElement',
      children,
      position: node.position,
      data: { hName: element.tagName, hProperties: element.properties },
    } as unknown as RootContent,
  ];
}

/** Inline admonition contents (`<Admonition>text</Admonition>` on one line) become a paragraph. */
function blockChildren(node: JsxElement): RootContent[] {
  if (node.type === 'mdxJsxFlowElement') return node.children as RootContent[];
  return [{ type: 'paragraph', children: node.children as PhrasingContent[] }];
}

function readAttributes(node: JsxElement, state: RenderState): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const attribute of node.attributes as (MdxJsxAttribute | MdxJsxExpressionAttribute)[]) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      addError(state, `MDX expressions are not supported: remove the spread {${abbreviate(attribute.value)}} from <${node.name}>`, node, 'mdx-expression');
      continue;
    }
    if (attribute.value === null || attribute.value === undefined) out[attribute.name] = true;
    else if (typeof attribute.value === 'string') out[attribute.name] = attribute.value;
    else {
      addError(
        state,
        `MDX expressions are not supported: give ${attribute.name} a quoted string instead of {${abbreviate(attribute.value.value)}} on <${node.name}>`,
        attribute.position ? attribute : node,
        'mdx-expression',
      );
    }
  }
  return out;
}

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}

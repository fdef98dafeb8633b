/**
 * Code blocks: Shiki highlighting with both themes as CSS variables, `title="…"` as a
 * caption, `{3-4}` line highlights, and a copy button. The button is `hidden` in the
 * HTML; /src/client/copy-code.ts reveals it, so without JavaScript no dead button shows.
 *
 *   <figure class="atrium-code" data-language="ts">
 *     <figcaption class="atrium-code-title">client.ts</figcaption>
 *     <pre class="shiki shiki-themes github-light github-dark" style="--shiki-light:…">
 *       <code><span class="line highlighted">…</span></code></pre>
 *     <button type="button" class="atrium-copy" data-atrium-copy hidden>Copy</button>
 *   </figure>
 * (a `div` instead of `figure` when there is no title).
 */
import type { Element, ElementContent, Properties, Root } from 'hast';
import type { VFile } from 'vfile';
import { classList, isElement, mapElements, textContent } from '../hast-util.ts';
import { stateOf } from '../render-state.ts';
import { parseCodeMeta } from './meta.ts';
import { CODE_THEMES, type CodeHighlighter } from './highlighter.ts';

interface Block {
  pre: Element;
  code: Element;
  lang: string;
}

export function rehypeCodeBlocks(options: { highlighter: CodeHighlighter }) {
  return async (tree: Root, file: VFile): Promise<void> => {
    const state = stateOf(file);
    const blocks: Block[] = [];
    mapElements(tree, (element) => {
      if (element.tagName !== 'pre') return undefined;
      const elements = element.children.filter((c) => c.type === 'element' || (c.type === 'text' && c.value.trim()));
      const code = elements[0];
      if (elements.length !== 1 || !isElement(code, 'code')) return undefined;
      const lang = classList(code).find((c) => c.startsWith('language-'))?.slice('language-'.length) ?? '';
      blocks.push({ pre: element, code, lang });
      return undefined;
    });
    if (blocks.length === 0) return;
    state.hasCode = true;

    const languages = await options.highlighter.prepare(new Set(blocks.map((b) => b.lang)));
    const shiki = options.highlighter.highlighter();
    for (const block of blocks) {
      const meta = parseCodeMeta(typeof block.code.properties.dataMeta === 'string' ? block.code.properties.dataMeta : undefined);
      const source = textContent(block.code).replace(/\n$/, '');
      const highlighted = shiki.codeToHast(source, {
        lang: languages.get(block.lang) ?? 'text',
        themes: CODE_THEMES,
        defaultColor: false,
        // No per-line time limit: under load Shiki stops a line early for one theme, and the output differs between builds.
        tokenizeTimeLimit: 0,
        transformers: [
          {
            line(node, line) {
              if (meta.highlight.has(line)) this.addClassToHast(node, 'highlighted');
            },
          },
        ],
      });
      const pre = highlighted.children.find((c): c is Element => isElement(c, 'pre'));
      if (!pre) continue;
      normalizeProperties(pre);
      const wrapper = codeFigure(pre, block.lang, meta.title);
      // Replace in place: the <pre> becomes the wrapper, keeping its position.
      Object.assign(block.pre, { tagName: wrapper.tagName, properties: wrapper.properties, children: wrapper.children });
    }
  };
}

function codeFigure(pre: Element, lang: string, title: string | undefined): Element {
  const children: ElementContent[] = [];
  if (title) {
    children.push({ type: 'element', tagName: 'figcaption', properties: { className: ['atrium-code-title'] }, children: [{ type: 'text', value: title }] });
  }
  children.push(pre, {
    type: 'element',
    tagName: 'button',
    properties: { type: 'button', className: ['atrium-copy'], dataAtriumCopy: true, dataPagefindIgnore: 'index', hidden: true },
    children: [{ type: 'text', value: 'Copy' }],
  });
  const properties: Properties = { className: ['atrium-code'] };
  if (lang) properties.dataLanguage = lang;
  // Code reads as noise in search excerpts and is most of a doc's index (issue 17): the prose
  // around a sample says what it does, and that is what search finds.
  properties.dataPagefindIgnore = 'all';
  return { type: 'element', tagName: title ? 'figure' : 'div', properties, children };
}

/** Shiki writes HTML attribute names (`class`, `tabindex`); hast tools expect property names. */
function normalizeProperties(node: Element): void {
  const props = node.properties as Record<string, unknown>;
  if ('class' in props) {
    const value = props.class;
    props.className = (Array.isArray(value) ? value.map(String) : String(value).split(/\s+/)).filter(Boolean);
    delete props.class;
  }
  if ('tabindex' in props) {
    props.tabIndex = Number(props.tabindex);
    delete props.tabindex;
  }
  for (const child of node.children) if (isElement(child)) normalizeProperties(child);
}

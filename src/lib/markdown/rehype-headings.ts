/**
 * Heading ids (GitHub's slugs, so links copied from GitHub keep working), a link icon
 * to each section, and the heading list the table of contents is built from.
 *
 * The anchor is a sibling of the heading, not a child, so the heading's accessible name
 * stays its own text:
 *   <div class="atrium-heading"><h2 id="setup">Setup</h2>
 *   <a class="atrium-anchor" href="#setup"><span aria-hidden="true">#</span>
 *   <span class="atrium-sr-only">Section titled “Setup”</span></a></div>
 */
import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { isElement, mapElements, textContent } from './hast-util.ts';
import { stateOf } from './render-state.ts';
import type { Heading } from './types.ts';

const HEADING = /^h([1-6])$/;

export function rehypeHeadings() {
  return (tree: Root, file: VFile): void => {
    const state = stateOf(file);
    const slugger = new GithubSlugger();
    const taken = new Set<string>();
    collectIds(tree, taken);

    mapElements(tree, (element, _parent, ancestors) => {
      const match = HEADING.exec(element.tagName);
      if (!match) return undefined;
      // remark-rehype's hidden "Footnotes" label is not a section of the doc.
      if (ancestors.some((a) => a.tagName === 'section' && 'dataFootnotes' in a.properties)) return undefined;
      const depth = Number(match[1]);
      const text = textContent(element).replace(/\s+/g, ' ').trim();
      let id = typeof element.properties.id === 'string' ? element.properties.id : '';
      if (!id) {
        // Punctuation-only headings slug to ''; ids raw HTML already uses are skipped.
        do id = slugger.slug(text) || slugger.slug('section');
        while (taken.has(id));
        element.properties.id = id;
      }
      taken.add(id);
      state.headings.push({ depth, id, text } satisfies Heading);
      if (depth === 1) return undefined;
      return [wrap(element, id, text)];
    });
  };
}

function wrap(heading: Element, id: string, text: string): Element {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['atrium-heading', `atrium-heading-${heading.tagName}`] },
    children: [
      heading,
      {
        type: 'element',
        tagName: 'a',
        properties: { className: ['atrium-anchor'], href: `#${id}`, dataPagefindIgnore: 'index' },
        children: [
          { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: '#' }] },
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['atrium-sr-only'] },
            children: [{ type: 'text', value: `Section titled “${text}”` }],
          },
        ],
      },
    ],
  };
}

function collectIds(node: Root | Element, into: Set<string>): void {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (typeof child.properties.id === 'string' && !HEADING.test(child.tagName)) into.add(child.properties.id);
    collectIds(child, into);
  }
}

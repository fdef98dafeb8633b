/**
 * Turning a renderer's SVG text into markup safe to inline in a page.
 *
 * The SVG is ours (Chromium or PlantUML drew it), so it skips the doc sanitizer, which
 * would strip its `<style>` and geometry; but its text came from a writer, so it is
 * still cleaned: no `<script>`, no `on*` handlers, no `javascript:` links, no external
 * stylesheets, no XML prolog or comments (PlantUML's comment repeats the source and
 * the build machine's Java version).
 *
 * Ids are renamed, unique per page: two diagrams on one page would otherwise share marker
 * and gradient ids (PlantUML) or style scopes (Mermaid), and the second would be drawn
 * with the first one's arrows.
 */
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

const DROP_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'audio', 'video', 'form', 'input', 'textarea', 'button']);
const LINK_PROPERTIES = ['href', 'xLinkHref'];
const SAFE_LINK = /^(?:#|https?:|mailto:)/i;

/** Parses renderer output into one clean `<svg>` element, or undefined if there is none. */
export function cleanSvg(svgText: string): Element | undefined {
  const tree = fromHtml(svgText, { fragment: true });
  const svg = findSvg(tree);
  if (!svg) return undefined;
  scrub(svg);
  return svg;
}

/**
 * Renames every id in `svg` (and every reference to it) to `prefix` + its ordinal.
 * Ordinals rather than the renderer's names because Mermaid numbers some ids from
 * counters that live as long as the page (`actor5` after other diagrams, `actor1` on a
 * fresh page): renaming by position makes the drawing independent of what was rendered
 * before it, so a cold build is byte-identical whatever the batches were.
 */
export function renameIds(svg: Element, prefix: string): void {
  const ids = new Map<string, string>();
  collectIds(svg, ids, prefix);
  if (ids.size === 0) return;
  const pattern = new RegExp(`#(${[...ids.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  const rewrite = (text: string) => text.replace(pattern, (_m, id: string) => `#${ids.get(id)}`);
  rewriteRefs(svg, ids, rewrite);
}

export function svgToHtml(svg: Element): string {
  return toHtml(svg);
}

function findSvg(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'svg') return child;
    const found = findSvg(child);
    if (found) return found;
  }
  return undefined;
}

function scrub(element: Element): void {
  for (const key of Object.keys(element.properties)) {
    const value = element.properties[key];
    if (/^on/i.test(key)) delete element.properties[key];
    else if (LINK_PROPERTIES.includes(key) && typeof value === 'string' && !SAFE_LINK.test(value.trim())) delete element.properties[key];
    else if (key === 'contentScriptType') delete element.properties[key];
    else if (typeof value === 'string' && /javascript:|expression\(/i.test(value)) delete element.properties[key];
  }
  element.children = element.children.filter((child: Nodes) => {
    if (child.type === 'comment' || child.type === 'doctype') return false;
    if (child.type === 'element' && DROP_ELEMENTS.has(child.tagName.toLowerCase())) return false;
    return true;
  }) as Element['children'];
  for (const child of element.children) {
    if (child.type === 'element') {
      if (child.tagName === 'style') scrubStyle(child);
      else scrub(child);
    }
  }
}

/** Style sheets may only reference things inside the SVG itself. */
function scrubStyle(style: Element): void {
  style.properties = {};
  style.children = style.children
    .filter((c) => c.type === 'text')
    .map((c) => ({
      type: 'text' as const,
      value: (c as { value: string }).value
        .replace(/@import[^;]*;?/gi, '')
        .replace(/url\(\s*(['"]?)(?!#)[^)]*\)/gi, 'none')
        .replace(/<\/style/gi, ''),
    }));
}

function collectIds(element: Element, ids: Map<string, string>, prefix: string): void {
  const id = element.properties.id;
  if (typeof id === 'string' && id && !ids.has(id)) ids.set(id, `${prefix}${ids.size}`);
  for (const child of element.children) if (child.type === 'element') collectIds(child, ids, prefix);
}

function rewriteRefs(element: Element, ids: Map<string, string>, rewrite: (text: string) => string): void {
  for (const [key, value] of Object.entries(element.properties)) {
    if (key === 'id' && typeof value === 'string') element.properties.id = ids.get(value) ?? value;
    else if ((key === 'ariaLabelledBy' || key === 'ariaDescribedBy') && value !== undefined && value !== null) {
      const tokens = Array.isArray(value) ? value.map(String) : String(value).split(/\s+/);
      element.properties[key] = tokens.map((t) => ids.get(t) ?? t);
    } else if (typeof value === 'string' && value.includes('#')) element.properties[key] = rewrite(value);
  }
  for (const child of element.children) {
    if (child.type === 'element') rewriteRefs(child, ids, rewrite);
    else if (child.type === 'text' && element.tagName === 'style') child.value = rewrite(child.value);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

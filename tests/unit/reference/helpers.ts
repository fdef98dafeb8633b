/** Shared helpers for the reference tests: load fixture specs, build contexts, read HTML. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { parse } from 'yaml';
import type { AuthRequirement, ResolvedEnvironment } from '../../../src/lib/gateway/types.ts';
import { upgradeDocument } from '../../../src/lib/openapi/upgrade.ts';
import type { ReferenceContext, SpecObject } from '../../../src/lib/reference/index.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A fixture spec as the renderer receives it: parsed, then upgraded to the 3.1-shaped view (as `loadSpec` does). */
export function loadSpec(relative: string): SpecObject {
  return upgradeDocument(parse(readFileSync(FIXTURES + relative, 'utf8')));
}

export const kongAir = (name: 'flights' | 'routes' | 'bookings' | 'customer') =>
  loadSpec(`shared/kongair/${name}.openapi.yaml`);

export function environment(overrides: Partial<ResolvedEnvironment> & { auth?: AuthRequirement[] } = {}): ResolvedEnvironment {
  return {
    name: 'production',
    control_plane: 'production',
    service: 'svc',
    resolved: true,
    base_urls: ['https://gateway.example.net'],
    routes: [],
    auth: [],
    rate_limits: [],
    ...overrides,
  };
}

export const keyAuth = (names: string[] = ['x-api-key']): AuthRequirement => ({
  type: 'key-auth',
  key_names: names,
  key_in_header: true,
  key_in_query: false,
  key_in_body: false,
});

export function context(overrides: Partial<ReferenceContext> = {}): ReferenceContext {
  return {
    operationUrl: (slug) => `/products/p/v1/reference/${slug}/`,
    specJsonUrl: '/products/p/v1/openapi.json',
    specYamlUrl: '/products/p/v1/openapi.yaml',
    environments: [],
    ...overrides,
  };
}

export function parseHtml(html: string): Root {
  return fromHtml(html, { fragment: true });
}

export function elements(tree: Root | Element): Element[] {
  const out: Element[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element') out.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
    // <template> content is parsed into a separate fragment.
    if (node.type === 'element' && node.content) walk(node.content);
  };
  walk(tree);
  return out;
}

export function byClass(tree: Root, className: string): Element[] {
  return elements(tree).filter((e) => {
    const c = e.properties.className;
    return Array.isArray(c) && c.includes(className);
  });
}

export function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}

/** Problems that would make the HTML active: script elements, handlers, dangerous URLs, frames. */
export function activeContent(html: string): string[] {
  const problems: string[] = [];
  for (const el of elements(parseHtml(html))) {
    if (['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link', 'style', 'form'].includes(el.tagName)) {
      problems.push(`<${el.tagName}>`);
    }
    if (el.tagName === 'svg' || el.tagName === 'math') problems.push(`<${el.tagName}>`);
    for (const [name, value] of Object.entries(el.properties)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) problems.push(`${el.tagName}[${name}]`);
      if (lower === 'style') problems.push(`${el.tagName}[style]`);
      if (['href', 'src', 'action', 'formAction', 'data', 'xLinkHref', 'poster', 'srcSet'].includes(name)) {
        const url = String(Array.isArray(value) ? value.join(' ') : value).replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(url)) problems.push(`${el.tagName}[${name}=${url.slice(0, 30)}]`);
      }
    }
  }
  return problems;
}

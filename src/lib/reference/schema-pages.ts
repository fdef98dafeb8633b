/**
 * Pages of their own for component schemas, for specs whose operations reach more schemas
 * than one page should hold (Stripe: every operation reaches 485+ of 775). An operation page
 * shows the schemas that fit its budget and links here for the rest; a schema page shows
 * its schema, then what that uses under the same budget, and links onwards in turn.
 */
import { html } from '../html.ts';
import { componentSchemaName, componentSchemas } from '../openapi/components.ts';
import { resolvePointer, refOf } from '../openapi/json-pointer.ts';
import { pathItemPointer } from '../openapi/operations.ts';
import { isObject, text } from '../openapi/object.ts';
import { markdownToPlainText } from './markdown.ts';
import { deprecationBanner } from './markup.ts';
import { componentSectionSize, componentUses, PageSchemas, SCHEMA_SECTION_BUDGET } from './page-schemas.ts';
import { renderSchemaTree, schemaAnchor } from './schema-tree.ts';
import { SlugAllocator, slugify } from './slug.ts';
import type { ReferenceContext, ReferenceIndex, RenderedPage, SpecObject } from './types.ts';

/**
 * Component schemas an operation may link to directly: every schema `$ref` inside the
 * operation and its path item's parameters, following the other internal refs (parameters,
 * responses, request bodies, pointers into schemas) on the way. A superset of what the page
 * renders is fine here: it only ever adds schema pages, never loses one.
 */
function directSchemas(doc: SpecObject, pointer: string): Set<string> {
  const found = new Set<string>();
  const followed = new Set<string>();
  const pathItem = resolvePointer(doc, pathItemPointer(pointer));
  const stack: unknown[] = [resolvePointer(doc, pointer), isObject(pathItem) ? pathItem.parameters : undefined];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (!isObject(node)) continue;
    const ref = refOf(node);
    if (ref !== undefined) {
      const name = componentSchemaName(ref);
      if (name !== undefined) found.add(name);
      else if (!followed.has(ref)) {
        followed.add(ref);
        stack.push(resolvePointer(doc, ref));
      }
    }
    for (const [key, child] of Object.entries(node)) if (key !== '$ref' && typeof child === 'object') stack.push(child);
  }
  return found;
}

const LISTS = new WeakMap<ReferenceIndex, string[]>();

/**
 * The component schemas that get a page: everything reachable from an operation whose
 * schemas, all together, overrun the page budget (only those operations' pages can link
 * out, and a schema page links only within its own reach). Empty for specs whose pages
 * fit (KongAir, most specs). Document order; computed once per index.
 */
export function listSchemaPages(openapi: SpecObject, index: ReferenceIndex): string[] {
  const cached = LISTS.get(index);
  if (cached) return [...cached];
  const schemas = componentSchemas(openapi);
  const needed = new Set<string>();
  for (const op of index.operations) {
    const reach = [...directSchemas(openapi, op.pointer)].filter((n) => Object.hasOwn(schemas, n));
    const seen = new Set(reach);
    let size = 0;
    for (let i = 0; i < reach.length; i++) {
      size += componentSectionSize(openapi, reach[i]!);
      for (const next of componentUses(openapi, reach[i]!)) {
        if (!seen.has(next)) {
          seen.add(next);
          reach.push(next);
        }
      }
    }
    if (size > SCHEMA_SECTION_BUDGET) for (const n of reach) needed.add(n);
  }
  const list = Object.keys(schemas).filter((n) => needed.has(n));
  LISTS.set(index, list);
  return [...list];
}

/** A list `listSchemaPages` gave for this index in an earlier build of the same spec and code (site/resolve/resolve-cache.ts). */
export function knownSchemaPages(index: ReferenceIndex, list: readonly string[]): void {
  LISTS.set(index, [...list]);
}

const SLUGS = new WeakMap<SpecObject, Map<string, string>>();

/**
 * URL segment of a schema's page: the name slugified (`checkout.session` →
 * `checkout-session`), `-2`, `-3`… on clashes in the order the spec lists its schemas.
 */
export function schemaPageSlug(openapi: SpecObject, name: string): string {
  let slugs = SLUGS.get(openapi);
  if (!slugs) {
    const allocator = new SlugAllocator();
    slugs = new Map(Object.keys(componentSchemas(openapi)).map((n) => [n, allocator.allocate(slugify(n) || 'schema')]));
    SLUGS.set(openapi, slugs);
  }
  const slug = slugs.get(name);
  if (slug === undefined) throw new Error(`No component schema named "${name}" in this API reference.`);
  return slug;
}

export function renderSchemaPage(openapi: SpecObject, index: ReferenceIndex, name: string, ctx: ReferenceContext): RenderedPage {
  const schemas = componentSchemas(openapi);
  if (!Object.hasOwn(schemas, name)) throw new Error(`No component schema named "${name}" in this API reference.`);
  const schema = schemas[name];
  // The subject is shown in full, and counts against the budget for what it uses.
  const page = new PageSchemas(openapi, {
    budget: SCHEMA_SECTION_BUDGET,
    schemaUrl: ctx.schemaUrl,
    spent: componentSectionSize(openapi, name),
  });
  page.skip(name);
  const tree = renderSchemaTree(openapi, schema, { within: name, use: page.use });
  const title = isObject(schema) ? text(schema.title) : undefined;
  const description = isObject(schema) ? text(schema.description) : undefined;
  const body = html`<article class="atrium-ref ref-schema-page"><header class="ref-op-header"><p class="ref-kind">Schema</p><h1><code>${name}</code></h1>${
    title && title !== name ? html`<p class="ref-muted">${title}</p>` : ''
  }</header>${deprecationBanner(ctx.deprecation)}<section class="ref-section ref-schema-subject" id="${schemaAnchor(name)}" aria-label="${name}">${tree}</section>${page.render()}</article>`;
  return {
    title: name,
    description: markdownToPlainText(description ?? title ?? '', 160) || `The ${name} schema of ${index.title}.`,
    html: page.localizeLinks(body.value),
  };
}

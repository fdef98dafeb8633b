/**
 * The "Schemas" section of a page: the component schemas the page links to, each rendered
 * once. A component's section is the same on every page that shows it, so it is rendered
 * once per document and reused (a GitHub-sized spec shows `repository` on hundreds of pages).
 *
 * With a budget (the site gives one, together with schema page URLs), the section holds the
 * breadth-first prefix of those schemas that fits; links to the rest go to their own schema
 * pages instead of `#schema-…` anchors. Stripe's operations each reach 485+ of 775 schemas
 * (1.4 MiB a page); the budget keeps every page small while each schema stays one link away.
 */
import { html, raw, type SafeHtml } from '../html.ts';
import { componentSchemas } from '../openapi/components.ts';
import { text } from '../openapi/object.ts';
import { renderSchemaTree, schemaAnchor } from './schema-tree.ts';
import type { SpecObject } from './types.ts';

/**
 * Characters of component sections one page holds before the rest move to schema pages.
 * Measured: Stripe's sections are 1.5 KB (median) to 47 KB, the rest of its operation pages
 * at most 170 KB, so pages stay under ~330 KB; KongAir's and typical specs' whole schema
 * sets are far below it, so their pages keep every schema inline.
 */
export const SCHEMA_SECTION_BUDGET = 160 * 1024;

interface ComponentSection {
  html: string;
  /** Components this one links to, in first-use order. */
  uses: string[];
}

const SECTIONS = new WeakMap<SpecObject, Map<string, ComponentSection>>();

function componentSection(doc: SpecObject, name: string): ComponentSection {
  let sections = SECTIONS.get(doc);
  if (!sections) SECTIONS.set(doc, (sections = new Map()));
  const cached = sections.get(name);
  if (cached) return cached;
  const uses: string[] = [];
  const schema = componentSchemas(doc)[name];
  const tree = renderSchemaTree(doc, schema, { within: name, use: (n) => uses.push(n) });
  const title = typeof schema === 'object' && schema !== null ? text(schema.title) : undefined;
  const section: ComponentSection = {
    html: html`<section class="ref-component" id="${schemaAnchor(name)}"><h3 class="ref-component-name"><code>${name}</code>${
      title && title !== name ? html` <span class="ref-muted">${title}</span>` : ''
    }</h3>${tree}</section>`.value,
    uses: [...new Set(uses)],
  };
  sections.set(name, section);
  return section;
}

/** Components a component's section links to (exactly what its rendering reports). */
export function componentUses(doc: SpecObject, name: string): readonly string[] {
  return componentSection(doc, name).uses;
}

/** Length of a component's section, the unit of the page budget. */
export function componentSectionSize(doc: SpecObject, name: string): number {
  return componentSection(doc, name).html.length;
}

const ANCHORS = new WeakMap<SpecObject, Map<string, string>>();

/** `schema-…` anchor → component name (the first name wins if two share an anchor). */
function anchorNames(doc: SpecObject): Map<string, string> {
  let map = ANCHORS.get(doc);
  if (!map) {
    map = new Map();
    for (const name of Object.keys(componentSchemas(doc))) {
      const anchor = schemaAnchor(name);
      if (!map.has(anchor)) map.set(anchor, name);
    }
    ANCHORS.set(doc, map);
  }
  return map;
}

export interface PageSchemasOptions {
  /** Characters of sections to show on the page; default: no limit (every schema inline). */
  budget?: number;
  /** Page of a schema that did not fit; required for `budget` to take effect. */
  schemaUrl?: (name: string) => string;
  /** Characters the page already spends on schemas (a schema page's own subject). */
  spent?: number;
}

/** Collects the components a page uses, then renders them (and what they use) once each. */
export class PageSchemas {
  private readonly doc: SpecObject;
  private readonly budget: number;
  private readonly schemaUrl?: (name: string) => string;
  private readonly spent: number;
  private readonly order: string[] = [];
  private readonly seen = new Set<string>();
  private readonly skipped = new Set<string>();
  private laidOut?: { shown: string[]; linked: string[] };
  readonly use = (name: string): void => {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.order.push(name);
  };

  constructor(doc: SpecObject, options: PageSchemasOptions = {}) {
    this.doc = doc;
    this.schemaUrl = options.schemaUrl;
    this.budget = options.schemaUrl && options.budget !== undefined ? options.budget : Infinity;
    this.spent = options.spent ?? 0;
  }

  /** A schema the page shows elsewhere (a schema page's subject): linked, never sectioned. */
  skip(name: string): void {
    this.use(name);
    this.skipped.add(name);
  }

  /**
   * Breadth-first from the page's own links: schemas are added in the order the page first
   * meets them until the next one would overrun the budget. Every schema the shown ones
   * link to but that did not fit is `linked` (to its schema page).
   */
  private layout(): { shown: string[]; linked: string[] } {
    if (this.laidOut) return this.laidOut;
    const shown: string[] = [];
    let used = this.spent;
    for (let i = 0; i < this.order.length; i++) {
      const name = this.order[i]!;
      if (this.skipped.has(name)) continue;
      const size = componentSectionSize(this.doc, name);
      if (used + size > this.budget) break;
      used += size;
      shown.push(name);
      for (const next of componentUses(this.doc, name)) this.use(next);
    }
    const onPage = new Set([...shown, ...this.skipped]);
    this.laidOut = { shown, linked: this.order.filter((n) => !onPage.has(n)) };
    return this.laidOut;
  }

  /** Names of the schemas rendered on the page, in breadth-first first-use order. */
  names(): string[] {
    return [...this.layout().shown];
  }

  /** Schemas the page links to that live on their own pages, in first-use order. */
  linkedOut(): string[] {
    return [...this.layout().linked];
  }

  render(): SafeHtml {
    const { shown, linked } = this.layout();
    if (!shown.length && !linked.length) return html``;
    const url = this.schemaUrl;
    const elsewhere =
      linked.length && url
        ? html`<div class="ref-schemas-elsewhere"><p class="ref-muted">${shown.length ? 'More schemas' : 'Schemas'} used here, each on its own page:</p><ul class="ref-schema-pages">${linked.map(
            (n) => html`<li><a class="ref-schema-link ref-schema-page-link" href="${url(n)}"><code>${n}</code></a></li>`,
          )}</ul></div>`
        : '';
    // Shared schemas repeat on many pages: keep them out of the search index (Pagefind).
    return html`<section class="ref-section ref-schemas" aria-labelledby="schemas" data-pagefind-ignore="all"><h2 id="schemas">Schemas</h2>${shown.map((n) =>
      raw(componentSection(this.doc, n).html),
    )}${elsewhere}</section>`;
  }

  /**
   * Points links to schemas that are not on the page at their schema pages. Sections are
   * shared between pages, so their links are written as `#schema-…` and fixed per page here.
   */
  localizeLinks(pageHtml: string): string {
    const url = this.schemaUrl;
    const { linked } = this.layout();
    if (!url || !linked.length) return pageHtml;
    const away = new Set(linked);
    const names = anchorNames(this.doc);
    return pageHtml.replace(/href="#(schema-[A-Za-z0-9_.-]+)"/g, (whole, anchor: string) => {
      const name = names.get(anchor);
      return name !== undefined && away.has(name) ? html`href="${url(name)}"`.value : whole;
    });
  }
}

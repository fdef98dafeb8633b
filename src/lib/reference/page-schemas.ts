/**
 * The "Schemas" section of a page: every component schema the page links to, each rendered
 * once. A component's section is the same on every page that shows it, so it is rendered
 * once per document and reused (a GitHub-sized spec shows `repository` on hundreds of pages).
 */
import { html, raw, type SafeHtml } from '../html.ts';
import { componentSchemas, text } from './document.ts';
import { renderSchemaTree, schemaAnchor } from './schema-tree.ts';
import type { SpecObject } from './types.ts';

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

/** Collects the components a page uses, then renders them (and what they use) once each. */
export class PageSchemas {
  private readonly doc: SpecObject;
  private readonly order: string[] = [];
  private readonly seen = new Set<string>();
  readonly use = (name: string): void => {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.order.push(name);
  };

  constructor(doc: SpecObject) {
    this.doc = doc;
  }

  /** Names in the order the page first meets them (breadth-first through components). */
  names(): string[] {
    for (let i = 0; i < this.order.length; i++) {
      for (const used of componentSection(this.doc, this.order[i]!).uses) this.use(used);
    }
    return [...this.order];
  }

  render(): SafeHtml {
    const names = this.names();
    if (!names.length) return html``;
    // Shared schemas repeat on many pages: keep them out of the search index (Pagefind).
    return html`<section class="ref-section ref-schemas" aria-labelledby="schemas" data-pagefind-ignore="all"><h2 id="schemas">Schemas</h2>${names.map((n) =>
      raw(componentSection(this.doc, n).html),
    )}</section>`;
  }
}

/**
 * Where a page shows its component schemas: in place, where they are used. A tree
 * (schema-tree.ts) leaves slots where a component's fields go; this module fills them for
 * one page. Each component's fields are rendered once per document (their slots kept) and
 * placed once per page, at the shallowest use, breadth-first from the page's own trees,
 * carrying the `schema-…` anchor; every other use links there, a use inside its own fields is
 * "↻". Fields at depths 1–2 are open, deeper ones collapsed.
 *
 * With a budget (the site gives one, together with schema page URLs), only the components
 * that fit are placed; the others open on demand from their own schema page (reference-
 * schemas.ts fetches the fields when the reader opens them; without script, a link). Stripe's
 * operations each reach 485+ of 775 schemas; the budget keeps every page small while each
 * schema stays one click away.
 */
import { randomBytes } from 'node:crypto';
import { html, raw, type SafeHtml } from '../html.ts';
import { componentSchemas } from '../openapi/components.ts';
import { isObject, text } from '../openapi/object.ts';
import { OPEN_DEPTH, renderComponentFields, schemaAnchor, SLOT_PATTERN, type ComponentFields } from './schema-tree.ts';
import { processMemo } from './process-memo.ts';
import type { SpecObject } from './types.ts';

/**
 * Characters of component fields one page places before the rest open from schema pages.
 * KongAir's and typical specs' whole schema sets are far below it, so their pages hold every
 * schema; Stripe's fields are 1.5 KB (median) to 47 KB each.
 */
export const SCHEMA_SECTION_BUDGET = 120 * 1024;

interface Slot {
  kind: 'n' | 'b';
  depth: number;
  name: string;
}

interface ComponentTemplate extends ComponentFields {
  /** Components its fields name (links and slots), in first-use order. */
  uses: string[];
  /** Its `n`/`b` slots in document order: the page's breadth-first walk follows them. */
  slots: Slot[];
  size: number;
}

/** Per document, shared with the other copy of this module in the process (listSchemaPages measures them in the CLI). */
const TEMPLATES = processMemo('component-templates', () => new WeakMap<SpecObject, Map<string, ComponentTemplate>>());

function slotsOf(htmlText: string): { slots: Slot[]; names: string[] } {
  const slots: Slot[] = [];
  const names: string[] = [];
  for (const m of htmlText.matchAll(SLOT_PATTERN)) {
    if (m[1] === 'o') continue;
    const name = decodeURIComponent(m[3]!);
    names.push(name);
    if (m[1] !== 'l') slots.push({ kind: m[1] as 'n' | 'b', depth: Number(m[2]), name });
  }
  return { slots, names };
}

function componentTemplate(doc: SpecObject, name: string): ComponentTemplate {
  let templates = TEMPLATES.get(doc);
  if (!templates) TEMPLATES.set(doc, (templates = new Map()));
  const cached = templates.get(name);
  if (cached) return cached;
  const used: string[] = [];
  const fields = renderComponentFields(doc, name, (n) => used.push(n));
  const { slots } = slotsOf(fields.fields);
  const template: ComponentTemplate = {
    ...fields,
    uses: [...new Set(used)],
    slots,
    size: fields.facts.length + fields.description.length + fields.fields.length + fields.summary.length + 100,
  };
  templates.set(name, template);
  return template;
}

/** Components a component's fields name (exactly what its rendering reports). */
export function componentUses(doc: SpecObject, name: string): readonly string[] {
  return componentTemplate(doc, name).uses;
}

/** Length of a component's fields, the unit of the page budget. */
export function componentSectionSize(doc: SpecObject, name: string): number {
  return componentTemplate(doc, name).size;
}

export interface PageSchemasOptions {
  /** Characters of fields to place on the page; default: no limit (every schema in place). */
  budget?: number;
  /** Page of a schema that did not fit; required for `budget` to take effect. */
  schemaUrl?: (name: string) => string;
  /** Characters the page already spends on schemas (a schema page's own subject). */
  spent?: number;
}

interface Layout {
  /** Component → the path of the slot that shows its fields (`3.0.2`), or `A` in the appendix. */
  placed: Map<string, string>;
  /** Named on the page, not placed: opened from their own pages. */
  linked: string[];
  /** Named only in type labels (a parameter's enum): shown at the end, in first-use order. */
  appendix: string[];
}

/**
 * Where the page's schema section goes until it is filled: unguessable by the spec's text, and
 * one random draw per process with a count per page (a draw per page was ~0.3 s on Stripe).
 */
const MARKER_NONCE = randomBytes(6).toString('hex');
let markers = 0;

/** Collects the components a page names, then places their fields (and what they name) once each. */
export class PageSchemas {
  private readonly doc: SpecObject;
  private readonly budget: number;
  private readonly schemaUrl?: (name: string) => string;
  private readonly spent: number;
  private readonly order: string[] = [];
  private readonly seen = new Set<string>();
  private readonly skipped = new Set<string>();
  private readonly marker = `<!--atrium-schemas-${MARKER_NONCE}-${(markers++).toString(36)}-->`;
  private laidOut?: Layout;
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

  /** A schema the page shows itself (a schema page's subject): its uses link to it, ↻ inside it. */
  skip(name: string): void {
    this.use(name);
    this.skipped.add(name);
  }

  /**
   * Breadth-first from the page's own slots: a component is placed at the first slot met at
   * the shallowest depth, while it fits the budget, and its own slots join the walk.
   */
  private layout(pageHtml: string): Layout {
    if (this.laidOut) return this.laidOut;
    const placed = new Map<string, string>();
    const over = new Set<string>();
    const levels: { name: string; depth: number; path: string }[][] = [];
    const queue = (name: string, depth: number, path: string) => (levels[depth] ??= []).push({ name, depth, path });
    slotsOf(pageHtml).slots.forEach((s, i) => queue(s.name, s.depth, String(i)));
    let used = this.spent;
    const place = (name: string, depth: number, path: string): void => {
      if (placed.has(name) || over.has(name) || this.skipped.has(name) || !Object.hasOwn(componentSchemas(this.doc), name)) return;
      const template = componentTemplate(this.doc, name);
      if (used + template.size > this.budget) {
        over.add(name);
        return;
      }
      used += template.size;
      placed.set(name, path);
      template.slots.forEach((s, j) => queue(s.name, depth - 1 + s.depth, `${path}.${j}`));
    };
    const walk = () => {
      for (let d = 0; d < levels.length; d++) {
        const level = levels[d];
        // A slot at depth 1 of a component placed at depth d is at depth d: the level grows as it is read.
        for (let i = 0; level && i < level.length; i++) place(level[i]!.name, level[i]!.depth, level[i]!.path);
      }
      levels.length = 0;
    };
    walk();
    // Names met only in type labels still need their fields somewhere: the appendix.
    const appendix: string[] = [];
    const named = (): string[] => [...this.order, ...[...placed.keys()].flatMap((n) => componentTemplate(this.doc, n).uses)];
    for (let more = true; more; ) {
      more = false;
      for (const name of named()) {
        this.use(name);
        if (placed.has(name) || over.has(name) || this.skipped.has(name)) continue;
        place(name, 1, `A${appendix.length}`);
        if (placed.has(name)) {
          appendix.push(name);
          walk();
          more = true;
        }
      }
    }
    const onPage = new Set([...placed.keys(), ...this.skipped]);
    this.laidOut = { placed, linked: this.order.filter((n) => !onPage.has(n) && Object.hasOwn(componentSchemas(this.doc), n)), appendix };
    return this.laidOut;
  }

  /** Names of the schemas whose fields the page shows (after `localizeLinks`). */
  names(): string[] {
    return [...(this.laidOut?.placed.keys() ?? [])];
  }

  /** Schemas the page names that live on their own pages, in first-use order. */
  linkedOut(): string[] {
    return [...(this.laidOut?.linked ?? [])];
  }

  /**
   * Where the schemas named only in type labels go. Those on their own pages need no list here:
   * every use of one links to its page (Stripe's list was 18 KB a page).
   */
  render(): SafeHtml {
    return raw(this.marker);
  }

  /** Fills the page's slots (see the module comment); call once, on the whole page. */
  localizeLinks(pageHtml: string): string {
    const layout = this.layout(pageHtml);
    const shown = new Set<string>();
    const stitch = (source: string, base: number, prefix: string, stack: string[]): string => {
      let i = 0;
      return source.replace(SLOT_PATTERN, (_whole, kind: string, d: string, encoded: string) => {
        const depth = base - 1 + Number(d);
        if (kind === 'o') return depth <= OPEN_DEPTH ? ' open' : '';
        const name = decodeURIComponent(encoded);
        if (kind === 'l') return this.link(name, stack).value;
        const path = prefix + String(i++);
        if (stack.includes(name)) return ''; // a cycle: its type label says "↻"
        if (layout.placed.get(name) === path) {
          shown.add(name);
          stack.push(name);
          const template = componentTemplate(this.doc, name);
          const fields = stitch(template.fields, depth, `${path}.`, stack);
          stack.pop();
          return this.fields(kind as 'n' | 'b', name, template, fields, depth);
        }
        const url = this.schemaUrl;
        if (layout.placed.has(name) || this.skipped.has(name)) {
          // A component without fields (an enum, a pattern) costs less repeated than linked.
          if (!componentTemplate(this.doc, name).fields) return componentTemplate(this.doc, name).facts;
          return html`<p class="ref-repeat">Fields: see <a class="ref-schema-link" href="#${schemaAnchor(name)}">${name}</a> ${shown.has(name) || this.skipped.has(name) ? 'above' : 'below'}</p>`.value;
        }
        if (!url || !componentTemplate(this.doc, name).fields) return '';
        // Not placed (over the budget): fetched from its own page when opened (reference-schemas.ts).
        return html`<details class="ref-nested ref-lazy" data-schema-page="${url(name)}" data-pagefind-ignore="all"><summary>${componentTemplate(this.doc, name).summary}</summary><p class="ref-muted">On its own page: <a class="ref-schema-link" href="${url(name)}">${name}</a></p></details>`.value;
      });
    };
    const page = stitch(pageHtml, 1, '', [...this.skipped]);
    const appendix = layout.appendix.map((name, n) => {
      const template = componentTemplate(this.doc, name);
      const schema = componentSchemas(this.doc)[name];
      const title = isObject(schema) ? text(schema.title) : undefined;
      return html`<section class="ref-component" id="${schemaAnchor(name)}"><h3 class="ref-component-name"><code>${name}</code>${
        title && title !== name ? html` <span class="ref-muted">${title}</span>` : ''
      }</h3>${raw(template.facts)}${raw(template.description)}${raw(stitch(template.fields, 1, `A${n}.`, [name]))}</section>`;
    });
    // Shared schemas repeat on many pages: keep them out of the search index (Pagefind).
    const tail =
      appendix.length
        ? html`<section class="ref-section ref-schemas" aria-labelledby="schemas" data-pagefind-ignore="all"><h2 id="schemas">Schemas</h2>${appendix}</section>`.value
        : '';
    // Joined, not split and joined: a page of 700 KB is not copied once more only to place it.
    let out = '';
    let from = 0;
    for (let at = page.indexOf(this.marker); at >= 0; at = page.indexOf(this.marker, from)) {
      out += page.slice(from, at) + tail;
      from = at + this.marker.length;
    }
    return from ? out + page.slice(from) : page;
  }

  private link(name: string, stack: string[]) {
    if (!Object.hasOwn(componentSchemas(this.doc), name)) return html`<span class="ref-type ref-unresolved">${name} (missing)</span>`;
    const layout = this.laidOut!;
    const anchor = `#${schemaAnchor(name)}`;
    if (stack.includes(name)) {
      return html`<a class="ref-type ref-schema-link ref-recursive" href="${anchor}" title="Recursive: ${name} contains itself; its fields are shown above"><span aria-hidden="true">↻ </span>${name}</a>`;
    }
    const away = !layout.placed.has(name) && !this.skipped.has(name) && this.schemaUrl;
    return html`<a class="ref-type ref-schema-link" href="${away ? this.schemaUrl!(name) : anchor}">${name}</a>`;
  }

  // A component expanded under a property is not indexed for search (its schema page is); a
  // body's own fields (`b`) are.
  private fields(kind: 'n' | 'b', name: string, template: ComponentTemplate, fields: string, depth: number) {
    const id = schemaAnchor(name);
    if (kind === 'b' || !fields) {
      return html`<div class="ref-fields" id="${id}">${raw(template.facts)}${raw(template.description)}${raw(fields)}</div>`.value;
    }
    return html`${raw(template.facts)}<details class="ref-nested ref-fields" id="${id}"${depth <= OPEN_DEPTH ? raw(' open') : ''} data-pagefind-ignore="all"><summary>${template.summary} of <code>${name}</code></summary>${raw(
      template.description,
    )}${raw(fields)}</details>`.value;
  }
}

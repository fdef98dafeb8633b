/**
 * The part of a rendered page that Pagefind reads, as a page of its own (the page's search
 * record): the element marked `data-pagefind-body` (Base.astro's `<main>`, which holds the
 * page's search meta and filters) inside an `<html>` that keeps the page's `lang`. Header,
 * sidebar, table of contents and footer lie outside it, and Pagefind skips them anyway.
 *
 * Inside the body, what Pagefind drops whole is cut as well: elements marked
 * `data-pagefind-ignore="all"` (an operation's request samples, its schemas, nested fields),
 * elements marked `data-pagefind-ignore` (index only: text dropped, meta and filters read)
 * that hold no `data-pagefind-` attribute (examples, buttons), and the elements Pagefind never
 * reads (its REMOVE_SELECTORS: `script`, `style`, `svg`, `nav`, `form`, …). Pagefind discards
 * their text, meta, filters and anchors,
 * so the record indexes like the page (a test compares the two indexes) while the search cache
 * keeps a fraction of each page and Pagefind parses that much less. Ids are dropped too (see
 * withoutIds): the one difference, by design, is that the index holds no anchors.
 *
 * This reads Atrium's own output, where text and attribute values are escaped: `<` only
 * starts a tag or a raw-text element's end, and a quote never occurs inside a quoted value.
 * The scan looks only for the few tags it cuts, so it costs a fraction of a parse; a tag it
 * misreads can only leave more for Pagefind to read, never drop content Pagefind would keep.
 */

/** Elements Pagefind excludes whole wherever they are (pagefind/src/fossick/parser.rs). */
const PAGEFIND_REMOVES = ['style', 'script', 'noscript', 'label', 'form', 'svg', 'footer', 'nav', 'iframe', 'template'];
/** Elements whose content is raw text: it ends at the first matching close tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe', 'noscript']);

/** Elements whose `/>` closes them (HTML honours it only in foreign content). */
const FOREIGN = new Set(['svg', 'math']);

const BODY_ATTR = /\sdata-pagefind-body(?=[\s=/>])/g;
const EXCLUDED = new RegExp(
  `<(?:${PAGEFIND_REMOVES.join('|')})(?=[\\s/>])|\\sdata-pagefind-ignore(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s/>]+)))?(?=[\\s/>])`,
  'gi',
);
const TAG_NAME = /^<([a-zA-Z][a-zA-Z0-9:-]*)/;
const HTML_TAG = /<html(?=[\s>])[^>]*>/i;

/**
 * The page's search record, or undefined when the page is not searchable (has no body
 * marker). A body that does not close is handed over whole, for Pagefind to read as it can.
 */
export function searchableHtml(page: string): string | undefined {
  const open = bodyOpenTag(page);
  if (!open) return undefined;
  const end = elementEnd(page, open.name, open.end);
  if (end === undefined) return page;
  const html = HTML_TAG.exec(page)?.[0] ?? '<html>';
  const body = `${page.slice(open.start, open.end)}${withoutExcluded(page.slice(open.end, end))}`;
  return `<!doctype html>${html}<body>${withoutIds(body)}</body></html>`;
}

const TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
/** Attributes of `img` that Pagefind reads for a page's image meta. */
const IMAGE_ATTRS = new Set(['src', 'alt']);

/**
 * Tags cut down to what Pagefind reads of them: their name, `data-pagefind-*` attributes and
 * the attributes those name (`title[data-value]`, `data-pagefind-index-attrs`), and an image's
 * src and alt. Classes, styles, links and ARIA are half of an operation page's record and
 * Pagefind's parse, where its time goes, is by the byte.
 *
 * Ids go too. Pagefind makes an anchor (id, element, text, position) of every element with
 * an id, for sub-results the portal does not show; on an operation page that is every heading
 * and schema, a third of its fragment. It marks an anchor with spaces in the text before the
 * element (`parameter<sup><a id=…>1</a></sup>` reads as two words), so a space takes the id's
 * place, except on an element that ignores itself (no anchor, no space). Nothing else Pagefind
 * reads changes (tested: word index, text, meta and filters are those of the page).
 */
function withoutIds(body: string): string {
  return body.replace(TAG, (tag: string, name: string, attrs: string) => {
    if (!attrs) return tag;
    // Most tags carry only classes and such: nothing to keep, no id to stand in for.
    if (!attrs.includes('data-pagefind-') && !/\bid\b/i.test(attrs) && name.toLowerCase() !== 'img') return `<${name}${/\/\s*$/.test(attrs) ? '/' : ''}>`;
    const all = [...attrs.matchAll(ATTR)].map((m) => ({ name: m[1]!.toLowerCase(), text: m[0] }));
    const named = new Set<string>();
    for (const a of all) {
      if (!a.name.startsWith('data-pagefind-')) continue;
      const value = a.text.slice(a.text.indexOf('=') + 1).replace(/^\s*["']?|["']?\s*$/g, '');
      if (a.name === 'data-pagefind-index-attrs') for (const n of value.split(',')) named.add(n.trim().toLowerCase());
      else for (const m of value.matchAll(/\[([^\]]+)\]/g)) named.add(m[1]!.trim().toLowerCase());
    }
    const image = name.toLowerCase() === 'img';
    const kept = all.filter((a) => a.name.startsWith('data-pagefind-') || named.has(a.name) || (image && IMAGE_ATTRS.has(a.name)));
    const hadId = all.some((a) => a.name === 'id') && !named.has('id');
    const ignoresItself = all.some((a) => a.name === 'data-pagefind-ignore');
    const closing = /\/\s*$/.test(attrs) ? '/' : '';
    const cut = `<${name}${kept.map((a) => ` ${a.text}`).join('')}${closing}>`;
    return hadId && !ignoresItself ? ` ${cut}` : cut;
  });
}

interface OpenTag {
  name: string;
  /** Where its `<` is. */
  start: number;
  /** Just past its `>`. */
  end: number;
}

/** The opening tag an attribute found at `at` belongs to, if `at` lies inside one. */
function tagAround(page: string, at: number): OpenTag | undefined {
  const start = page.lastIndexOf('<', at);
  const close = page.indexOf('>', start);
  if (start < 0 || close < at) return undefined;
  const name = TAG_NAME.exec(page.slice(start, start + 64))?.[1];
  return name ? { name: name.toLowerCase(), start, end: close + 1 } : undefined;
}

function bodyOpenTag(page: string): OpenTag | undefined {
  BODY_ATTR.lastIndex = 0;
  for (let m = BODY_ATTR.exec(page); m; m = BODY_ATTR.exec(page)) {
    const tag = tagAround(page, m.index);
    if (tag && !inRawText(page, tag.start)) return tag;
  }
  return undefined;
}

/** Whether `at` lies inside a script or style element (whose text may look like tags). */
function inRawText(page: string, at: number): boolean {
  return ['script', 'style'].some((name) => page.lastIndexOf(`<${name}`, at) > page.lastIndexOf(`</${name}`, at));
}

/** `body` without the elements Pagefind excludes whole. */
function withoutExcluded(body: string): string {
  let out = '';
  let kept = 0;
  EXCLUDED.lastIndex = 0;
  for (let m = EXCLUDED.exec(body); m; m = EXCLUDED.exec(body)) {
    const tag = tagAround(body, m[0].startsWith('<') ? m.index + 1 : m.index);
    if (!tag || tag.start < kept) continue;
    const end = selfClosing(body, tag) ? tag.end : elementEnd(body, tag.name, tag.end);
    if (end === undefined) break; // never closes: leave the rest to Pagefind
    // Ignored for the index only: its text goes, its meta and filters count; kept if it has any.
    const ignoresAll = (m[1] ?? m[2] ?? m[3])?.trim().toLowerCase() === 'all';
    if (!m[0].startsWith('<') && !ignoresAll && body.slice(tag.end, end).includes('data-pagefind-')) continue;
    out += body.slice(kept, tag.start);
    kept = end;
    EXCLUDED.lastIndex = end;
  }
  return out + body.slice(kept);
}

const selfClosing = (html: string, tag: OpenTag) => FOREIGN.has(tag.name) && html.slice(tag.start, tag.end).endsWith('/>');

/**
 * Just past the close tag of the element `name` whose opening tag ends at `from`: the first
 * close tag for raw text, else the one that balances `name`, passing over raw-text elements.
 */
function elementEnd(html: string, name: string, from: number): number | undefined {
  if (RAW_TEXT.has(name)) {
    const close = new RegExp(`</${name}[^>]*>`, 'gi');
    close.lastIndex = from;
    return close.exec(html) ? close.lastIndex : undefined;
  }
  const tags = new RegExp(`<(/?)(${name}|script|style)(?=[\\s/>])[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    const tag = m[2]!.toLowerCase();
    if (tag !== name) {
      if (!m[1]) {
        const skipped = elementEnd(html, tag, tags.lastIndex);
        if (skipped === undefined) return undefined;
        tags.lastIndex = skipped;
      }
      continue;
    }
    if (FOREIGN.has(name) && m[0].endsWith('/>')) continue;
    depth += m[1] ? -1 : 1;
    if (depth === 0) return tags.lastIndex;
  }
  return undefined;
}

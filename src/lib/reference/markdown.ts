/**
 * Markdown from specs (descriptions of operations, parameters, schemas…) rendered to HTML
 * that is safe to put on a page: raw HTML in the markdown is parsed and then sanitised with
 * rehype-sanitize's GitHub-like schema, so `<script>`, event handlers, `javascript:` URLs,
 * iframes and styles never survive. Headings are demoted two levels so a description's
 * `# Title` never competes with the page's own `<h1>`/`<h2>`.
 *
 * Specs repeat the same description many times (a shared schema on a thousand pages), so
 * results are memoised per string.
 */
import type { Root as HastRoot, Element } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { processMemo } from './process-memo.ts';

const sanitizeSchema = {
  ...defaultSchema,
  // Task-list checkboxes are the only form control GitHub's schema lets through; a spec has no use for them.
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => t !== 'input'),
};

function demoteHeadings() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const m = /^h([1-6])$/.exec(node.tagName);
      if (m) node.tagName = `h${Math.min(6, Number(m[1]) + 2)}`;
    });
  };
}

type HtmlProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;
let withRawHtml: HtmlProcessor | undefined;
let withoutRawHtml: HtmlProcessor | undefined;

/**
 * Two pipelines: re-parsing raw HTML (rehype-raw, parse5) is the slow step, and most
 * descriptions contain no `<` at all. Both end in the same sanitiser.
 */
function processor(raw: boolean): HtmlProcessor {
  if (raw) {
    withRawHtml ??= unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRaw)
      .use(rehypeSanitize, sanitizeSchema)
      .use(demoteHeadings)
      .use(rehypeStringify) as unknown as HtmlProcessor;
    return withRawHtml;
  }
  withoutRawHtml ??= unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypeSanitize, sanitizeSchema)
    .use(demoteHeadings)
    .use(rehypeStringify) as unknown as HtmlProcessor;
  return withoutRawHtml;
}

const MAX_MEMO = 50_000;
// Shared with the other copy of this module in the process (process-memo.ts): the CLI renders
// the descriptions of component schemas too.
const htmlMemo = processMemo('markdown-html', () => new Map<string, string>());
/** The whole plain text of a markdown string, before `markdownToPlainText` cuts it. */
const plainMemo = processMemo('markdown-plain', () => new Map<string, string>());

function remember(memo: Map<string, string>, key: string, value: string): string {
  // A crude bound, not an LRU: a portal's descriptions fit many times over.
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, value);
  return value;
}

/** Block by block, so two paragraphs do not run into one word. */
function plainTextOf(tree: MdastRoot): string {
  return tree.children
    .map((block) => mdastToString(block, { includeHtml: false }))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One line of words and inert punctuation, which markdown reads as one paragraph of that very
 * text: no character that starts markup (`*_~\`[]<>&|\\!`, `@` of an e-mail autolink), no
 * `://` or `www.` (GFM's autolinks), no line break or tab, nothing at the start that opens a
 * block (a letter comes first: not `#`, `-`, `+`, `1.`), and no space at either end (which
 * markdown drops). Half of GitHub's and Stripe's distinct descriptions are such lines.
 */
const PLAIN_LINE = /^[A-Za-z][A-Za-z0-9 ,.;:()?%$/'"=+#-]*$/;
const AUTOLINK = /:\/\/|www\./i;
/** Between words of such a line: inert text, or a code span of printable ASCII with no space at its ends. */
const PLAIN_TEXT = /^[A-Za-z0-9 ,.;:()?%$/'"=+#-]*$/;
const CODE_SPAN = /^[\x21-\x5f\x61-\x7e](?:[\x20-\x5f\x61-\x7e]*[\x21-\x5f\x61-\x7e])?$/;

/** Such a line's HTML and text, or undefined when it needs the pipeline. */
function plainLine(markdown: string): { html: string; text: string } | undefined {
  if (AUTOLINK.test(markdown) || markdown.endsWith(' ') || markdown.startsWith(' ')) return undefined;
  if (PLAIN_LINE.test(markdown)) return { html: markdown, text: markdown };
  if (!markdown.includes('`')) return undefined;
  // Single-backtick code spans between inert text: `<code>` with `&` and `<` as the pipeline writes them.
  const parts = markdown.split('`');
  if (parts.length % 2 === 0 || !/^[A-Za-z`]/.test(markdown)) return undefined;
  let html = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      if (!PLAIN_TEXT.test(part)) return undefined;
      html += part;
    } else {
      if (!CODE_SPAN.test(part)) return undefined;
      html += `<code>${part.replace(/[&<]/g, (c) => (c === '&' ? '&#x26;' : '&#x3C;'))}</code>`;
    }
  }
  return { html, text: parts.join('') };
}

/** Sanitised HTML for a markdown string ('' for empty input). */
export function renderMarkdown(markdown: string): string {
  if (!markdown.trim()) return '';
  const cached = htmlMemo.get(markdown);
  if (cached !== undefined) return cached;
  const line = plainLine(markdown);
  if (line) {
    // What the pipeline makes of it (nothing to sanitise or demote), without parsing.
    if (!plainMemo.has(markdown)) remember(plainMemo, markdown, line.text.replace(/\s+/g, ' '));
    return remember(htmlMemo, markdown, `<p>${line.html}</p>`);
  }
  const pipeline = processor(markdown.includes('<'));
  const file = new VFile(markdown);
  const tree = pipeline.parse(file);
  // A page's description is usually also its meta description: keep its text from this parse.
  if (!plainMemo.has(markdown)) remember(plainMemo, markdown, plainTextOf(tree));
  const out = String(pipeline.stringify(pipeline.runSync(tree, file), file)).trim();
  return remember(htmlMemo, markdown, out);
}

let parser: { parse(markdown: string): MdastRoot } | undefined;

/** The text of a markdown string, whitespace collapsed, cut at `max` characters on a word. */
export function markdownToPlainText(markdown: string, max = 160): string {
  let plain = plainMemo.get(markdown);
  if (plain === undefined) {
    parser ??= unified().use(remarkParse).use(remarkGfm);
    plain = remember(plainMemo, markdown, plainTextOf(parser.parse(markdown)));
  }
  if (plain.length > max) {
    const cut = plain.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    plain = (space > max / 2 ? cut.slice(0, space) : cut) + '…';
  }
  return plain;
}

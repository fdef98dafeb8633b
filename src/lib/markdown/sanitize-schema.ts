/**
 * The allow-list every doc's HTML passes through after rendering (GitHub's schema plus
 * what Atrium's own markup needs). Writers' raw HTML and MDX elements get the same
 * treatment, so nothing a writer types can run script: no `<script>`, `<style>`,
 * `<iframe>`, forms or `on*` handlers, and URLs only with safe protocols.
 *
 * Kept on purpose: Shiki's classes and its `--shiki-*` CSS variables (only variables — a
 * writer's `style="position:fixed"` is dropped), heading anchors, admonitions,
 * task-list checkboxes, footnotes, copy buttons, and diagram placeholders (swapped for
 * the trusted SVG after sanitizing, see rehype-diagrams.ts).
 */
import { defaultSchema } from 'rehype-sanitize';
import type { Options as Schema } from 'rehype-sanitize';

/** Class names our CSS and scripts give meaning to; anything else is dropped. */
const CLASS_NAME =
  /^(?:atrium-[a-z0-9-]+|shiki|shiki-themes|github-light|github-dark|line|highlighted|language-[\w#+.-]+|task-list-item|contains-task-list|footnotes|sr-only|data-footnote-backref)$/;

/** Only Shiki's colour variables, e.g. `--shiki-light:#24292E;--shiki-dark:#E1E4E8`. */
const SHIKI_STYLE = /^(?:\s*--shiki-[a-z-]+\s*:\s*[#\w. -]+;?)+\s*$/i;

const defaults = defaultSchema.attributes ?? {};

// GitHub's per-tag className rules would override the generic one below; drop them.
const withoutClassRules = Object.fromEntries(
  Object.entries(defaults)
    .filter(([tag]) => tag !== '*')
    .map(([tag, definitions]) => [
      tag,
      definitions.filter((d) => (Array.isArray(d) ? d[0] : d) !== 'className'),
    ]),
);

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Heading ids are written by us from the heading text, and footnote ids already carry
  // remark-rehype's `user-content-` prefix; prefixing again would break every anchor.
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math', 'textarea', 'select'],
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside', 'button', 'figure', 'figcaption', 'section'],
  protocols: {
    ...defaultSchema.protocols,
    href: [...(defaultSchema.protocols?.href ?? []), 'tel'],
  },
  attributes: {
    ...withoutClassRules,
    '*': [...(defaults['*'] ?? []), ['className', CLASS_NAME]],
    // Our chrome (heading anchors, copy buttons, raw JSON blocks) is kept out of the search index.
    a: [...(withoutClassRules.a ?? []), 'rel', ['dataPagefindIgnore', 'index']],
    aside: [['role', 'note'], 'ariaLabel'],
    button: [['type', 'button'], 'dataAtriumCopy', 'hidden', 'ariaLabel', ['dataPagefindIgnore', 'index']],
    div: [...(withoutClassRules.div ?? []), 'dataLanguage', 'dataAtriumDiagram', ['dataPagefindIgnore', 'all']],
    figure: ['dataLanguage', ['dataPagefindIgnore', 'all']],
    // Task-list checkboxes carry their item's text as their name (rehype-task-lists.ts).
    input: [...(withoutClassRules.input ?? []), 'ariaLabel'],
    pre: [['style', SHIKI_STYLE], ['tabIndex', 0]],
    span: [['style', SHIKI_STYLE], ['ariaHidden', 'true']],
    section: [...(withoutClassRules.section ?? []), 'dataFootnotes'],
  },
};

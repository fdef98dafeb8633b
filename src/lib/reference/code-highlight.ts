/**
 * Build-time colour for the reference's code (request samples, JSON examples): the docs'
 * Shiki highlighter (markdown/code/highlighter.ts), with both themes as CSS variables so the
 * page switches theme without re-rendering, in the docs' code frame with its copy button
 * (client/copy-code.ts). Renderers stay synchronous: the page prepares the highlighter once
 * and hands a per-page `Highlight` over in the ReferenceContext.
 *
 * Size: Shiki writes each token's two colours inline (`style="--shiki-light:…;--shiki-dark:…"`,
 * ~55 bytes), and eleven request samples make hundreds of tokens from a dozen distinct styles.
 * Each distinct style becomes a class named by its hash, defined once in the page's `<style>`
 * — the same colours at a third of the bytes, the same output for the same input.
 *
 * Cost: the grammars' expressions are nearly all of it, so each distinct line is tokenised
 * once per grammar state (line-highlight.ts): GitHub's 17,000 blocks repeat most of their
 * 370,000 lines.
 */
import path from 'node:path';
import shikiPackage from 'shiki/package.json' with { type: 'json' };
import { html, raw, type SafeHtml } from '../html.ts';
import { CODE_THEMES, createCodeHighlighter } from '../markdown/code/highlighter.ts';
import { createLineHighlighter, MAX_LINE_LENGTH, type HighlightedCode } from './line-highlight.ts';
import { createPackedCache, type PackedCache } from '../packed-cache.ts';
import { processMemo } from './process-memo.ts';
import { SNIPPET_LANGUAGES } from './snippets.ts';

export interface Highlight {
  /** Code → `<pre class="shiki">…</pre>`, colours as classes. */
  code(code: string, language: string): SafeHtml;
  /** The `<style>` defining the classes used so far (empty when none). */
  css(): string;
}

const LANGUAGES = new Set([...SNIPPET_LANGUAGES.map((l) => l.highlight), 'json']);
let prepared: Promise<{ lines: ReturnType<typeof createLineHighlighter>; ids: Map<string, string> }> | undefined;
/** Highlighted code by language and text, across the pages of a build (bounded, oldest out first). */
const highlighted = new Map<string, HighlightedCode>();
const MEMO_ENTRIES = 2000;
/**
 * What decides the highlighted HTML besides the code: bump FORMAT when classify() or the
 * HTML written changes; Shiki's version covers its grammars and themes.
 */
// 2: blocks highlighted without Shiki's time limit (earlier ones may hold cut-short lines);
// 3: one class attribute on <pre>, lines of MAX_LINE_LENGTH or more uncoloured.
const FORMAT = 3;
const SALT = ['reference-code', String(FORMAT), shikiPackage.version, JSON.stringify(CODE_THEMES), String(MAX_LINE_LENGTH)];
let disk: { dir: string; cache: PackedCache<HighlightedCode> } | undefined;
/** GitHub's REST spec writes ~93 MB; past this the least recently read blocks go. */
const DISK_BYTES = 128 * 2 ** 20;

function isHighlighted(parsed: unknown): HighlightedCode | undefined {
  const entry = parsed as Partial<HighlightedCode> | null;
  const pairs = Array.isArray(entry?.styles) && entry.styles.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'string'));
  return typeof entry?.html === 'string' && pairs ? (entry as HighlightedCode) : undefined;
}

/**
 * Blocks another thread coloured ahead of the pages (src/builder/colour-ahead.ts). A slot
 * shared by both copies of this module (the CLI's sets it, the prerender bundle's reads it).
 * Colouring is a pure function of (language, code), so who did it changes no byte.
 */
export interface ColouredAhead {
  /** The block for `blockKey(code, language)`, if it was coloured ahead (each handed out once). */
  take(key: string): HighlightedCode | undefined;
  /** A page began (referenceHighlighter is made once per operation page, in render order). */
  pageStarted(): void;
}
const ahead = processMemo('highlight.ahead', () => ({ source: undefined as ColouredAhead | undefined }));

export function setColouredAhead(source: ColouredAhead | undefined): void {
  ahead.source = source;
}

export function blockKey(code: string, language: string): string {
  return `${language}\0${code}`;
}

function prepare() {
  prepared ??= (async () => {
    const highlighter = createCodeHighlighter();
    const ids = await highlighter.prepare(LANGUAGES);
    return { lines: createLineHighlighter(highlighter.highlighter(), CODE_THEMES), ids };
  })();
  return prepared;
}

/** Colours blocks as the pages do, for a thread colouring ahead of them. */
export async function blockColourer(): Promise<(code: string, language: string) => HighlightedCode> {
  const { lines, ids } = await prepare();
  return (code, language) => lines.highlight(code, ids.get(language) ?? 'text');
}

/**
 * A highlighter for one page: its classes are collected for that page's `<style>`. With a
 * `cacheDir` (the build's cache folder), each distinct block is highlighted once across
 * builds, in a folder bounded to DISK_BYTES.
 */
export async function referenceHighlighter(options: { cacheDir?: string } = {}): Promise<Highlight> {
  if (options.cacheDir && disk?.dir !== options.cacheDir) {
    // Packed and written behind: a cold GitHub build sets ~15,000 blocks, which as a file each
    // kept the page renderer in open(2) and write(2) for seconds among its own page writes.
    disk = { dir: options.cacheDir, cache: createPackedCache(path.join(options.cacheDir, 'reference-code'), isHighlighted, { maxBytes: DISK_BYTES }) };
  }
  const store = options.cacheDir ? disk!.cache : undefined;
  ahead.source?.pageStarted();
  const { lines, ids } = await prepare();
  const styles = new Map<string, string>();
  return {
    code(code, language) {
      const key = blockKey(code, language);
      let done = highlighted.get(key);
      if (!done) {
        const lang = ids.get(language) ?? 'text';
        const diskKey = store?.key([...SALT, lang, code]);
        done = diskKey ? store!.get(diskKey) : undefined;
        if (!done) {
          done = ahead.source?.take(key) ?? lines.highlight(code, lang);
          if (diskKey) store!.set(diskKey, done);
        }
        // Error bodies and shared examples repeat on every page of a spec: highlight them once.
        if (highlighted.size >= MEMO_ENTRIES) highlighted.delete(highlighted.keys().next().value!);
        highlighted.set(key, done);
      }
      for (const [name, style] of done.styles) styles.set(name, style);
      return raw(done.html);
    },
    css() {
      if (!styles.size) return '';
      const rules = [...styles].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, style]) => `.${name}{${style}}`);
      return `<style>${rules.join('')}</style>`;
    },
  };
}

/** Resolves once every block highlighted so far is in the disk cache. */
export function highlightedCodeWritten(): Promise<void> {
  return disk?.cache.settled() ?? Promise.resolve();
}

/** A code frame with a copy button (revealed by copy-code.ts); plain `<pre>` without a highlighter. */
export function codeFrame(code: string, language: string, label: string, highlight: Highlight | undefined): SafeHtml {
  const pre = highlight ? highlight.code(code, language) : html`<pre class="ref-code" tabindex="0"><code>${raw(code.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))}</code></pre>`;
  return html`<figure class="atrium-code ref-code-frame" aria-label="${label}">${pre}<button type="button" class="atrium-copy" data-atrium-copy hidden>Copy</button></figure>`;
}

/**
 * The public shapes of the documentation renderer (DESIGN §3, §6, §9). Positions in
 * everything returned here are positions in the doc's *file* (frontmatter included), not
 * in the body handed to the renderer, so they can be printed as `file:line:col` directly.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DiagramPrograms } from './diagrams/programs.ts';
import type { PublishPolicy } from '../publish/publish-policy.ts';

export interface MarkdownRendererOptions {
  /** Absolute path of the content folder: assets must live inside it. */
  contentRoot: string;
  /** Folder for the diagram cache (created on first write). */
  cacheDir: string;
  /** Programs the runner chose for diagrams (`--chromium`, `--plantuml-jar` or their environment variables); else Atrium's lookup. */
  programs?: DiagramPrograms;
  /** `build`: inline SVG rendered now; `client`: `<pre class="mermaid">` for a browser script. */
  mermaid: 'build' | 'client';
  /** `server` draws PlantUML as an `<img>` from that server when no local PlantUML can run. */
  plantuml: { server?: string };
  /** URL folder the site copies doc assets to. Default `/_atrium/assets/`. */
  assetBase?: string;
  /** Which linked files may be published besides images (see publish/publish-policy.ts). */
  publish?: PublishPolicy;
}

export interface DocInput {
  /** Relative to the content folder, POSIX separators. */
  file: string;
  /** Markdown without frontmatter. */
  body: string;
  /** 1-based line of `file` where `body` starts. */
  bodyLine: number;
  format: 'md' | 'mdx';
}

export interface RenderContext {
  /**
   * Maps a relative link written in `fromFile` — a doc's file path (`../guides/auth.md`) or a
   * page URL without extension (`../search/`) — to the page URL and file of that doc.
   * `target` is the path part only, percent-decoded, without `#fragment` or `?query`;
   * the renderer re-appends the fragment.
   */
  resolveLink(target: string, fromFile: string): { url: string; file?: string } | undefined;
  /**
   * The page URL of a doc (as links carry it, base included), so a relative link without file
   * extension that names no doc can still be resolved as a browser would and checked against
   * the portal's other pages (version pages, the reference). See link-resolver.ts.
   */
  pageUrl?(file: string): string | undefined;
  /**
   * Why a doc link did not resolve, when the caller knows better than "no doc there" (e.g. the
   * target exists but is not published in this audience). Same arguments as `resolveLink`.
   */
  explainUnresolved?(target: string, fromFile: string): string | undefined;
}

export interface Heading {
  depth: number;
  id: string;
  text: string;
}

export interface DocLink {
  /**
   * The page the link goes to: the resolved page URL of a doc link, the path of a
   * site-absolute link (`/products/x/`), or `''` for an anchor in the same doc.
   */
  url: string;
  /** Fragment without `#`, percent-decoded. */
  anchor?: string;
  /** Content-relative doc file the link was resolved from, for relative doc links. */
  targetFile?: string;
  line: number;
  column: number;
  /** The link as the writer wrote it. */
  raw: string;
}

export interface DocAsset {
  /** Absolute path of the file inside the content folder. */
  source: string;
  /** Where the site must copy it (content-hash file name). */
  url: string;
}

export interface RenderedDoc {
  html: string;
  /** Every heading in document order (`tableOfContents` picks h2–h3). */
  headings: Heading[];
  /** Every `id` in the rendered HTML (headings, footnotes, raw HTML), for anchor checks. */
  ids: string[];
  links: DocLink[];
  assets: DocAsset[];
  diagnostics: Diagnostic[];
  /** Mermaid diagrams left to a client-side script on this page (0 = no script needed). */
  clientMermaid: number;
  /** True when the page has code blocks, so it needs the copy-button script. */
  hasCode: boolean;
}

export interface RendererStats {
  mermaidRendered: number;
  mermaidCached: number;
  plantumlRendered: number;
  plantumlCached: number;
  clientSideMermaid: number;
}

export interface MarkdownRenderer {
  render(doc: DocInput, ctx: RenderContext): Promise<RenderedDoc>;
  /**
   * Problems of the whole run rather than of one doc — the single "Mermaid falls back to
   * the browser" warning with the diagram count. Call after every doc is rendered.
   */
  diagnostics(): Diagnostic[];
  stats(): RendererStats;
  /** Closes Chromium and waits for diagram renderers. Safe to call twice. */
  close(): Promise<void>;
}

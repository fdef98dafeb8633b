/**
 * Resolve phase "docs": every visible doc rendered to HTML with one renderer (one browser for
 * the run's diagrams), read from the rendered-doc cache when nothing it depends on changed.
 * Links between docs resolve to this audience's page URLs; a link to a doc the audience leaves
 * out is explained as such, not as "no doc there".
 */
import path from 'node:path';
import type { Audience, ContentModel, DocEntry, ProductEntry, VersionEntry } from '../../content/model.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { createLinkResolver, createMarkdownRenderer } from '../../markdown/index.ts';
import type { RenderedDoc } from '../../markdown/types.ts';
import { findChromium } from '../../markdown/diagrams/chromium.ts';
import { findPlantuml } from '../../markdown/diagrams/plantuml-process.ts';
import type { DiagramPrograms } from '../../markdown/diagrams/programs.ts';
import { docCacheKey, docCacheSalt, readCachedDoc, writeCachedDoc } from '../doc-render-cache.ts';
import { createProgress } from '../progress.ts';
import { urls, withBase } from '../urls.ts';
import { mapConcurrently } from '../../map-concurrently.ts';

export interface DocPage {
  doc: DocEntry;
  /** Site URL without the base path. */
  url: string;
  product: ProductEntry;
  version?: VersionEntry;
}

export interface DiagramCounts {
  mermaidRendered: number;
  mermaidCached: number;
  plantumlRendered: number;
  plantumlCached: number;
}

export interface RenderedDocs {
  /** By doc file (content-relative). */
  rendered: Map<string, RenderedDoc>;
  /** Doc file → its page URL without the base path, for every doc of this audience. */
  urlOf: Map<string, string>;
  diagnostics: Diagnostic[];
  docs: number;
  docsCached: number;
  diagrams: DiagramCounts;
}

export interface RenderDocsOptions {
  audience: Audience;
  base: string;
  cacheDir: string;
  programs?: DiagramPrograms;
  onProgress?: (line: string) => void;
}

/** The page of every doc `visible` holds: product docs, then each version's. */
export function docPages(visible: ContentModel): DocPage[] {
  return visible.products.flatMap((product) => [
    ...product.docs.map((doc) => ({ doc, url: urls.productDocs(product.slug, doc.slug), product })),
    ...product.versions.flatMap((version) =>
      version.docs.map((doc) => ({ doc, url: urls.versionDocs(product.slug, version.slug, doc.slug), product, version })),
    ),
  ]);
}

/** Folders of the products and versions in `content` that `visible` (one audience) leaves out. */
export function unpublishedFolders(content: ContentModel, visible: ContentModel): string[] {
  const shown = new Set(visible.products.flatMap((p) => [p.dir, ...p.versions.map((v) => v.dir)]));
  return content.products.flatMap((p) => [p.dir, ...p.versions.map((v) => v.dir)]).filter((dir) => !shown.has(dir));
}

export async function renderDocs(content: ContentModel, visible: ContentModel, options: RenderDocsOptions): Promise<RenderedDocs> {
  const { base } = options;
  const pages = docPages(visible);
  const urlOf = new Map(pages.map((page) => [page.doc.file, page.url] as const));
  // Files of products and versions this audience leaves out are not published either.
  const publish = {
    downloadFolders: content.portal.public_folder ? [content.portal.public_folder] : [],
    unpublishedFolders: unpublishedFolders(content, visible),
  };
  const renderer = createMarkdownRenderer({
    cacheDir: path.join(options.cacheDir, 'diagrams'),
    ...(options.programs ? { programs: options.programs } : {}),
    mermaid: content.portal.mermaid.render,
    plantuml: content.portal.plantuml,
    contentRoot: content.root,
    assetBase: `${base}_atrium/assets/`,
    publish,
  });
  const docPageUrls = new Map([...urlOf].map(([file, url]) => [file, withBase(base, url)] as const));
  const resolveLink = createLinkResolver(docPageUrls);
  const pageUrl = (file: string) => docPageUrls.get(file);
  // A link to a doc this audience does not include (unpublished doc, version or product)
  // would be a 404 for readers; say so rather than "no doc there". Every doc of the content
  // with the URL it would have, so both link forms (file path, page URL) are explained.
  const resolveAnyDoc = createLinkResolver(docPages(content).map((page) => [page.doc.file, withBase(base, page.url)] as const));
  const explainUnresolved = (target: string, fromFile: string) => {
    const file = resolveAnyDoc(target, fromFile)?.file;
    return file && !urlOf.has(file)
      ? `${file} is not published in the ${options.audience} portal (the doc, its version or its product is unpublished), so readers would get a 404; remove the link or publish the target`
      : undefined;
  };
  const salt = docCacheSalt({
    base,
    links: [...urlOf].sort(([a], [b]) => a.localeCompare(b)),
    publish,
    mermaid: content.portal.mermaid.render,
    plantuml: content.portal.plantuml,
    chromium: findChromium(options.programs?.chromium),
    plantumlProgram: plantumlIdentity(options.programs),
  });
  const rendered = new Map<string, RenderedDoc>();
  const diagnostics: Diagnostic[] = [];
  const fromCache = { docs: 0, mermaid: 0, plantuml: 0 };
  try {
    // Rendered concurrently so diagrams of different docs share one browser batch; the
    // output does not depend on the order.
    const progress = createProgress('docs', pages.length, options.onProgress);
    const results = await mapConcurrently(pages, 8, async ({ doc }) => {
      progress.tick();
      const key = docCacheKey(doc, salt);
      const cached = await readCachedDoc(options.cacheDir, key);
      if (cached) {
        fromCache.docs++;
        fromCache.mermaid += cached.diagrams.mermaid;
        fromCache.plantuml += cached.diagrams.plantuml;
        return cached as RenderedDoc;
      }
      const result = await renderer.render(doc, { resolveLink, explainUnresolved, pageUrl });
      await writeCachedDoc(options.cacheDir, key, result);
      return result;
    });
    pages.forEach(({ doc }, i) => {
      rendered.set(doc.file, results[i]!);
      diagnostics.push(...results[i]!.diagnostics);
    });
    diagnostics.push(...renderer.diagnostics());
  } finally {
    await renderer.close();
  }
  const drawn = renderer.stats();
  return {
    rendered,
    urlOf,
    diagnostics,
    docs: pages.length,
    docsCached: fromCache.docs,
    diagrams: {
      mermaidRendered: drawn.mermaidRendered,
      mermaidCached: drawn.mermaidCached + fromCache.mermaid,
      plantumlRendered: drawn.plantumlRendered,
      plantumlCached: drawn.plantumlCached + fromCache.plantuml,
    },
  };
}

/** Which PlantUML would draw, for the rendered-doc cache: another PlantUML draws differently. */
function plantumlIdentity(programs: DiagramPrograms | undefined): string {
  const lookup = findPlantuml(programs?.plantumlJar);
  return lookup.found ? `${lookup.kind}:${lookup.command.identity}` : 'none';
}

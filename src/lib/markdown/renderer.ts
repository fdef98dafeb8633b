/**
 * The documentation renderer: one per build, shared by every doc, so the Shiki
 * highlighter, the Chromium for Mermaid and the diagram cache are set up once.
 *
 *   const renderer = createMarkdownRenderer({ contentRoot, cacheDir, mermaid: 'build', plantuml: {} });
 *   try { for (const doc of docs) pages.push(await renderer.render(doc, { resolveLink })); }
 *   finally { await renderer.close(); }
 *   diagnostics.push(...renderer.diagnostics(), ...checkLinks(pages));
 *
 * Rendering docs concurrently (e.g. 8 at a time) lets diagrams of different docs share
 * a batch; the output is the same either way.
 */
import { randomUUID } from 'node:crypto';
import type { Root as HastRoot } from 'hast';
import { VFile } from 'vfile';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createAssetStore } from './assets.ts';
import { createCodeHighlighter } from './code/highlighter.ts';
import { createDiagramService } from './diagrams/diagram-service.ts';
import { isElement } from './hast-util.ts';
import { createPipeline, type DocProcessor, type PipelineDeps } from './pipeline.ts';
import type { RenderState } from './render-state.ts';
import type { DocInput, MarkdownRenderer, MarkdownRendererOptions, RenderContext, RenderedDoc } from './types.ts';

export function createMarkdownRenderer(options: MarkdownRendererOptions): MarkdownRenderer {
  const diagrams = createDiagramService({
    cacheDir: options.cacheDir,
    ...(options.programs ? { programs: options.programs } : {}),
    mermaid: options.mermaid,
    plantuml: options.plantuml ?? {},
  });
  const deps: PipelineDeps = {
    assets: createAssetStore(options.contentRoot, options.assetBase, options.publish),
    highlighter: createCodeHighlighter(),
    diagrams,
  };
  const processors: Partial<Record<'md' | 'mdx', DocProcessor>> = {};
  const processorFor = (format: 'md' | 'mdx') => (processors[format] ??= createPipeline(format, deps));

  return {
    async render(doc: DocInput, ctx: RenderContext): Promise<RenderedDoc> {
      const state: RenderState = {
        doc,
        ctx,
        diagnostics: [],
        headings: [],
        ids: [],
        links: [],
        assets: [],
        diagrams: [],
        nonce: randomUUID().slice(0, 8),
        clientMermaid: 0,
        hasCode: false,
      };
      const file = new VFile({ path: doc.file, value: doc.body, data: { atrium: state } });
      const processor = processorFor(doc.format);
      let html = '';
      try {
        const tree = (await processor.run(processor.parse(file), file)) as HastRoot;
        state.ids = finishTree(tree);
        html = processor.stringify(tree, file);
      } catch (error) {
        state.diagnostics.push(parseFailure(error, doc));
      }
      return {
        html,
        headings: state.headings,
        ids: state.ids,
        links: state.links,
        assets: state.assets,
        diagnostics: state.diagnostics,
        clientMermaid: state.clientMermaid,
        hasCode: state.hasCode,
      };
    },
    diagnostics: () => diagrams.diagnostics(),
    stats: () => diagrams.stats(),
    close: () => diagrams.close(),
  };
}

/** A syntax error (MDX parse errors carry a place) or an unexpected failure, as a diagnostic. */
function parseFailure(error: unknown, doc: DocInput): Diagnostic {
  const e = error as { reason?: string; message?: string; line?: number; column?: number; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
  const place = e.place && 'start' in e.place && e.place.start ? e.place.start : (e.place as { line?: number; column?: number } | undefined);
  const reason = (e.reason ?? e.message ?? String(error)).split('\n')[0]!;
  // Some MDX errors (an unclosed tag) carry their place only in the text: "(3:1-3:6)".
  const inText = /\((\d+):(\d+)-\d+:\d+\)/.exec(reason);
  const line = e.line ?? place?.line ?? (inText ? Number(inText[1]) : undefined);
  const column = e.column ?? place?.column ?? (inText ? Number(inText[2]) : undefined);
  const what = doc.format === 'mdx' ? 'MDX syntax error' : 'Could not render markdown';
  return {
    severity: 'error',
    message: `${what}: ${reason}`,
    file: doc.file,
    ...(line ? { line: doc.bodyLine + line - 1, column: column ?? 1 } : {}),
    code: 'markdown-syntax',
  };
}

/** Collects the page's ids, and drops `class=""` left where the sanitizer removed every class. */
function finishTree(tree: HastRoot): string[] {
  const ids: string[] = [];
  const walk = (node: { children?: unknown[] }) => {
    for (const child of node.children ?? []) {
      if (!isElement(child)) continue;
      if (Array.isArray(child.properties.className) && child.properties.className.length === 0) delete child.properties.className;
      if (typeof child.properties.id === 'string') ids.push(child.properties.id);
      // Ids inside diagram SVG are internal to the drawing, not link targets.
      if (child.tagName !== 'svg') walk(child);
    }
  };
  walk(tree);
  return ids;
}

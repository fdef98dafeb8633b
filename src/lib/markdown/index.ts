/** Documentation rendering: markdown/MDX → sanitized HTML with code, diagrams and links. */
export { createMarkdownRenderer } from './renderer.ts';
export { checkLinks, type LinkCheckOptions, type LinkCheckPage } from './check-links.ts';
export { createLinkResolver, resolveDocFile } from './link-resolver.ts';
export { tableOfContents, type TocEntry } from './toc.ts';
export { ADMONITION_TYPES } from './admonition.ts';
export { BUILT_IN_COMPONENTS } from './remark-mdx-guard.ts';
export type {
  DocAsset,
  DocInput,
  DocLink,
  Heading,
  MarkdownRenderer,
  MarkdownRendererOptions,
  RenderContext,
  RenderedDoc,
  RendererStats,
} from './types.ts';

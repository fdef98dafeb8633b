/**
 * The unified pipeline, one per format, built once per renderer and reused for every
 * doc. Order matters:
 *   parse (+MDX) → GFM → directives → [MDX guard] → admonitions → GitHub alerts → code fences
 *   → HTML (+raw HTML) → links/assets → heading ids → task-list labels → Shiki
 *   → SANITIZE → diagrams (trusted SVG, inserted after sanitizing) → string
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import type { AssetStore } from './assets.ts';
import type { CodeHighlighter } from './code/highlighter.ts';
import { rehypeCodeBlocks } from './code/rehype-code-blocks.ts';
import type { DiagramService } from './diagrams/diagram-service.ts';
import { rehypeDiagrams } from './rehype-diagrams.ts';
import { rehypeHeadings } from './rehype-headings.ts';
import { rehypeLinks } from './rehype-links.ts';
import { rehypeTaskLists } from './rehype-task-lists.ts';
import { remarkCodeFences } from './remark-code-fences.ts';
import { remarkDirectives } from './remark-directives.ts';
import { remarkGithubAlerts } from './remark-github-alerts.ts';
import { remarkMdxGuard } from './remark-mdx-guard.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

export interface PipelineDeps {
  assets: AssetStore;
  highlighter: CodeHighlighter;
  diagrams: DiagramService;
}

// The processor's generic types add nothing here; every plugin reads its state off the file.
export type DocProcessor = Processor<any, any, any, any, string>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function createPipeline(format: 'md' | 'mdx', deps: PipelineDeps): DocProcessor {
  const processor = unified().use(remarkParse) as unknown as Processor;
  if (format === 'mdx') processor.use(remarkMdx);
  processor.use(remarkGfm).use(remarkDirective);
  if (format === 'mdx') processor.use(remarkMdxGuard);
  processor
    .use(remarkDirectives)
    .use(remarkGithubAlerts)
    .use(remarkCodeFences)
    .use(remarkRehype, { allowDangerousHtml: format === 'md' })
    .use(rehypeRaw)
    .use(rehypeLinks, { assets: deps.assets })
    .use(rehypeHeadings)
    .use(rehypeTaskLists)
    .use(rehypeCodeBlocks, { highlighter: deps.highlighter })
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeDiagrams, { diagrams: deps.diagrams })
    .use(rehypeStringify);
  return processor.freeze() as unknown as DocProcessor;
}

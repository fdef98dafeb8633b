/** Shared set-up for the markdown tests: fixture docs, a renderer with a fresh cache. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMarkdownRenderer, createLinkResolver } from '../../../src/lib/markdown/index.ts';
import type { DocInput, MarkdownRenderer, MarkdownRendererOptions } from '../../../src/lib/markdown/index.ts';

export const CONTENT_ROOT = path.resolve(import.meta.dirname, '../../fixtures/markdown/content');
export const DOCS = 'products/demo/docs';

/** Page URL of every fixture doc, as the site would assign them. */
export const FIXTURE_PAGES: [string, string][] = [
  [`${DOCS}/index.md`, '/products/demo/docs/'],
  [`${DOCS}/guides/index.md`, '/products/demo/docs/guides/'],
  [`${DOCS}/guides/auth.md`, '/products/demo/docs/guides/auth/'],
  [`${DOCS}/guides/everything.md`, '/products/demo/docs/guides/everything/'],
  [`${DOCS}/guides/hostile.md`, '/products/demo/docs/guides/hostile/'],
  [`${DOCS}/guides/components.mdx`, '/products/demo/docs/guides/components/'],
  [`${DOCS}/guides/code.mdx`, '/products/demo/docs/guides/code/'],
];

export const resolveLink = createLinkResolver(FIXTURE_PAGES);

/** Reads a fixture doc the way the content loader hands it over: body without frontmatter. */
export function fixtureDoc(file: string): DocInput {
  const text = fs.readFileSync(path.join(CONTENT_ROOT, file), 'utf8');
  const lines = text.split('\n');
  const close = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
  return {
    file,
    body: close === -1 ? text : lines.slice(close + 1).join('\n'),
    bodyLine: close === -1 ? 1 : close + 2,
    format: file.endsWith('.mdx') ? 'mdx' : 'md',
  };
}

/** A doc written inline in a test, placed at `file` (frontmatter of `bodyLine - 1` lines). */
export function inlineDoc(body: string, options: { file?: string; bodyLine?: number; format?: 'md' | 'mdx' } = {}): DocInput {
  return { file: options.file ?? `${DOCS}/guides/inline.md`, body, bodyLine: options.bodyLine ?? 1, format: options.format ?? 'md' };
}

export function tempDir(prefix = 'atrium-md-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function newRenderer(overrides: Partial<MarkdownRendererOptions> = {}): MarkdownRenderer {
  return createMarkdownRenderer({
    contentRoot: CONTENT_ROOT,
    cacheDir: tempDir('atrium-md-cache-'),
    mermaid: 'build',
    plantuml: {},
    ...overrides,
  });
}


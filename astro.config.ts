/**
 * Astro configuration. `atrium build` and `atrium dev` import this module and hand it to Astro
 * inline (`configFile: false`) with outDir/site/base: named as a file, a `.ts` config makes
 * Astro start a Vite dev server just to load it. The content folder and audience reach the
 * pages through the site state (src/site/state.ts), never through files.
 */
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Astro 7 defaults to Sätteri; our remark/rehype plugins need the unified pipeline.
  markdown: { processor: unified({ remarkPlugins: [remarkGfm] }) },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  prefetch: false,
  vite: {
    build: { sourcemap: false },
    logLevel: 'warn',
  },
});

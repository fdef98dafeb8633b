/**
 * Astro configuration. `atrium build` and `atrium dev` import this module and hand it to Astro
 * inline (`configFile: false`) with outDir/site/base: named as a file, a `.ts` config makes
 * Astro start a Vite dev server just to load it. The content folder and audience reach the
 * pages through the site state (src/site/state.ts), never through files.
 */
import type { AstroUserConfig } from 'astro';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';

// Typed with `satisfies` rather than `defineConfig`, an identity function whose module
// (`astro/config`) loads SVGO and its CSS parsers, ~350 modules, with every build.
export default {
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
} satisfies AstroUserConfig;

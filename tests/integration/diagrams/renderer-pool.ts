/** Renderers that drive a real Chromium or PlantUML worker, all closed after the describe block that asked for them. */
import { afterAll } from 'vitest';
import type { MarkdownRenderer } from '../../../src/lib/markdown/index.ts';
import { newRenderer, tempDir } from '../../unit/markdown/helpers.ts';

export function rendererPool(cachePrefix: string): { shared: () => MarkdownRenderer; cold: () => MarkdownRenderer } {
  const cacheDir = tempDir(cachePrefix);
  const open: MarkdownRenderer[] = [];
  afterAll(async () => {
    for (const r of open) await r.close();
  });
  const track = (r: MarkdownRenderer) => (open.push(r), r);
  return {
    /** Shares the pool's cache folder: warm once a diagram was drawn. */
    shared: () => track(newRenderer({ cacheDir })),
    /** A cache folder of its own: draws everything. */
    cold: () => track(newRenderer({ cacheDir: tempDir() })),
  };
}

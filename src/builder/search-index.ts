/**
 * The build's last step: the Pagefind search index of the rendered site, written to
 * `<site>/pagefind/`. Pagefind runs as a child process of its own (its Node API is a client
 * of that service), so a stop closes it before the run folder it writes into is removed.
 */
import path from 'node:path';

export interface SearchIndexOptions {
  /** The rendered site folder; the index goes to its `pagefind/` folder. */
  siteDir: string;
  /** Registers cleanup to run when the build is stopped by a signal. */
  onStop?: (cleanup: () => void) => void;
}

export interface SearchIndexResult {
  /** Pages Pagefind indexed (those with `data-pagefind-body`). */
  pages: number;
}

/** Indexes every HTML page of `siteDir` and writes the index beside them. */
export async function writeSearchIndex({ siteDir, onStop }: SearchIndexOptions): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind');
  onStop?.(() => void pagefind.close());
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`search indexing failed to start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`search indexing failed: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`search index could not be written: ${written.errors.join('; ')}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

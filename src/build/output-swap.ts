/**
 * A build writes into a fresh sibling folder and swaps it into place only on success, so a
 * failed or interrupted build never leaves a partial or mixed output folder behind.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export async function createStagingDir(outDir: string): Promise<string> {
  await fs.mkdir(path.dirname(outDir), { recursive: true });
  return fs.mkdtemp(path.join(path.dirname(outDir), `.${path.basename(outDir)}.atrium-staging-`));
}

/** Replaces `outDir` with `stagingDir` (two renames; the old output is removed after). */
export async function swapIntoPlace(stagingDir: string, outDir: string): Promise<void> {
  const retired = `${stagingDir}-old`;
  let hadPrevious = true;
  try {
    await fs.rename(outDir, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  try {
    await fs.rename(stagingDir, outDir);
  } catch (error) {
    if (hadPrevious) await fs.rename(retired, outDir);
    throw error;
  }
  if (hadPrevious) await fs.rm(retired, { recursive: true, force: true });
}

export async function discardStaging(stagingDir: string): Promise<void> {
  await fs.rm(stagingDir, { recursive: true, force: true });
}

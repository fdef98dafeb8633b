/**
 * A build renders into a fresh folder of its own and is swapped into place only on success,
 * so a failed or interrupted build never leaves a partial or mixed output folder behind.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Astro must build inside the working folder: when its output lies outside, it puts its
 * server chunks in a shared `<cwd>/.astro/`, where two builds at once overwrite each other,
 * and the chunks resolve packages from the working folder's node_modules. So each build
 * renders into its own folder here and is moved next to the output afterwards.
 */
export async function createWorkDir(): Promise<string> {
  return fs.mkdtemp(path.join(process.cwd(), '.atrium-build-'));
}

/** Moves a finished build to a new folder beside `outDir` (a rename, or a copy across file systems). */
async function moveBeside(workDir: string, outDir: string): Promise<string> {
  await fs.mkdir(path.dirname(outDir), { recursive: true });
  const staging = path.join(path.dirname(outDir), `.${path.basename(outDir)}.atrium-staging-${crypto.randomBytes(6).toString('hex')}`);
  try {
    await fs.rename(workDir, staging);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    try {
      await fs.cp(workDir, staging, { recursive: true });
    } catch (copyError) {
      await fs.rm(staging, { recursive: true, force: true });
      throw copyError;
    }
    await fs.rm(workDir, { recursive: true, force: true });
  }
  return staging;
}

/** Replaces `outDir` with the finished build in `workDir` (renames; the old output is removed after). */
export async function publishBuild(workDir: string, outDir: string): Promise<void> {
  const staging = await moveBeside(workDir, outDir);
  const retired = `${staging}-old`;
  let hadPrevious = true;
  try {
    await fs.rename(outDir, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(staging, { recursive: true, force: true });
      throw error;
    }
    hadPrevious = false;
  }
  try {
    await fs.rename(staging, outDir);
  } catch (error) {
    if (hadPrevious) await fs.rename(retired, outDir);
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadPrevious) await fs.rm(retired, { recursive: true, force: true });
}

export async function discardWorkDir(workDir: string): Promise<void> {
  await fs.rm(workDir, { recursive: true, force: true });
}

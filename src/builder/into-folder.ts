/**
 * Most files a build writes go into a folder that exists already (a twin beside its page): the
 * folder is made only when the first try says it is missing, not asked for before every file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Runs `step`, which creates `file`; `made` holds the folders known to exist this build. */
export async function intoFolder(file: string, made: Set<string>, step: () => Promise<void>): Promise<void> {
  const folder = path.dirname(file);
  if (!made.has(folder)) {
    try {
      await step();
      made.add(folder);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await fs.mkdir(folder, { recursive: true });
    made.add(folder);
  }
  await step();
}

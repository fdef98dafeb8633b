import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeInBackground } from '../../../src/builder/background-removal.ts';

async function folderOf(root: string, name: string, files: number): Promise<string> {
  const dir = path.join(root, name);
  for (let i = 0; i < files; i++) {
    await fs.mkdir(path.join(dir, `page-${i}`), { recursive: true });
    await fs.writeFile(path.join(dir, `page-${i}`, 'index.html'), `<p>${i}</p>`);
  }
  return dir;
}

describe('removal in the background', () => {
  it('moves the folder out at once, then removes it and what an earlier removal left in the trash', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-trash-'));
    const trash = path.join(root, 'cache', 'trash');
    const left = await folderOf(trash, '.dist.atrium-build-1-left', 20); // a sweep killed half-way
    const run = await folderOf(root, '.dist.atrium-build-2-run', 200);
    // A link in it is removed, never followed.
    const outside = await folderOf(root, 'outside', 1);
    await fs.symlink(outside, path.join(run, 'node_modules'));

    expect(await removeInBackground(run, trash)).toBe(true);
    await expect(fs.stat(run)).rejects.toThrow();
    await expect.poll(() => fs.readdir(trash), { timeout: 10_000 }).toEqual([]);
    await expect(fs.stat(left)).rejects.toThrow();
    expect(await fs.readdir(outside)).toEqual(['page-0']);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('answers false and leaves the folder where it was when it cannot be moved', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-trash-'));
    const run = await folderOf(root, 'run', 1);
    await fs.writeFile(path.join(root, 'not-a-folder'), '');
    expect(await removeInBackground(run, path.join(root, 'not-a-folder', 'trash'))).toBe(false);
    expect(await fs.readdir(run)).toEqual(['page-0']);
    await fs.rm(root, { recursive: true, force: true });
  });
});

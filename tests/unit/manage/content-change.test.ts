import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChange, ChangedOnDiskError, withChangeStaged } from '../../../src/lib/manage/content-change.ts';
import { snapshot } from './harness.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'atrium-change-'));
  await mkdir(path.join(root, 'products/a/versions/v1/docs'), { recursive: true });
  await mkdir(path.join(root, 'analytics'), { recursive: true });
  await writeFile(path.join(root, 'products/a/product.yaml'), 'name: A # keep\n');
  await writeFile(path.join(root, 'products/a/versions/v1/version.yaml'), 'name: v1\n');
  await writeFile(path.join(root, 'products/a/versions/v1/openapi.yaml'), 'openapi: 3.1.0\n');
  await writeFile(path.join(root, 'products/a/versions/v1/docs/index.md'), '---\ntitle: Docs\n---\n');
  await writeFile(path.join(root, 'analytics/big.json'), '{}');
  await mkdir(path.join(root, '.specs'), { recursive: true });
  await writeFile(path.join(root, '.specs/shared.yaml'), 'openapi: 3.1.0\n');
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe('applyChange', () => {
  it('replaces a file through a temporary file and leaves no temporary file behind', async () => {
    const before = await snapshot(root);
    await applyChange(root, { kind: 'edit-file', file: 'products/a/product.yaml', before: 'name: A # keep\n', after: 'name: B # keep\n' });
    expect(await readFile(path.join(root, 'products/a/product.yaml'), 'utf8')).toBe('name: B # keep\n');
    expect([...(await snapshot(root)).keys()]).toEqual([...before.keys()]);
  });

  it('refuses to write over a file that changed since it was read', async () => {
    const before = await snapshot(root);
    await expect(
      applyChange(root, { kind: 'edit-file', file: 'products/a/product.yaml', before: 'name: Old\n', after: 'name: B\n' }),
    ).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(await snapshot(root)).toEqual(before);
  });

  it('creates a folder (copying another without the skipped entries) under a hidden name, then renames it', async () => {
    await applyChange(root, {
      kind: 'new-folder',
      dir: 'products/a/versions/v2',
      files: { 'version.yaml': 'name: v2\n' },
      copyFrom: 'products/a/versions/v1',
      skip: ['version.yaml'],
    });
    const dir = path.join(root, 'products/a/versions');
    expect((await readdir(dir)).sort()).toEqual(['v1', 'v2']);
    expect((await readdir(path.join(dir, 'v2'), { recursive: true })).sort()).toEqual(['docs', 'docs/index.md', 'openapi.yaml', 'version.yaml']);
    expect(await readFile(path.join(dir, 'v2/version.yaml'), 'utf8')).toBe('name: v2\n');
  });

  it('leaves nothing behind when a new folder cannot be made', async () => {
    const before = await snapshot(root);
    await expect(
      applyChange(root, { kind: 'new-folder', dir: 'products/a/versions/v2', files: {}, copyFrom: 'products/a/versions/nope' }),
    ).rejects.toThrow();
    await expect(applyChange(root, { kind: 'new-folder', dir: 'products/a/versions/v1', files: {} })).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(await snapshot(root)).toEqual(before);
    expect(await readdir(path.join(root, 'products/a/versions'))).toEqual(['v1']);
  });

  it('deletes a folder completely', async () => {
    await applyChange(root, { kind: 'delete-folder', dir: 'products/a/versions/v1' });
    expect(await readdir(path.join(root, 'products/a/versions'))).toEqual([]);
  });
});

describe('withChangeStaged', () => {
  it('applies the change to a copy without analytics data, and never to the folder itself', async () => {
    const before = await snapshot(root);
    const seen = await withChangeStaged(root, { kind: 'delete-folder', dir: 'products/a/versions/v1' }, async (staged) => ({
      staged,
      entries: (await readdir(staged, { recursive: true })).sort(),
    }));
    // Hidden folders are copied: a `spec:` may name a file in one.
    expect(seen.entries).toEqual(['.specs', '.specs/shared.yaml', 'products', 'products/a', 'products/a/product.yaml', 'products/a/versions']);
    expect(await snapshot(root)).toEqual(before);
    await expect(readdir(seen.staged)).rejects.toThrow(); // the copy is removed
  });
});

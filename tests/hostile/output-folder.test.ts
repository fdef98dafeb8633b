/**
 * Issue 19: `atrium build --out` replaces its output folder, so a wrong `--out` (typed by
 * someone, or set in CI by a commit) must never delete the content, Atrium itself or any
 * other folder. Refusals are bad usage (exit 2) and touch nothing; a folder is replaced only
 * when it holds an earlier build's marker, or has the shape of a build from before the marker. Real CLI runs, each test named after the attack.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';
import { exists, fingerprint, runAtriumIn, runFolders, smallPortal } from './build-process.ts';

let scratch: string;
let cwd: string;
let env: Record<string, string>;

beforeAll(async () => {
  scratch = await fs.realpath(await tempDir('atrium-hostile-out-'));
  cwd = path.join(scratch, 'cwd');
  await fs.mkdir(cwd);
  env = { ATRIUM_CACHE_DIR: path.join(scratch, 'cache') };
});

const build = (content: string, out: string) => runAtriumIn(['build', '--content', content, '--out', out], { cwd, env });

/** A fresh copy of the small portal inside its own project folder. */
async function project(name: string): Promise<{ root: string; content: string }> {
  const root = path.join(scratch, name);
  const content = await smallPortal(path.join(root, 'content'));
  return { root, content };
}

describe('--out that would delete what it must not', () => {
  it('--out at the content folder: refused with exit 2, the content untouched', async () => {
    const { content } = await project('at-content');
    const before = await fingerprint(content);
    const result = await build(content, content);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`atrium: --out ${content} is the content folder`);
    expect(await fingerprint(content)).toEqual(before);
  });

  it("--out at the content folder's parent: refused with exit 2, the parent untouched", async () => {
    const { root, content } = await project('at-parent');
    await fs.writeFile(path.join(root, 'README.md'), 'A project that is not a portal build.\n');
    const before = await fingerprint(root);
    const result = await build(content, root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out ${root} contains the content folder ${content}`);
    expect(await fingerprint(root)).toEqual(before);
  });

  it('--out inside the content folder: refused, nothing created there', async () => {
    const { content } = await project('inside-content');
    const before = await fingerprint(content);
    const result = await build(content, path.join(content, 'products', 'dist'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is inside the content folder');
    expect(await fingerprint(content)).toEqual(before);
  });

  it('--out through a symlink to the content folder: refused (real paths are compared)', async () => {
    const { root, content } = await project('symlink-to-content');
    await fs.symlink(content, path.join(root, 'dist'));
    const before = await fingerprint(content);
    const result = await build(content, path.join(root, 'dist'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is the content folder');
    expect(await fingerprint(content)).toEqual(before);
  });

  it("--out at Atrium's own folder, or inside it while the content is elsewhere: refused, nothing written", async () => {
    const { content } = await project('at-package');
    const atPackage = await build(content, REPO_ROOT);
    expect(atPackage.code).toBe(2);
    expect(atPackage.stderr).toContain(`is Atrium's own folder ${await fs.realpath(REPO_ROOT)}`);

    const inside = path.join(REPO_ROOT, `dist-hostile-${process.pid}`);
    const insidePackage = await build(content, inside);
    expect(insidePackage.code).toBe(2);
    expect(insidePackage.stderr).toContain("is inside Atrium's own folder");
    expect(await exists(inside)).toBe(false);
    expect((await fs.readdir(REPO_ROOT)).filter((n) => n.includes('atrium-build'))).toEqual([]);
  });

  it('--out at an unrelated non-empty folder: refused with what to do, the folder untouched', async () => {
    const { root, content } = await project('unrelated');
    const photos = path.join(root, 'photos');
    await fs.mkdir(path.join(photos, '2026'), { recursive: true });
    await fs.writeFile(path.join(photos, '2026', 'beach.jpg'), 'not really a photo');
    await fs.writeFile(path.join(photos, 'index.html'), '<p>my own site, not a portal build</p>');
    const before = await fingerprint(photos);
    const result = await build(content, photos);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out ${photos} is not empty and holds no Atrium build (no .atrium-build.json in it)`);
    expect(result.stderr).toContain('name a new or empty folder');
    expect(await fingerprint(photos)).toEqual(before);
    expect(await runFolders(photos)).toEqual([]);
  });

  it('--out at a folder that only looks like a build (a portal.json of its own): refused, the folder untouched', async () => {
    const { root, content } = await project('look-alike');
    const lookAlikes = {
      // A manifest of the right shape, but not the other files every build has.
      'manifest-only': { 'portal.json': JSON.stringify({ title: 'Mine', audience: 'public', products: [] }), 'index.html': '<p>mine</p>' },
      // Every file a build has, but a portal.json of some other tool.
      'other-portal-json': {
        'portal.json': JSON.stringify({ name: 'my-portal', audience: 'everyone', products: 'none' }),
        'index.html': '<p>mine</p>',
        'robots.txt': 'User-agent: *\n',
        'llms.txt': '# mine\n',
      },
    };
    for (const [name, files] of Object.entries(lookAlikes)) {
      const folder = path.join(root, name);
      await fs.mkdir(folder);
      for (const [file, text] of Object.entries(files)) await fs.writeFile(path.join(folder, file), text);
      const before = await fingerprint(folder);
      const result = await build(content, folder);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain('is not empty and holds no Atrium build');
      expect(await fingerprint(folder), name).toEqual(before);
    }
  }, 60_000);

  it('--out at a file, or below one: refused, the file untouched', async () => {
    const { root, content } = await project('at-file');
    const file = path.join(root, 'notes.txt');
    await fs.writeFile(file, 'keep me\n');
    const result = await build(content, file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a file, not a folder');
    expect(await fs.readFile(file, 'utf8')).toBe('keep me\n');

    const below = await build(content, path.join(file, 'dist'));
    expect(below.code).toBe(2);
    expect(below.stderr).toContain(`${file} is a file, not a folder`);
  });
});

describe('the folders a build may replace', () => {
  it('an empty folder is used, and a folder holding an earlier build is replaced; the marker says nothing about the machine', async () => {
    const { root, content } = await project('rebuild');
    const out = path.join(root, 'dist');
    await fs.mkdir(out);
    const first = await build(content, out);
    expect(first.code, first.stderr).toBe(0);
    const marker = await fs.readFile(path.join(out, '.atrium-build.json'), 'utf8');
    expect(JSON.parse(marker)).toEqual({ generator: 'atrium', about: expect.any(String) });
    for (const machineFact of [os.hostname(), os.userInfo().username, scratch, REPO_ROOT, String(process.pid)]) {
      expect(marker).not.toContain(machineFact);
    }

    // The next build replaces the whole folder, not only the files it writes again.
    await fs.writeFile(path.join(out, 'stale.html'), 'left from an earlier build');
    await fs.writeFile(path.join(content, 'products/tools/docs/index.md'), '---\ntitle: Getting started\n---\n\nTools now needs setup.\n');
    const second = await build(content, out);
    expect(second.code, second.stderr).toBe(0);
    expect(await exists(path.join(out, 'stale.html'))).toBe(false);
    expect(await fs.readFile(path.join(out, 'products/tools/docs/index.html'), 'utf8')).toContain('Tools now needs setup.');
    expect(await fs.readFile(path.join(out, '.atrium-build.json'), 'utf8')).toBe(marker);
    expect(await runFolders(out)).toEqual([]);
    expect(await fs.readdir(cwd)).toEqual([]);
  }, 120_000);

  it('a folder built by an earlier Atrium (no marker yet) is recognised by its shape and replaced', async () => {
    const { root, content } = await project('unmarked');
    const out = path.join(root, 'dist');
    const first = await build(content, out);
    expect(first.code, first.stderr).toBe(0);
    // What an Atrium from before the marker left: the same build, without .atrium-build.json.
    await fs.rm(path.join(out, '.atrium-build.json'));
    await fs.writeFile(path.join(out, 'stale.html'), 'left from an earlier build');
    const second = await build(content, out);
    expect(second.code, second.stderr).toBe(0);
    expect(await exists(path.join(out, 'stale.html'))).toBe(false);
    expect(await exists(path.join(out, '.atrium-build.json'))).toBe(true);
    expect(await runFolders(out)).toEqual([]);
  }, 120_000);
});

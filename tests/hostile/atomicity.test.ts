/**
 * Issue 19: a build that is stopped midway — Ctrl-C, CI's SIGTERM on timeout, SIGKILL —
 * leaves the previous output exactly as it was and no debris in the working directory or
 * beside the output (a killed run's folder is removed by the next build); a build works from
 * any working directory and writes nothing into Atrium's own folder, so two projects can
 * build at once from one read-only install. Real CLI runs, each test named after the attack.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';
import { copyOfAtrium, exists, fingerprint, runAtriumIn, runFolders, smallPortal, startAtrium, whenRendering } from './build-process.ts';

let scratch: string;
let cwd: string;
let env: Record<string, string>;
let content: string;
let out: string;
/** The output of a finished build, which every interrupted build below must leave as it was. */
let previous: Record<string, string>;

beforeAll(async () => {
  scratch = await fs.realpath(await tempDir('atrium-hostile-atomic-'));
  cwd = path.join(scratch, 'cwd');
  await fs.mkdir(cwd);
  env = { ATRIUM_CACHE_DIR: path.join(scratch, 'cache') };
  content = await smallPortal(path.join(scratch, 'content'));
  out = path.join(scratch, 'site', 'dist');
  const first = await runAtriumIn(['build', '--content', content, '--out', out], { cwd, env });
  if (first.code !== 0) throw new Error(`the first build failed: ${first.stderr}`);
  previous = await fingerprint(out);
  // What the interrupted builds would have written instead.
  await fs.writeFile(path.join(content, 'products/tools/docs/index.md'), '---\ntitle: Getting started\n---\n\nA newer text.\n');
}, 120_000);

const buildArgs = () => ['build', '--content', content, '--out', out];

describe('a build stopped midway', () => {
  it('SIGTERM mid-build: exit 143, the previous output intact, no run folder, nothing in the working directory', async () => {
    const running = startAtrium(buildArgs(), { cwd, env });
    await whenRendering(out, running);
    running.kill('SIGTERM');
    const result = await running.done;
    expect(result.code, result.stderr).toBe(143);
    expect(result.stderr).toContain(`atrium build: stopped by SIGTERM; ${out} was left as it was.`);
    expect(await fingerprint(out)).toEqual(previous);
    expect(await runFolders(out)).toEqual([]);
    expect(await fs.readdir(path.dirname(out))).toEqual(['dist']);
    expect(await fs.readdir(cwd)).toEqual([]);
  }, 60_000);

  it('SIGINT (Ctrl-C) mid-build: exit 130, the previous output intact, no run folder', async () => {
    const running = startAtrium(buildArgs(), { cwd, env });
    await whenRendering(out, running);
    running.kill('SIGINT');
    const result = await running.done;
    expect(result.code, result.stderr).toBe(130);
    expect(await fingerprint(out)).toEqual(previous);
    expect(await fs.readdir(path.dirname(out))).toEqual(['dist']);
    expect(await fs.readdir(cwd)).toEqual([]);
  }, 60_000);

  it('SIGTERM mid-build into a new nested --out: the folders the build created for it are removed too', async () => {
    const nested = path.join(scratch, 'new', 'public', 'dist');
    const running = startAtrium(['build', '--content', content, '--out', nested], { cwd, env });
    await whenRendering(nested, running);
    running.kill('SIGTERM');
    expect((await running.done).code).toBe(143);
    expect(await exists(path.join(scratch, 'new'))).toBe(false);
  }, 60_000);

  it('SIGKILL mid-build: the previous output intact; the next build removes the killed run folder', async () => {
    const running = startAtrium(buildArgs(), { cwd, env });
    await whenRendering(out, running);
    running.kill('SIGKILL');
    const killed = await running.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(await fingerprint(out)).toEqual(previous);
    const debris = await runFolders(out);
    expect(debris).toHaveLength(1); // nothing can clean up after SIGKILL…

    // …so the next build does. A run folder of a live process or without an owner is not ours to remove.
    const live = await fakeRunFolder('live', { pid: process.pid, host: os.hostname() });
    const unowned = await fakeRunFolder('unowned', undefined);
    const next = await runAtriumIn(buildArgs(), { cwd, env });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain(`removed 1 folder(s) of earlier builds that were killed: ${path.basename(debris[0]!)}`);
    expect((await runFolders(out)).sort()).toEqual([live, unowned].sort());
    expect(await fs.readFile(path.join(out, 'products/tools/docs/index.html'), 'utf8')).toContain('A newer text.');
    await Promise.all([live, unowned].map((d) => fs.rm(d, { recursive: true })));
    previous = await fingerprint(out);
  }, 120_000);

  it('SIGKILL between the two renames of the swap: the next build puts the previous output back', async () => {
    // What a run killed after moving the old output aside and before moving the new one in leaves.
    const stale = await fakeRunFolder('mid-swap', { pid: deadPid(), host: os.hostname() });
    await fs.rename(out, path.join(stale, 'previous'));
    // The next build fails on its content, so the restored output is all there is to see.
    const portal = path.join(content, 'portal.yaml');
    const portalText = await fs.readFile(portal, 'utf8');
    await fs.writeFile(portal, 'title: [unclosed\n');
    try {
      const next = await runAtriumIn(buildArgs(), { cwd, env });
      expect(next.code).toBe(1);
      expect(await fingerprint(out)).toEqual(previous);
      expect(await runFolders(out)).toEqual([]);
    } finally {
      await fs.writeFile(portal, portalText);
    }
  }, 60_000);
});

describe('where a build writes', () => {
  it('two projects build at once from a read-only install, in working directories without node_modules; the install is left unchanged', async () => {
    const install = await copyOfAtrium(path.join(scratch, 'install'));
    const before = await fingerprint(install);
    // Read-only for the builds: its modes without write permission, and since root may write
    // anyway, a root test runner builds as `nobody`.
    await setWritable(install, false);
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const projects = ['one', 'two'].map((name) => path.join(scratch, 'projects', name));
    try {
      const runs = await Promise.all(
        projects.map(async (project) => {
          const projectContent = await smallPortal(path.join(project, 'content'));
          if (user) await fs.chmod(scratch, 0o755);
          if (user) for (const dir of [path.dirname(project), project, ...(await dirsBelow(project))]) await fs.chmod(dir, 0o777);
          return runAtriumIn(['build', '--content', projectContent, '--out', path.join(project, 'dist')], {
            cwd: project,
            env: { ATRIUM_CACHE_DIR: path.join(project, '.cache'), HOME: project },
            packageRoot: install,
            user,
          });
        }),
      );
      for (const [i, run] of runs.entries()) {
        expect(run.code, run.stderr).toBe(0);
        expect((await fs.readdir(projects[i]!)).sort()).toEqual(['.cache', 'content', 'dist']);
        expect(await exists(path.join(projects[i]!, 'dist/products/tools/docs/index.html'))).toBe(true);
        expect(await exists(path.join(projects[i]!, 'dist/pagefind'))).toBe(true);
      }
    } finally {
      await setWritable(install, true);
    }
    expect(await fingerprint(install)).toEqual(before);
  }, 180_000);
});

/** A folder named like a run folder of `out`, with the given owner file. */
async function fakeRunFolder(name: string, owner: { pid: number; host: string } | undefined): Promise<string> {
  const dir = path.join(path.dirname(out), `.${path.basename(out)}.atrium-build-${name}`);
  await fs.mkdir(path.join(dir, 'site'), { recursive: true });
  if (owner) await fs.writeFile(path.join(dir, 'owner.json'), JSON.stringify(owner));
  return dir;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** Adds or removes write permission on every file and folder below `dir` (links are left alone: chmod would follow them). */
async function setWritable(dir: string, writable: boolean): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await setWritable(child, writable);
    const mode = (await fs.stat(child)).mode;
    await fs.chmod(child, writable ? mode | 0o200 : mode & ~0o222);
  }
  const mode = (await fs.stat(dir)).mode;
  await fs.chmod(dir, writable ? mode | 0o200 : mode & ~0o222);
}

async function dirsBelow(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name));
}

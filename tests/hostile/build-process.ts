/**
 * Helpers for the hostile tests on the build itself (output folder, signals, working
 * directory): the small portal in a fresh folder, a CLI run that can be killed midway, and
 * fingerprints of folders to prove they were left exactly as they were.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/cli.ts';

export const SMALL_PORTAL = path.join(REPO_ROOT, 'tests/fixtures/hostile/small-portal');

export async function smallPortal(into: string): Promise<string> {
  await fs.cp(SMALL_PORTAL, into, { recursive: true });
  return into;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  pid: number;
  done: Promise<Run>;
  kill(signal: NodeJS.Signals): void;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** The Atrium folder whose `bin/atrium.js` runs (default: this repo). */
  packageRoot?: string;
  /** Run as another user (needs root). */
  user?: { uid: number; gid: number };
}

/** Starts the real CLI in `cwd`. */
export function startAtrium(args: string[], options: RunOptions): RunningCli {
  const bin = path.join(options.packageRoot ?? REPO_ROOT, 'bin', 'atrium.js');
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, ...options.user });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { pid: child.pid!, done, kill: (signal) => child.kill(signal) };
}

export function runAtriumIn(args: string[], options: RunOptions): Promise<Run> {
  return startAtrium(args, options).done;
}

/** The run folders of builds into `outDir` (beside it, `.<out>.atrium-build-*`). */
export async function runFolders(outDir: string): Promise<string[]> {
  const names = await fs.readdir(path.dirname(outDir)).catch(() => [] as string[]);
  return names.filter((n) => n.startsWith(`.${path.basename(outDir)}.atrium-build-`)).map((n) => path.join(path.dirname(outDir), n));
}

/** Resolves once a build into `outDir` has started rendering (its run folder holds `site/`). */
export async function whenRendering(outDir: string, running: RunningCli, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let finished = false;
  void running.done.then(() => (finished = true));
  while (Date.now() < until && !finished) {
    for (const dir of await runFolders(outDir)) {
      if (await exists(path.join(dir, 'site'))) return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the build into ${outDir} ${finished ? 'ended' : 'did not start rendering'} before it could be interrupted`);
}

export async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Every entry below `dir` (not following symlinks) with its kind and, for files, a hash of
 * its bytes: equal fingerprints mean nothing was added, removed or rewritten.
 */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isSymbolicLink()) out[child] = `link → ${await fs.readlink(path.join(dir, child))}`;
      else if (entry.isDirectory()) {
        out[child] = 'dir';
        await walk(child);
      } else out[child] = crypto.createHash('sha256').update(await fs.readFile(path.join(dir, child))).digest('hex');
    }
  };
  await walk('');
  return out;
}

/**
 * Atrium as a separate install: its own files copied, its node_modules a folder of links to
 * the repo's packages, so a write into `node_modules/` (Vite's or Astro's caches) shows up.
 */
export async function copyOfAtrium(into: string): Promise<string> {
  await fs.mkdir(path.join(into, 'node_modules'), { recursive: true });
  for (const name of ['bin', 'scripts', 'src', 'astro.config.ts', 'package.json', 'tsconfig.json']) {
    await fs.cp(path.join(REPO_ROOT, name), path.join(into, name), { recursive: true });
  }
  for (const name of await fs.readdir(path.join(REPO_ROOT, 'node_modules'))) {
    if (name.startsWith('.')) continue;
    await fs.symlink(path.join(REPO_ROOT, 'node_modules', name), path.join(into, 'node_modules', name));
  }
  return into;
}

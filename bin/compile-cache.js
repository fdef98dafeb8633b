// Node's compile cache for the CLI (bin/atrium.js), kept bounded.
import fs from 'node:fs';
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * Entries a build adds that no later build reads: Node keys an entry by the module's path, and
 * Astro's prerender chunks live in the run folder, whose name is new every build (~30 entries,
 * ~0.3 MB per build). A build of Atrium itself loads ~2,500 modules; past PRUNE_ABOVE entries,
 * the least recently used go until KEEP are left.
 */
export const PRUNE_ABOVE = 8000;
export const KEEP = 4000;
/** Entries are counted at most once an hour (a listing costs 30-100 ms on a busy machine). */
const CHECK_EVERY_MS = 3600_000;
const CHECKED = '.checked';

/**
 * V8 keeps the code it compiled for Atrium, Astro and Vite between runs (Node's compile cache),
 * which saves about a second of CPU per build. In a folder only this user can write: compiled
 * code from a folder others could write would run as ours.
 */
export function keepCompiledCode() {
  if (process.env.NODE_COMPILE_CACHE || typeof nodeModule.enableCompileCache !== 'function') return;
  const uid = process.getuid?.();
  const dir = path.join(os.tmpdir(), `atrium-compile-cache-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) return;
    if (dueForCheck(path.join(dir, CHECKED))) pruneCompileCache(dir);
    nodeModule.enableCompileCache(dir);
  } catch {
    // Only slower without it.
  }
}

/** True at most once per CHECK_EVERY_MS: the marker's time says when the cache was last counted. */
function dueForCheck(marker) {
  const now = Date.now();
  try {
    if (now - fs.statSync(marker).mtimeMs < CHECK_EVERY_MS) return false;
  } catch {
    // Never counted.
  }
  fs.writeFileSync(marker, '', { mode: 0o600 });
  return true;
}

/**
 * Keeps the cache below `above` entries: beyond, the least recently used entries are removed
 * (last read or written, as the file system keeps it) until `keep` remain. Counting is one
 * directory listing per Node version's folder; only a prune stats the entries.
 * @returns how many entries were removed
 */
export function pruneCompileCache(dir, { above = PRUNE_ABOVE, keep = KEEP } = {}) {
  const entries = [];
  for (const folder of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const sub = path.join(dir, folder.name);
    for (const name of fs.readdirSync(sub)) entries.push(path.join(sub, name));
  }
  if (entries.length <= above) return 0;
  const used = entries.map((file) => {
    try {
      const stat = fs.statSync(file);
      return { file, at: Math.max(stat.atimeMs, stat.mtimeMs) };
    } catch {
      return { file, at: 0 };
    }
  });
  used.sort((a, b) => b.at - a.at);
  let removed = 0;
  for (const { file } of used.slice(keep)) {
    try {
      fs.rmSync(file, { force: true });
      removed++;
    } catch {
      // Another run may be removing it too.
    }
  }
  return removed;
}

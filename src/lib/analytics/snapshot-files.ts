/**
 * Snapshots on disk: `<content>/analytics/<control-plane>/traffic.jsonl`, one file per
 * control plane so that saving is one atomic rename: an ingest that is interrupted (crash,
 * Ctrl-C, full disk) leaves the previous file exactly as it was.
 *
 * The rename needs the temporary file in the same folder, so an interrupted save must not
 * leave it there: SIGINT and SIGTERM during a save remove it before the process ends, and a
 * temporary file of a process that no longer runs (SIGKILL, power loss) is removed by the
 * next ingest or save.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isRunning } from '../process-running.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { IngestBounds } from './input-bounds.ts';
import { createSnapshot, rollUpSnapshot, type ControlPlaneSnapshot } from './snapshot.ts';
import { parseSnapshot, serializeSnapshot } from './snapshot-format.ts';

export const ANALYTICS_DIR = 'analytics';
export const SNAPSHOT_FILE = 'traffic.jsonl';

/** The snapshot file of a control plane, relative to the content folder (POSIX). */
export function snapshotFile(controlPlane: string): string {
  return `${ANALYTICS_DIR}/${controlPlane}/${SNAPSHOT_FILE}`;
}

export interface LoadedSnapshot {
  snapshot: ControlPlaneSnapshot;
  diagnostics: Diagnostic[];
  /** False when the control plane has no snapshot file yet. */
  exists: boolean;
}

/**
 * Loads one control plane's snapshot from an analytics folder (an empty one if absent).
 * `bounds`: the times it may hold (default: the fixed ones of input-bounds.ts).
 */
export async function loadSnapshotFrom(
  analyticsDir: string,
  controlPlane: string,
  shownAs?: string,
  bounds?: IngestBounds,
): Promise<LoadedSnapshot> {
  const file = path.join(analyticsDir, controlPlane, SNAPSHOT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { snapshot: createSnapshot(controlPlane), diagnostics: [], exists: false };
    }
    throw error;
  }
  const parsed = parseSnapshot(text, shownAs ?? snapshotFile(controlPlane), controlPlane, bounds);
  return { ...parsed, exists: true };
}

/** Loads one control plane's snapshot from a content folder. */
export function loadControlPlaneSnapshot(contentDir: string, controlPlane: string, bounds?: IngestBounds): Promise<LoadedSnapshot> {
  return loadSnapshotFrom(path.join(contentDir, ANALYTICS_DIR), controlPlane, undefined, bounds);
}

/** Every snapshot under `<content>/analytics/`, keyed by control plane. */
export async function loadAnalyticsSnapshots(
  contentDir: string,
): Promise<{ snapshots: Map<string, ControlPlaneSnapshot>; diagnostics: Diagnostic[] }> {
  const dir = path.join(contentDir, ANALYTICS_DIR);
  const snapshots = new Map<string, ControlPlaneSnapshot>();
  const diagnostics: Diagnostic[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { snapshots, diagnostics };
    throw error;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const loaded = await loadSnapshotFrom(dir, entry.name);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.exists) snapshots.set(entry.name, loaded.snapshot);
  }
  return { snapshots, diagnostics };
}

/** `.traffic.jsonl.<pid>.<random>.tmp`: the pid says whether its writer still runs. */
const TEMP_FILE = /^\.traffic\.jsonl\.(\d+)\.[0-9a-f]+\.tmp$/;


/** Removes temporary files that killed saves left in a control plane's folder; returns their names. */
export async function removeStaleTempFiles(analyticsDir: string, controlPlane: string): Promise<string[]> {
  const dir = path.join(analyticsDir, controlPlane);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const stale = names.filter((name) => {
    const pid = TEMP_FILE.exec(name)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
  for (const name of stale) await rm(path.join(dir, name), { force: true });
  return stale;
}

/**
 * Removes `file` if SIGINT or SIGTERM arrives before `release()`, then ends the process as
 * the signal would have (exit 130 / 143). Synchronous removal: the process is about to end.
 */
function removeOnSignal(file: string): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => {
      rmSync(file, { force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

/**
 * Writes a snapshot atomically: a temporary file next to the target, flushed to disk, then
 * renamed over it (rename within one folder replaces the file in one step). Rolled up first:
 * days older than the last 7 are kept as daily buckets (rollUpSnapshot).
 */
export async function saveSnapshotTo(analyticsDir: string, snapshot: ControlPlaneSnapshot): Promise<string> {
  rollUpSnapshot(snapshot);
  const dir = path.join(analyticsDir, snapshot.control_plane);
  await mkdir(dir, { recursive: true });
  await removeStaleTempFiles(analyticsDir, snapshot.control_plane);
  const target = path.join(dir, SNAPSHOT_FILE);
  const temp = path.join(dir, `.${SNAPSHOT_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const release = removeOnSignal(temp);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(serializeSnapshot(snapshot), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    release();
  }
  return target;
}

export function saveControlPlaneSnapshot(contentDir: string, snapshot: ControlPlaneSnapshot): Promise<string> {
  return saveSnapshotTo(path.join(contentDir, ANALYTICS_DIR), snapshot);
}

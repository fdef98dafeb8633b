/**
 * A control plane's analytics snapshot: hourly traffic buckets per service, the ledger of
 * inputs already counted, and the last Prometheus counter values (to difference the next
 * scrape against). Files on disk: see snapshot-format.ts; loading/saving: snapshot-files.ts.
 */
import { bucketKey, cloneBucket, createBucket, HOUR_MS, mergeBucketInto, type TrafficBucket } from './traffic-bucket.ts';

export const SNAPSHOT_FORMAT_VERSION = 1;

export type InputFormat = 'kong-log' | 'prometheus';

/**
 * One ingested input. `sha256` is the hash of lines 1..lines[1] of the (decompressed)
 * input, each line's bytes followed by "\n" (for Prometheus scrapes read with `--instance`,
 * preceded by that label); `lines[0]` is the first line this ingest counted (a log that grew
 * since the last ingest only has its new lines counted).
 */
export interface IngestRecord {
  format: InputFormat;
  sha256: string;
  lines: [number, number];
}

/** Last cumulative values of one Prometheus counter or histogram (labels without `le`). */
export interface PrometheusState {
  /** Epoch milliseconds of the scrape the values come from. */
  time: number;
  /** `value` for a counter; `count`, `sum` and `le=<bound>` for a histogram. */
  values: Record<string, number>;
}

export interface ControlPlaneSnapshot {
  control_plane: string;
  ingested: IngestRecord[];
  /** Keyed by `bucketKey` (service and hour). */
  buckets: Map<string, TrafficBucket>;
  /** Keyed by series, e.g. `kong_http_requests_total{code="200",route="r",service="s"}`. */
  prometheus: Map<string, PrometheusState>;
}

export function createSnapshot(controlPlane: string): ControlPlaneSnapshot {
  return { control_plane: controlPlane, ingested: [], buckets: new Map(), prometheus: new Map() };
}

/**
 * Adds a bucket's traffic into the snapshot (merging with the same service and hour).
 * With `adopt` a new bucket is stored as is instead of copied (the caller gives it up).
 */
export function addBucket(snapshot: ControlPlaneSnapshot, bucket: TrafficBucket, adopt = false): void {
  const key = bucketKey(bucket);
  const existing = snapshot.buckets.get(key);
  if (existing) mergeBucketInto(existing, bucket);
  else snapshot.buckets.set(key, adopt ? bucket : cloneBucket(bucket));
}

export function sameRecord(a: IngestRecord, b: IngestRecord): boolean {
  return a.format === b.format && a.sha256 === b.sha256 && a.lines[1] === b.lines[1];
}

/** Thrown when two snapshots both counted the same input, so adding them would double it. */
export class SnapshotOverlapError extends Error {
  readonly records: IngestRecord[];
  constructor(records: IngestRecord[]) {
    super(
      `both snapshots already contain ${records.length} of the same input(s) ` +
        `(first: ${records[0]!.format} sha256 ${records[0]!.sha256.slice(0, 12)}…); ` +
        'merging them would count that traffic twice',
    );
    this.name = 'SnapshotOverlapError';
    this.records = records;
  }
}

/**
 * Whether every input `b` counted is also in `a` (merging `b` again would add nothing new
 * but would double its traffic). A snapshot without a ledger (written by hand) is never
 * contained.
 */
export function snapshotContains(a: ControlPlaneSnapshot, b: ControlPlaneSnapshot): boolean {
  return b.ingested.length > 0 && b.ingested.every((r) => a.ingested.some((s) => sameRecord(r, s)));
}

/**
 * Combines two shards of the same control plane into a new snapshot (inputs unchanged).
 * Exact: counts, sums and sketch bins add, so merging shard snapshots equals ingesting all
 * their inputs in one place. Throws SnapshotOverlapError when both counted the same input.
 */
export function mergeSnapshots(a: ControlPlaneSnapshot, b: ControlPlaneSnapshot): ControlPlaneSnapshot {
  if (a.control_plane !== b.control_plane) {
    throw new Error(`cannot merge snapshots of different control planes (${a.control_plane}, ${b.control_plane})`);
  }
  const shared = b.ingested.filter((r) => a.ingested.some((s) => sameRecord(r, s)));
  if (shared.length > 0) throw new SnapshotOverlapError(shared);
  const merged = createSnapshot(a.control_plane);
  merged.ingested = [...a.ingested, ...b.ingested];
  for (const bucket of a.buckets.values()) addBucket(merged, bucket);
  for (const bucket of b.buckets.values()) addBucket(merged, bucket);
  for (const source of [a, b]) {
    for (const [key, state] of source.prometheus) {
      const current = merged.prometheus.get(key);
      // Each shard scraped its own data planes; the later scrape is the one to continue from.
      if (!current || state.time > current.time) {
        merged.prometheus.set(key, { time: state.time, values: { ...state.values } });
      }
    }
  }
  return merged;
}

const DAY_MS = 24 * HOUR_MS;
/** How long buckets stay hourly, counted back from the snapshot's newest data. */
export const HOURLY_DAYS = 7;

/**
 * Rolls the snapshot up (mutated): hourly buckets for the last 7 days before its newest data
 * point, one bucket per service and UTC day before that, so a snapshot grows by a day's
 * lines, not 24 hours' worth, for every day of history. Exact: counts, byte totals and
 * sketches add up, so every figure of the 24 h and 7 d windows stays as it was and the 30 d
 * window counts whole days (a day is in a window when it starts in it). Relative to the
 * newest data, not the clock, so the same data always rolls up the same way.
 */
export function rollUpSnapshot(snapshot: ControlPlaneSnapshot): void {
  let newest = -Infinity;
  for (const b of snapshot.buckets.values()) newest = Math.max(newest, b.hour + b.hours * HOUR_MS);
  if (newest === -Infinity) return;
  const cutoff = Math.floor((newest - HOURLY_DAYS * DAY_MS) / DAY_MS) * DAY_MS;
  const old = [...snapshot.buckets].filter(([, b]) => b.hour < cutoff && b.hours === 1);
  for (const [key] of old) snapshot.buckets.delete(key);
  for (const [, bucket] of old) {
    const day = createBucket(Math.floor(bucket.hour / DAY_MS) * DAY_MS, bucket.service);
    day.hours = 24;
    mergeBucketInto(day, bucket);
    addBucket(snapshot, day, true);
  }
}

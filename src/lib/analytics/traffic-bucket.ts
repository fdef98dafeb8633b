/**
 * One hour of one service's traffic in one control plane: the unit a snapshot stores.
 * Everything in it adds up exactly (counts, byte totals, sketches), so buckets from any
 * number of inputs or shards combine by addition, and any window or grouping is computed
 * from them without going back to the logs.
 */
import { LatencySketch } from './sketch.ts';
import { serviceKey, type ServiceRef } from './service-index.ts';

export const HOUR_MS = 3_600_000;
export const DAY_HOURS = 24;

export type LatencyKind = 'response' | 'upstream' | 'kong';

/** What any slice of traffic adds up: counts by status, byte totals and latency sketches. */
export interface TrafficCounts {
  /** Requests by HTTP status code. Status classes are derived from these. */
  status: Map<number, number>;
  request_bytes: number;
  response_bytes: number;
  /** `latencies.request`: the whole request as the client saw it. */
  response_latency: LatencySketch;
  /** `latencies.proxy`: the upstream service; requests never proxied are not in it. */
  upstream_latency: LatencySketch;
  /** `latencies.kong`: time spent in Kong itself (routing, plugins). */
  kong_latency: LatencySketch;
}

export interface TrafficBucket extends TrafficCounts {
  /** Start of the UTC hour (of the UTC day for a daily bucket), in milliseconds since the epoch. */
  hour: number;
  /** 1, or 24 for a day rolled up from its hours (snapshot.ts rollUpSnapshot). */
  hours: 1 | 24;
  service: ServiceRef;
  /**
   * The same traffic per operation (`GET /flights/{id}`, or UNMATCHED for what matched none),
   * operation-matcher.ts. When present the entries add up to the bucket exactly; absent on
   * buckets recorded without the spec's operations (all of their traffic is unmatched).
   */
  operations?: Map<string, TrafficCounts>;
  /** Pseudonymous keys of the consumers that called (consumer-key.ts); absent when none were named. */
  consumers?: Set<string>;
}

/** The operation key of traffic that matched no operation of the spec (DESIGN §4b). */
export const UNMATCHED = '(unmatched)';

export function hourOf(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
}

export function createCounts(): TrafficCounts {
  return {
    status: new Map(),
    request_bytes: 0,
    response_bytes: 0,
    response_latency: new LatencySketch(),
    upstream_latency: new LatencySketch(),
    kong_latency: new LatencySketch(),
  };
}

export function createBucket(hour: number, service: ServiceRef): TrafficBucket {
  return {
    hour,
    hours: 1,
    service,
    status: new Map(),
    request_bytes: 0,
    response_bytes: 0,
    response_latency: new LatencySketch(),
    upstream_latency: new LatencySketch(),
    kong_latency: new LatencySketch(),
  };
}

/** The key a bucket has in a snapshot: one bucket per service and hour. */
export function bucketKey(bucket: Pick<TrafficBucket, 'hour' | 'service'>): string {
  return `${serviceKey(bucket.service)}|${bucket.hour}`;
}

/** Adds `source` counts into `target` (exact). */
export function mergeCountsInto(target: TrafficCounts, source: TrafficCounts): void {
  for (const [code, n] of source.status) target.status.set(code, (target.status.get(code) ?? 0) + n);
  target.request_bytes += source.request_bytes;
  target.response_bytes += source.response_bytes;
  target.response_latency.merge(source.response_latency);
  target.upstream_latency.merge(source.upstream_latency);
  target.kong_latency.merge(source.kong_latency);
}

/** The traffic of one operation in a bucket, created empty when new. */
export function operationCounts(bucket: TrafficBucket, key: string): TrafficCounts {
  bucket.operations ??= new Map();
  let counts = bucket.operations.get(key);
  if (!counts) bucket.operations.set(key, (counts = createCounts()));
  return counts;
}

/** The bucket's traffic as a copy of its totals (without operations and consumers). */
function countsOf(bucket: TrafficCounts): TrafficCounts {
  const copy = createCounts();
  mergeCountsInto(copy, bucket);
  return copy;
}

/**
 * Adds `source` into `target` (same service and hour; exact). Operations stay a breakdown of
 * the whole: a bucket without them joining one with them adds its traffic as unmatched.
 */
export function mergeBucketInto(target: TrafficBucket, source: TrafficBucket): void {
  // An hour added to its rolled-up day (a late log line) becomes part of the day.
  if (source.hours > target.hours) target.hours = source.hours;
  if (source.operations || target.operations) {
    // A bucket recorded without the spec's operations is unmatched traffic as a whole.
    target.operations ??= isEmptyCounts(target) ? new Map() : new Map([[UNMATCHED, countsOf(target)]]);
    if (source.operations) {
      for (const [key, counts] of source.operations) mergeCountsInto(operationCounts(target, key), counts);
    } else if (!isEmptyCounts(source)) {
      mergeCountsInto(operationCounts(target, UNMATCHED), source);
    }
  }
  if (source.consumers) {
    target.consumers ??= new Set();
    for (const consumer of source.consumers) target.consumers.add(consumer);
  }
  mergeCountsInto(target, source);
}

export function isEmptyCounts(counts: TrafficCounts): boolean {
  for (const n of counts.status.values()) if (n > 0) return false;
  return (
    counts.request_bytes === 0 &&
    counts.response_bytes === 0 &&
    counts.response_latency.isEmpty &&
    counts.upstream_latency.isEmpty &&
    counts.kong_latency.isEmpty
  );
}

export function cloneBucket(bucket: TrafficBucket): TrafficBucket {
  const copy = createBucket(bucket.hour, { ...bucket.service });
  copy.hours = bucket.hours;
  mergeBucketInto(copy, bucket);
  return copy;
}

export function requestCount(counts: TrafficCounts): number {
  let n = 0;
  for (const count of counts.status.values()) n += count;
  return n;
}

/**
 * Collects buckets while reading an input. Keyed by the ServiceRef objects a ServiceIndex
 * hands out (identity, not string keys) so the per-line cost stays two map lookups.
 */
export class BucketAccumulator {
  private readonly byService = new Map<ServiceRef, Map<number, TrafficBucket>>();

  bucket(service: ServiceRef, epochMs: number): TrafficBucket {
    let hours = this.byService.get(service);
    if (!hours) {
      hours = new Map();
      this.byService.set(service, hours);
    }
    const hour = hourOf(epochMs);
    let bucket = hours.get(hour);
    if (!bucket) {
      bucket = createBucket(hour, service);
      hours.set(hour, bucket);
    }
    return bucket;
  }

  *buckets(): Iterable<TrafficBucket> {
    for (const hours of this.byService.values()) yield* hours.values();
  }

  clear(): void {
    this.byService.clear();
  }
}

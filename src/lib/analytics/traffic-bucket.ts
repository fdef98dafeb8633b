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

export interface TrafficBucket {
  /** Start of the UTC hour (of the UTC day for a daily bucket), in milliseconds since the epoch. */
  hour: number;
  /** 1, or 24 for a day rolled up from its hours (snapshot.ts rollUpSnapshot). */
  hours: 1 | 24;
  service: ServiceRef;
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

export function hourOf(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
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

/** Adds `source` into `target` (same service and hour; exact). */
export function mergeBucketInto(target: TrafficBucket, source: TrafficBucket): void {
  // An hour added to its rolled-up day (a late log line) becomes part of the day.
  if (source.hours > target.hours) target.hours = source.hours;
  for (const [code, n] of source.status) target.status.set(code, (target.status.get(code) ?? 0) + n);
  target.request_bytes += source.request_bytes;
  target.response_bytes += source.response_bytes;
  target.response_latency.merge(source.response_latency);
  target.upstream_latency.merge(source.upstream_latency);
  target.kong_latency.merge(source.kong_latency);
}

export function cloneBucket(bucket: TrafficBucket): TrafficBucket {
  const copy = createBucket(bucket.hour, { ...bucket.service });
  copy.hours = bucket.hours;
  mergeBucketInto(copy, bucket);
  return copy;
}

export function requestCount(bucket: TrafficBucket): number {
  let n = 0;
  for (const count of bucket.status.values()) n += count;
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

/**
 * The metrics of a set of buckets, named as Konnect names them (DESIGN §4b, the `M` object
 * of report.json), and how they are rounded.
 *
 * Rounding (deterministic: the same buckets always give the same bytes):
 * - `error_rate` is a fraction of 1 rounded to 6 decimals (0.012345 = 1.2345%);
 * - latencies are milliseconds rounded to 2 decimals;
 * both with Math.round(x · 10^d) / 10^d, i.e. halves rounded up.
 * Percentiles come from the merged sketches (within 1% of the exact order statistic at rank
 * ⌊q·(n−1)⌋); averages are exact (sum / count). With no requests every figure is 0.
 */
import { LatencySketch } from './sketch.ts';
import type { TrafficCounts } from './traffic-bucket.ts';

export type StatusClass = '1XX' | '2XX' | '3XX' | '4XX' | '5XX';
export const STATUS_CLASSES: readonly StatusClass[] = ['1XX', '2XX', '3XX', '4XX', '5XX'];

export interface Metrics {
  request_count: number;
  error_rate: number;
  status_code_grouped: Record<StatusClass, number>;
  response_latency_p50: number;
  response_latency_p95: number;
  response_latency_p99: number;
  response_latency_average: number;
  upstream_latency_p50: number;
  upstream_latency_p95: number;
  upstream_latency_p99: number;
  upstream_latency_average: number;
  kong_latency_p50: number;
  kong_latency_p95: number;
  kong_latency_p99: number;
  kong_latency_average: number;
}

export const ERROR_RATE_DECIMALS = 6;
export const LATENCY_DECIMALS = 2;

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Everything needed for Metrics, summed over any set of buckets (exact). */
export class MetricsAccumulator {
  readonly status = new Map<number, number>();
  readonly response = new LatencySketch();
  readonly upstream = new LatencySketch();
  readonly kong = new LatencySketch();
  request_bytes = 0;
  response_bytes = 0;

  add(bucket: TrafficCounts): void {
    for (const [code, n] of bucket.status) this.status.set(code, (this.status.get(code) ?? 0) + n);
    this.response.merge(bucket.response_latency);
    this.upstream.merge(bucket.upstream_latency);
    this.kong.merge(bucket.kong_latency);
    this.request_bytes += bucket.request_bytes;
    this.response_bytes += bucket.response_bytes;
  }

  get requestCount(): number {
    let n = 0;
    for (const count of this.status.values()) n += count;
    return n;
  }

  get errorCount(): number {
    let n = 0;
    for (const [code, count] of this.status) if (code >= 400) n += count;
    return n;
  }

  metrics(): Metrics {
    const count = this.requestCount;
    const grouped: Record<StatusClass, number> = { '1XX': 0, '2XX': 0, '3XX': 0, '4XX': 0, '5XX': 0 };
    for (const [code, n] of this.status) grouped[`${Math.floor(code / 100)}XX` as StatusClass] += n;
    const q = (sketch: LatencySketch, quantile: number): number =>
      roundTo(sketch.quantile(quantile) ?? 0, LATENCY_DECIMALS);
    const avg = (sketch: LatencySketch): number => roundTo(sketch.average ?? 0, LATENCY_DECIMALS);
    return {
      request_count: count,
      error_rate: count === 0 ? 0 : roundTo((grouped['4XX'] + grouped['5XX']) / count, ERROR_RATE_DECIMALS),
      status_code_grouped: grouped,
      response_latency_p50: q(this.response, 0.5),
      response_latency_p95: q(this.response, 0.95),
      response_latency_p99: q(this.response, 0.99),
      response_latency_average: avg(this.response),
      upstream_latency_p50: q(this.upstream, 0.5),
      upstream_latency_p95: q(this.upstream, 0.95),
      upstream_latency_p99: q(this.upstream, 0.99),
      upstream_latency_average: avg(this.upstream),
      kong_latency_p50: q(this.kong, 0.5),
      kong_latency_p95: q(this.kong, 0.95),
      kong_latency_p99: q(this.kong, 0.99),
      kong_latency_average: avg(this.kong),
    };
  }
}

export function metricsOf(buckets: Iterable<TrafficCounts>): Metrics {
  const acc = new MetricsAccumulator();
  for (const b of buckets) acc.add(b);
  return acc.metrics();
}

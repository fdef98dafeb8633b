/**
 * How cumulative Kong counters and histograms become traffic (DESIGN §7), shared by
 * `ingest --format prometheus` (scrape files) and `analytics pull` (a Prometheus-compatible
 * query API): both collect observations per series and time, then hand them here.
 *
 * - Traffic is the growth between consecutive observations of a series, put in the hour of
 *   the later one.
 * - A drop is a counter reset (a Kong restart): the new values count from zero. For a
 *   histogram the reset is decided for all its buckets together, and only the buckets of the
 *   new observation count: a bucket missing from it does not bring back its old value.
 * - A series' first observation is only a baseline (how much happened since Kong started,
 *   not when) when it is at the window's first scrape. A series first seen after that counts
 *   its first value in full: Kong creates a series at its first request (a new status code,
 *   route or consumer), so everything in it happened since the previous scrape. The window
 *   starts at the earliest observation of the run, or earlier when the snapshot already
 *   follows series (their last observation); each scrape target (`instance`, `job`) has its
 *   own, as targets are scraped at different moments. A Kong node that joins mid-window is
 *   a new target: its first scrape is its baseline.
 * - Observations at or before the last one counted of a series are already counted (an
 *   overlapping pull) or can no longer be placed (an older scrape file): not counted again.
 *
 * Latency histograms only say how many requests fell between two bucket bounds. The sketch
 * gets those requests spread evenly over the bucket (linear interpolation within a bucket,
 * as PromQL's histogram_quantile does): the k-th of m in (low, high] at
 * low + (high − low)·k/(m+1). The m+1 keeps every position unbiased (a lone request sits
 * mid-bucket, not at its top), which matters once many hours are merged: a p99 lives in the
 * sparse tail buckets, where most hours hold one request or none. Requests above the largest
 * finite bound are placed at it. Percentiles are therefore estimates as fine as Kong's bucket
 * bounds, not within 1%; averages stay exact (from `_sum`), as do request counts.
 */
import { noteSkip, type IngestReport } from './ingest-report.ts';
import { MAX_BYTES_PER_SECOND, MAX_LATENCY_MS, MAX_REQUESTS_PER_SECOND } from './input-bounds.ts';
import type { ServiceIndex } from './service-index.ts';
import { binIndex, LatencySketch, MIN_INDEXABLE, RELATIVE_ACCURACY } from './sketch.ts';
import { addBucket, type ControlPlaneSnapshot, type PrometheusState } from './snapshot.ts';
import { consumerKey } from './consumer-key.ts';
import { BucketAccumulator, operationCounts, type LatencyKind, type TrafficCounts } from './traffic-bucket.ts';

export type Instrument =
  | { kind: 'requests'; code: number }
  | { kind: 'latency'; latency: LatencyKind }
  | { kind: 'bandwidth'; direction: 'ingress' | 'egress' };

export interface Observation {
  /** `value` (counters), or `count`, `sum`, `le=<bound>` (histograms). */
  values: Record<string, number>;
  /** Which input's report, and the line of the observation's first sample (0: none). */
  report: IngestReport;
  line: number;
}

export interface CollectedSeries {
  instrument: Instrument;
  /** The `service` label. */
  service: string;
  /** The `route` label: the operation, when the route serves only one (operation-matcher.ts). */
  route?: string;
  /** The `consumer` label (Kong's `per_consumer` metrics), counted by key (consumer-key.ts). */
  consumer?: string;
  byTime: Map<number, Observation>;
}

export interface CountOptions {
  /**
   * An observation at or before the series' last counted one: `skip` notes it as a stale
   * sample (a scrape file older than what was ingested), `already` counts it as already
   * counted (an overlapping pull).
   */
  earlier: 'skip' | 'already';
  /**
   * The window's first scrape per target (targetOf), when the caller knows it better than
   * this run's observations do (a pull sees one chunk of time at a time); `fallback` for
   * targets it does not list. By default each target's earliest observation.
   */
  windowStarts?: { byTarget: ReadonlyMap<string, number>; fallback: number };
}

const TARGET_LABEL = /(?:^|[{,])(instance|job)="((?:[^"\\]|\\.)*)"/g;

/**
 * The scrape target a series comes from: its `instance` and `job` labels (Prometheus adds
 * them; `ingest --instance` sets `instance`). Targets are scraped at different moments, so
 * each has its own first scrape.
 */
export function targetOf(seriesKey: string): string {
  let target = '';
  for (const m of seriesKey.matchAll(TARGET_LABEL)) target += `${m[1]}=${m[2]};`;
  return target;
}

/** When the window starts, per target (see above). */
function windowStarts(snapshot: ControlPlaneSnapshot, collected: ReadonlyMap<string, CollectedSeries>): Map<string, number> {
  const starts = new Map<string, number>();
  const note = (key: string, time: number) => {
    const target = targetOf(key);
    if (time < (starts.get(target) ?? Infinity)) starts.set(target, time);
  };
  for (const [key, entry] of collected) for (const time of entry.byTime.keys()) note(key, time);
  for (const [key, state] of snapshot.prometheus) note(key, state.time);
  return starts;
}

/**
 * Counts `collected` into `snapshot` (mutated: buckets added, counter state moved on) by the
 * rules above; requests, baselines and problems are recorded in each observation's report.
 */
export function countCollected(
  snapshot: ControlPlaneSnapshot,
  collected: ReadonlyMap<string, CollectedSeries>,
  services: ServiceIndex,
  options: CountOptions,
): void {
  const starts = windowStarts(snapshot, collected);
  const buckets = new BucketAccumulator();
  for (const [key, entry] of collected) {
    const service = services.match(entry.service, entry.service)!;
    let state = snapshot.prometheus.get(key);
    const target = targetOf(key);
    const start = options.windowStarts
      ? (options.windowStarts.byTarget.get(target) ?? options.windowStarts.fallback)
      : starts.get(target)!;
    for (const time of [...entry.byTime.keys()].sort((a, b) => a - b)) {
      const observation = entry.byTime.get(time)!;
      if (state && time <= state.time) {
        if (options.earlier === 'already') observation.report.alreadyCountedSamples++;
        else {
          noteSkip(
            observation.report,
            observation.line,
            'stale-sample',
            `scraped at or before the last ingested scrape of this series (${new Date(state.time).toISOString()})`,
          );
        }
        continue;
      }
      if (!state && time <= start) {
        // The window's first scrape: only a baseline.
        observation.report.baselineSeries++;
        state = { time, values: { ...observation.values } };
        continue;
      }
      const previous = state?.values ?? {};
      const reset = Object.keys(observation.values).some((k) => observation.values[k]! < (previous[k] ?? 0));
      // After a reset only what this observation holds counts; without one, a component it
      // lacks keeps its last value.
      const values = reset || !state ? { ...observation.values } : { ...previous, ...observation.values };
      const growth: Record<string, number> = {};
      for (const [k, v] of Object.entries(values)) growth[k] = reset || !state ? v : v - (previous[k] ?? 0);
      const jump = jumpProblem(entry.instrument, growth, state ? time - state.time : time - start);
      if (jump) {
        noteSkip(observation.report, observation.line, 'counter-jump', jump);
        continue;
      }
      if (reset) observation.report.resets++;
      const bucket = buckets.bucket(service, time);
      const requests = addGrowth(bucket, entry.instrument, growth);
      const operations = services.operationsOf(service);
      if (operations) addGrowth(operationCounts(bucket, operations.byRouteOnly(entry.route, entry.route)), entry.instrument, growth);
      if (requests > 0 && entry.consumer) (bucket.consumers ??= new Set()).add(consumerKey(entry.consumer));
      observation.report.requests += requests;
      state = { time, values };
    }
    if (state) snapshot.prometheus.set(key, state);
  }
  for (const bucket of buckets.buckets()) addBucket(snapshot, bucket, true);
}

/**
 * Why a growth is more than Kong can have served in `intervalMs` (input-bounds.ts), or
 * undefined. Observations closer than a second apart are allowed a second's worth.
 */
function jumpProblem(instrument: Instrument, d: Record<string, number>, intervalMs: number): string | undefined {
  const seconds = Math.max(1, intervalMs / 1000);
  const over = (what: string, value: number, perSecond: number, unit: string) =>
    value > perSecond * seconds
      ? `${what} grew by ${value} ${unit} in ${seconds} s, more than ${perSecond} ${unit} per second; not counted`
      : undefined;
  if (instrument.kind === 'requests') return over('the counter', d.value ?? 0, MAX_REQUESTS_PER_SECOND, 'requests');
  if (instrument.kind === 'bandwidth') return over('the counter', d.value ?? 0, MAX_BYTES_PER_SECOND, 'bytes');
  for (const [component, value] of Object.entries(d)) {
    if (component === 'sum') continue;
    const problem = over(`histogram ${component}`, value, MAX_REQUESTS_PER_SECOND, 'requests');
    if (problem) return problem;
  }
  const count = Math.max(d.count ?? 0, ...Object.entries(d).filter(([k]) => k.startsWith('le=')).map(([, v]) => v));
  if ((d.sum ?? 0) > count * MAX_LATENCY_MS) {
    return `histogram sum grew by ${d.sum} ms for ${count} requests, more than a day per request; not a real histogram`;
  }
  return undefined;
}

/** Puts one growth into a bucket; returns the requests it adds. */
function addGrowth(bucket: TrafficCounts, instrument: Instrument, d: Record<string, number>): number {
  if (instrument.kind === 'requests') {
    const n = Math.round(d.value ?? 0);
    if (n > 0) bucket.status.set(instrument.code, (bucket.status.get(instrument.code) ?? 0) + n);
    return Math.max(0, n);
  }
  if (instrument.kind === 'bandwidth') {
    const bytes = Math.max(0, d.value ?? 0);
    if (instrument.direction === 'ingress') bucket.request_bytes += bytes;
    else bucket.response_bytes += bytes;
    return 0;
  }
  const sketch = histogramSketch(d);
  if (sketch) bucket[`${instrument.latency}_latency`].merge(sketch);
  return 0;
}

/** Adds `n` values spread evenly over (low, high): the k-th at low + (high − low)·k/(n+1). */
export function addSpread(sketch: LatencySketch, low: number, high: number, n: number): void {
  if (n <= 0) return;
  const width = high - low;
  if (!(width > 0)) {
    sketch.add(high, n);
    return;
  }
  const position = (k: number) => low + (width * k) / (n + 1);
  // How many of the n values are <= x.
  const upTo = (x: number) => Math.min(n, Math.max(0, Math.floor(((x - low) / width) * (n + 1) + 1e-9)));
  let placed = upTo(MIN_INDEXABLE);
  if (placed > 0) sketch.add(0, placed);
  // Walk the sketch's bins from the first value's bin to the last's; each gets the values it covers.
  const first = binIndex(Math.max(MIN_INDEXABLE, position(placed + 1)));
  const last = binIndex(position(n));
  const gamma = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  let upper = Math.pow(gamma, first);
  for (let index = first; index <= last && placed < n; index++, upper *= gamma) {
    const through = index === last ? n : upTo(upper);
    const count = through - placed;
    if (count > 0) {
      // A value inside this bin: the last of the values it covers.
      sketch.add(position(through), count);
      placed = through;
    }
  }
  if (placed < n) sketch.add(position(n), n - placed);
}

/** A histogram growth as a sketch: each bucket's requests spread over the bucket (see above). */
export function histogramSketch(d: Record<string, number>): LatencySketch | undefined {
  const bounds = Object.keys(d)
    .filter((k) => k.startsWith('le='))
    .map((k) => ({ bound: k === 'le=+Inf' ? Infinity : Number(k.slice(3)), cumulative: d[k]! }))
    .sort((a, b) => a.bound - b.bound);
  const sketch = new LatencySketch();
  let below = 0;
  let lower = 0;
  let largestFinite: number | undefined;
  for (const { bound, cumulative } of bounds) {
    const n = Math.round(cumulative - below);
    below = Math.max(below, cumulative);
    if (bound === Infinity) {
      if (n > 0 && largestFinite !== undefined) sketch.add(largestFinite, n);
      continue;
    }
    if (bound < 0) continue;
    if (n > 0) addSpread(sketch, lower, bound, n);
    largestFinite = bound;
    lower = bound;
  }
  const count = Math.round(d.count ?? 0);
  if (bounds.length === 0 && count > 0 && (d.sum ?? 0) >= 0) sketch.add((d.sum ?? 0) / count, count);
  if (sketch.isEmpty) return undefined;
  // The bounds only place requests; the exact total comes from `_sum`.
  if (d.sum !== undefined && d.sum >= 0) sketch.sum = d.sum;
  return sketch;
}

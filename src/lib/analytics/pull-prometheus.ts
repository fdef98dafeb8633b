/**
 * `atrium analytics pull` (DESIGN §7): Kong's prometheus-plugin metrics of one control plane
 * from a Prometheus-compatible query API into the snapshot `ingest` writes, by the counter
 * rules of counter-rules.ts.
 *
 * What is asked, per metric and group of services (a `service=~"…"` matcher with the
 * control plane's services only), in time chunks sized to a budget of points per answer:
 *
 * 1. `/api/v1/labels` and `/api/v1/series` over the window: which Kong metrics and services
 *    exist, and how many series each has (to size the groups and chunks).
 * 2. `last_over_time(m[1h] offset 1ms)[Nh:1h]`: for every series and hour, its last raw
 *    sample in the hour (a raw counter value, never extrapolated as `increase()` would). The
 *    growth between two hours is then exact unless the counter was reset in between.
 * 3. `(resets(m[65m] offset 1ms) > 0)[Nh:1h]`: the hours in which a series was reset (a
 *    Kong restart; the 5 extra minutes catch a reset right at the hour's start). For those
 *    hours only, the raw samples themselves, `m[65m] offset 1ms` evaluated at the hour's
 *    end, replace the hourly value, so resets are counted exactly as in a scrape file.
 *
 * The window starts, for each scrape target (`instance`, `job`), at its first scrape: the
 * first sample of one of its request counters (Kong creates them at its first request,
 * before any other series), found with `min_over_time(timestamp(…))` queries. A series seen
 * then is a baseline; one that appears later counts its first value in full. The target's
 * first hour is read as raw samples, like a reset hour, so that this holds within it too. Hours the snapshot already holds for a
 * series (an earlier, overlapping pull) are not counted again. The current, unfinished hour
 * is left for the next pull.
 *
 * Measured: 30 days of 50 services on one Kong node (2,500 series) is 50 requests; requests
 * grow with series × hours / budget (about 500 for 500 services), and memory holds one chunk
 * of hourly values at a time besides the snapshot itself, which is rolled up as it goes.
 */
import { countCollected, targetOf, type CollectedSeries } from './counter-rules.ts';
import { seriesKey } from './prometheus-text.ts';
import { emptyReport, noteSkip, type IngestReport } from './ingest-report.ts';
import { classifySample, routeAndConsumer } from './ingest-prometheus.ts';
import { ingestBounds, sampleValueProblem, timeProblem, type IngestBounds } from './input-bounds.ts';
import type { MatrixSeries, PrometheusApi } from './prometheus-api.ts';
import { PrometheusApiError, shownUrl } from './prometheus-api.ts';
import type { ServiceIndex } from './service-index.ts';
import { rollUpSnapshot, type ControlPlaneSnapshot } from './snapshot.ts';
import { HOUR_MS } from './traffic-bucket.ts';

/** Metrics pulled, grouped so that a histogram's buckets and sum arrive together. */
const FAMILIES: readonly (readonly string[])[] = [
  ['kong_http_requests_total'],
  ['kong_http_status'],
  ['kong_request_latency_ms_bucket', 'kong_request_latency_ms_sum'],
  ['kong_upstream_latency_ms_bucket', 'kong_upstream_latency_ms_sum'],
  ['kong_kong_latency_ms_bucket', 'kong_kong_latency_ms_sum'],
  ['kong_latency_bucket', 'kong_latency_sum'],
  ['kong_bandwidth_bytes'],
  ['kong_bandwidth'],
];
const ALL_NAMES = FAMILIES.flat();
/** Series whose resets are looked for (sums only grow when their buckets do). */
const COUNTERS = new Set(ALL_NAMES.filter((n) => !n.endsWith('_sum')));

export interface PullProgress {
  requests: number;
  /** Chunks done and planned, over every metric and service group. */
  done: number;
  total: number;
  requests_counted: number;
}

export interface PullOptions {
  /** Epoch ms; rounded down to the hour. */
  start: number;
  /** Epoch ms; rounded down to the hour (the unfinished hour is not pulled). */
  end: number;
  /** Points per answer the chunks are sized for (about 12 MiB of JSON). Default 500,000. */
  budget?: number;
  onProgress?: (progress: PullProgress) => void;
  bounds?: IngestBounds;
}

export interface PullResult {
  report: IngestReport;
  requests: number;
  /** Services of the control plane with Kong series in the window. */
  services: number;
  series: number;
  /** `service` label values in the API that the control plane does not have. */
  otherServices: string[];
  start: number;
  end: number;
}

/** A PromQL string literal (double-quoted, escaped) of a regex matching exactly `values`. */
function exactly(values: readonly string[]): string {
  const regex = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return JSON.stringify(regex);
}

function hours(ms: number): number {
  return Math.round(ms / HOUR_MS);
}

/** Pulls [start, end] into `snapshot` (mutated). Throws PrometheusApiError when the API refuses. */
export async function pullPrometheus(
  snapshot: ControlPlaneSnapshot,
  api: PrometheusApi,
  services: ServiceIndex,
  options: PullOptions,
): Promise<PullResult> {
  const start = Math.floor(options.start / HOUR_MS) * HOUR_MS;
  const end = Math.floor(options.end / HOUR_MS) * HOUR_MS;
  const budget = options.budget ?? 500_000;
  const bounds = options.bounds ?? ingestBounds(Date.now());
  const report = emptyReport(shownUrl(api.base), 'prometheus');
  if (end <= start) {
    throw new PrometheusApiError('the window to pull is empty: --since must lie at least one whole hour in the past');
  }

  const labels = await api.labels(start - HOUR_MS, end);
  if (!labels.includes('service')) {
    throw new PrometheusApiError(
      `no series in ${shownUrl(api.base)} has a \`service\` label in the window; Kong's prometheus plugin ` +
        'labels its metrics by service (Kong 3.x: turn on status_code_metrics, latency_metrics and bandwidth_metrics)',
    );
  }
  // Series per metric name and service, to size groups and chunks.
  const seriesCount = new Map<string, Map<string, number>>();
  const otherServices = new Set<string>();
  let series = 0;
  for (const set of await api.series(ALL_NAMES, start - HOUR_MS, end)) {
    const name = set.__name__ ?? '';
    const service = set.service ?? '';
    if (!ALL_NAMES.includes(name) || service === '') continue;
    if (!services.match(service, service)) {
      otherServices.add(service);
      continue;
    }
    let byService = seriesCount.get(name);
    if (!byService) seriesCount.set(name, (byService = new Map()));
    byService.set(service, (byService.get(service) ?? 0) + 1);
    series++;
  }

  // Plan: per family, groups of services, each in time chunks.
  const windowHours = hours(end - start);
  const plan: { names: string[]; services: string[]; chunkHours: number }[] = [];
  for (const family of FAMILIES) {
    const names = family.filter((n) => seriesCount.has(n));
    if (names.length === 0) continue;
    const perService = new Map<string, number>();
    for (const name of names) for (const [service, n] of seriesCount.get(name)!) perService.set(service, (perService.get(service) ?? 0) + n);
    let group: string[] = [];
    let groupSeries = 0;
    const flush = () => {
      if (group.length === 0) return;
      plan.push({ names, services: group, chunkHours: Math.max(1, Math.min(windowHours, Math.floor(budget / groupSeries))) });
      group = [];
      groupSeries = 0;
    };
    for (const service of [...perService.keys()].sort()) {
      const n = perService.get(service)!;
      if (group.length > 0 && ((groupSeries + n) * windowHours > budget || group.length >= 100)) flush();
      group.push(service);
      groupSeries += n;
    }
    flush();
  }
  // Each target's first scrape in the window: first the hour in which one of its request
  // counters first has a sample (Kong creates them at its first request, before any other
  // series), then, within that hour, the sample's own time.
  const firstHour = new Map<string, number>();
  const byTarget = new Map<string, number>();
  const targetKey = (labels: Record<string, string>) =>
    targetOf(seriesKey('t', { ...(labels.instance !== undefined && { instance: labels.instance }), ...(labels.job !== undefined && { job: labels.job }) }));
  const requestSteps = plan.filter((step) => step.names.every((n) => n === 'kong_http_requests_total' || n === 'kong_http_status'));
  for (const step of requestSteps) {
    const matcher = `service=~${exactly(step.services)}`;
    for (const name of step.names) {
      const first = await api.vector(
        `min by (instance, job) (min_over_time(timestamp(last_over_time(${name}{${matcher}}[1h] offset 1ms))[${windowHours + 1}h:1h]))`,
        end,
      );
      for (const { labels: target, value } of first) {
        const hour = Math.round(value * 1000);
        const key = targetKey(target);
        if (Number.isFinite(hour) && hour < (firstHour.get(key) ?? Infinity)) firstHour.set(key, hour);
      }
    }
  }
  for (const hour of new Set(firstHour.values())) {
    for (const step of requestSteps) {
      const matcher = `service=~${exactly(step.services)}`;
      for (const name of step.names) {
        const first = await api.vector(`min by (instance, job) (min_over_time(timestamp(${name}{${matcher}})[61m:1m]))`, hour - 1);
        for (const { labels: target, value } of first) {
          const key = targetKey(target);
          const time = Math.round(value * 1000);
          if (firstHour.get(key) === hour && Number.isFinite(time) && time < (byTarget.get(key) ?? Infinity)) byTarget.set(key, time);
        }
      }
    }
  }
  const windowStarts = { byTarget, fallback: start - 1 };

  const total = plan.reduce((sum, p) => sum + Math.ceil(windowHours / p.chunkHours), 0);
  let done = 0;
  const progress = () =>
    options.onProgress?.({ requests: api.requests, done, total, requests_counted: report.requests });

  for (const step of plan) {
    const matcher = `service=~${exactly(step.services)}`;
    for (let chunkStart = start; chunkStart < end; chunkStart += step.chunkHours * HOUR_MS) {
      const chunkEnd = Math.min(end, chunkStart + step.chunkHours * HOUR_MS);
      const first = chunkStart === start;
      const collected = new Map<string, CollectedSeries>();
      const span = hours(chunkEnd - chunkStart) + 1;
      for (const name of step.names) {
        const points = await api.matrix(`last_over_time(${name}{${matcher}}[1h] offset 1ms)[${span}h:1h]`, chunkEnd);
        // A point at hour H is the last sample before H: an observation just before H.
        collect(collected, points, report, bounds, (t) => (first ? t >= chunkStart : t > chunkStart) && t <= chunkEnd, (t) => t - 1);
      }
      // Hours with a reset, and each target's first hour: their raw samples instead of the
      // hourly value.
      const resetHours = new Map<number, Set<string>>();
      for (const hour of new Set(firstHour.values())) {
        if ((first ? hour >= chunkStart : hour > chunkStart) && hour <= chunkEnd) resetHours.set(hour, new Set(step.services));
      }
      for (const name of step.names) {
        if (!COUNTERS.has(name)) continue;
        const flagged = await api.matrix(`(resets(${name}{${matcher}}[65m] offset 1ms) > 0)[${span - 1}h:1h]`, chunkEnd);
        for (const s of flagged) {
          for (const [t] of s.samples) {
            if (t <= chunkStart || t > chunkEnd) continue;
            let set = resetHours.get(t);
            if (!set) resetHours.set(t, (set = new Set()));
            set.add(s.labels.service ?? '');
          }
        }
      }
      for (const [hourEnd, flaggedServices] of [...resetHours].sort((a, b) => a[0] - b[0])) {
        const raw = new Map<string, CollectedSeries>();
        const only = `service=~${exactly([...flaggedServices].sort())}`;
        for (const name of step.names) {
          const samples = await api.matrix(`${name}{${only}}[65m] offset 1ms`, hourEnd);
          collect(raw, samples, report, bounds, (t) => t >= hourEnd - HOUR_MS && t <= hourEnd - 1, (t) => t);
        }
        // Raw samples replace the hourly value (the counter rules then see every drop).
        for (const [key, entry] of raw) {
          const into = collected.get(key);
          if (into) into.byTime.delete(hourEnd - 1);
          else collected.set(key, { ...entry, byTime: new Map() });
          const target = collected.get(key)!;
          for (const [time, observation] of entry.byTime) target.byTime.set(time, observation);
        }
      }
      countCollected(snapshot, collected, services, { earlier: 'already', windowStarts });
      // Rolling up as we go keeps memory to the last 7 days' hours and a day per older day
      // (the cut-off only moves later as newer hours arrive, so nothing rolls up too early).
      rollUpSnapshot(snapshot);
      done++;
      progress();
    }
  }
  report.ingested = series;
  return { report, requests: api.requests, services: countServices(seriesCount), series, otherServices: [...otherServices].sort(), start, end };
}

function countServices(seriesCount: Map<string, Map<string, number>>): number {
  const all = new Set<string>();
  for (const byService of seriesCount.values()) for (const s of byService.keys()) all.add(s);
  return all.size;
}

/** Adds an answer's samples (kept by `keep`, timed by `at`) to `collected`. */
function collect(
  collected: Map<string, CollectedSeries>,
  answer: MatrixSeries[],
  report: IngestReport,
  bounds: IngestBounds,
  keep: (t: number) => boolean,
  at: (t: number) => number,
): void {
  for (const s of answer) {
    const { __name__: name = '', ...labels } = s.labels;
    const classified = classifySample({ name, labels, value: 0 });
    const service = labels.service;
    if (!classified || !service) continue;
    let entry = collected.get(classified.key);
    for (const [t, value] of s.samples) {
      if (!keep(t)) continue;
      const problem = sampleValueProblem(value) ?? timeProblem(t, bounds, 'sample time');
      if (problem) {
        noteSkip(report, 0, 'malformed-sample', `${name}{service="${service}"} at ${new Date(t).toISOString()}: ${problem}`);
        continue;
      }
      if (!entry) collected.set(classified.key, (entry = { instrument: classified.instrument, service, ...routeAndConsumer(labels), byTime: new Map() }));
      let observation = entry.byTime.get(at(t));
      if (!observation) entry.byTime.set(at(t), (observation = { values: {}, report, line: 0 }));
      observation.values[classified.component] = value;
    }
  }
}

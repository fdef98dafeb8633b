/**
 * A product's analytics (DESIGN §4b `report.json`, contract) computed from snapshots.
 *
 * Windows end at the newest data point of the product (the end of its newest hourly bucket),
 * not at build time, so the same snapshots always give the same report: `24h` and `7d` are
 * the 24 / 168 hours before it, `30d` the 720 hours before it. Chart series use hourly points
 * for 24h and 7d and 24-hour points (counted back from `newest`) for 30d.
 *
 * A service linked by two versions (or twice by one) is counted once in the totals above
 * it: buckets are collected into sets before they are added up.
 */
import { HOUR_MS, UNMATCHED, type TrafficBucket } from './traffic-bucket.ts';
import { MetricsAccumulator, roundTo, ERROR_RATE_DECIMALS, LATENCY_DECIMALS, type Metrics } from './metrics.ts';
import { sameService, type ServiceRef } from './service-index.ts';
import type { ControlPlaneSnapshot } from './snapshot.ts';
import { isoTime } from './snapshot-format.ts';

export type WindowName = '24h' | '7d' | '30d';

export interface WindowSpec {
  name: WindowName;
  hours: number;
  /** Hours per chart point. */
  stepHours: number;
  label: string;
}

export const WINDOWS: readonly WindowSpec[] = [
  { name: '24h', hours: 24, stepHours: 1, label: 'Last 24 hours' },
  { name: '7d', hours: 168, stepHours: 1, label: 'Last 7 days' },
  { name: '30d', hours: 720, stepHours: 24, label: 'Last 30 days' },
];

export interface ProductAnalyticsInput {
  /** Product slug (report.json `product`). */
  product: string;
  versions: {
    name: string;
    /**
     * The version's spec operations as report.json names them (`GET /flights/{id}`, in spec
     * order); traffic of any other operation, or of none, counts as UNMATCHED.
     */
    operations?: readonly string[];
    environments: {
      name: string;
      control_plane: string;
      /**
       * The decK service the version links in that control plane: its id and/or name, or the
       * `service` string of version.yaml as written (matched against ids and names).
       */
      service: ServiceRef | string;
    }[];
  }[];
}

/** Snapshots by control plane (as loadAnalyticsSnapshots returns them), or a list. */
export type SnapshotSource = ReadonlyMap<string, ControlPlaneSnapshot> | readonly ControlPlaneSnapshot[];

export interface VersionReport {
  total: Metrics;
  environments: Record<string, Metrics>;
  /** Operations that had traffic in the window, in spec order, then UNMATCHED (DESIGN §4b). */
  operations: Record<string, Metrics>;
}

export interface WindowReport {
  total: Metrics;
  versions: Record<string, VersionReport>;
}

export interface ProductReport {
  product: string;
  /** End of the newest hourly bucket, e.g. `2026-11-20T00:00:00Z`; null without data. */
  newest: string | null;
  windows: Record<WindowName, WindowReport>;
}

export interface SeriesPoint {
  /** Start of the point's interval (ISO time). */
  start: string;
  requests: number;
  /** 4xx + 5xx responses. */
  errors: number;
  response_latency_p95: number;
}

export interface WindowSeries {
  window: WindowName;
  stepHours: number;
  points: SeriesPoint[];
}

export type ProductSeries = Record<WindowName, WindowSeries>;

export interface ProductAnalytics {
  report: ProductReport;
  series: ProductSeries;
  /**
   * Whether a control plane of the product was read from Prometheus (scrapes or a pull), so
   * some latency percentiles are interpolated within histogram buckets, which the page says.
   */
  latencyFromHistograms: boolean;
  /**
   * Distinct consumers per window and version (consumer-key.ts); null where no traffic named
   * its consumer. Not in report.json: the site shows it to the internal audience only.
   */
  consumers: Record<WindowName, Record<string, number | null>>;
}

function snapshotOf(source: SnapshotSource, controlPlane: string): ControlPlaneSnapshot | undefined {
  if (source instanceof Map) return source.get(controlPlane);
  return (source as readonly ControlPlaneSnapshot[]).find((s) => s.control_plane === controlPlane);
}

function bucketsOf(source: SnapshotSource, controlPlane: string, service: ServiceRef | string): TrafficBucket[] {
  const snapshot = snapshotOf(source, controlPlane);
  if (!snapshot) return [];
  const matches =
    typeof service === 'string'
      ? (b: TrafficBucket) => b.service.id === service || b.service.name === service
      : (b: TrafficBucket) => sameService(b.service, service);
  return [...snapshot.buckets.values()].filter(matches);
}

function metricsIn(buckets: Iterable<TrafficBucket>, from: number, to: number): Metrics {
  const acc = new MetricsAccumulator();
  for (const b of buckets) if (b.hour >= from && b.hour < to) acc.add(b);
  return acc.metrics();
}

export function computeProductAnalytics(input: ProductAnalyticsInput, snapshots: SnapshotSource): ProductAnalytics {
  const total = new Set<TrafficBucket>();
  const versions = input.versions.map((version) => {
    const versionBuckets = new Set<TrafficBucket>();
    const environments = version.environments.map((env) => {
      const buckets = bucketsOf(snapshots, env.control_plane, env.service);
      for (const b of buckets) {
        versionBuckets.add(b);
        total.add(b);
      }
      return { name: env.name, buckets };
    });
    return { name: version.name, operations: new Set(version.operations ?? []), order: version.operations ?? [], buckets: versionBuckets, environments };
  });

  let newestHour = -Infinity;
  for (const b of total) if (b.hour > newestHour) newestHour = b.hour;
  const hasData = newestHour !== -Infinity;
  const newest = hasData ? newestHour + HOUR_MS : 0;

  const windows = {} as Record<WindowName, WindowReport>;
  const series = {} as ProductSeries;
  const consumers = {} as ProductAnalytics['consumers'];
  for (const spec of WINDOWS) {
    const from = newest - spec.hours * HOUR_MS;
    const window: WindowReport = { total: metricsIn(total, from, newest), versions: {} };
    for (const v of versions) {
      const environments: Record<string, Metrics> = {};
      for (const env of v.environments) environments[env.name] = metricsIn(env.buckets, from, newest);
      window.versions[v.name] = {
        total: metricsIn(v.buckets, from, newest),
        environments,
        operations: operationMetricsIn(v.buckets, v.operations, v.order, from, newest),
      };
    }
    consumers[spec.name] = Object.fromEntries(versions.map((v) => [v.name, distinctConsumers(v.buckets, from, newest)]));
    windows[spec.name] = window;
    series[spec.name] = {
      window: spec.name,
      stepHours: spec.stepHours,
      points: hasData ? seriesPoints(total, from, spec) : [],
    };
  }
  const controlPlanes = new Set(input.versions.flatMap((v) => v.environments.map((e) => e.control_plane)));
  const latencyFromHistograms = [...controlPlanes].some((cp) => (snapshotOf(snapshots, cp)?.prometheus.size ?? 0) > 0);
  return {
    report: { product: input.product, newest: hasData ? isoTime(newest) : null, windows },
    series,
    latencyFromHistograms,
    consumers,
  };
}

/**
 * Metrics per operation of the version's spec; a bucket without operations (recorded without
 * the spec) and operations of another spec sharing the service count as UNMATCHED.
 */
function operationMetricsIn(
  buckets: Iterable<TrafficBucket>,
  own: ReadonlySet<string>,
  order: readonly string[],
  from: number,
  to: number,
): Record<string, Metrics> {
  const accs = new Map<string, MetricsAccumulator>();
  const acc = (key: string) => {
    let a = accs.get(key);
    if (!a) accs.set(key, (a = new MetricsAccumulator()));
    return a;
  };
  for (const b of buckets) {
    if (b.hour < from || b.hour >= to) continue;
    if (!b.operations) {
      acc(UNMATCHED).add(b);
      continue;
    }
    for (const [key, counts] of b.operations) acc(own.has(key) ? key : UNMATCHED).add(counts);
  }
  const out: Record<string, Metrics> = {};
  for (const key of [...order, UNMATCHED]) {
    const a = accs.get(key);
    if (a && a.requestCount > 0 && !(key in out)) out[key] = a.metrics();
  }
  return out;
}

function distinctConsumers(buckets: Iterable<TrafficBucket>, from: number, to: number): number | null {
  let seen: Set<string> | undefined;
  for (const b of buckets) {
    if (b.hour < from || b.hour >= to || !b.consumers) continue;
    seen ??= new Set();
    for (const c of b.consumers) seen.add(c);
  }
  return seen ? seen.size : null;
}

function seriesPoints(buckets: Iterable<TrafficBucket>, from: number, spec: WindowSpec): SeriesPoint[] {
  const step = spec.stepHours * HOUR_MS;
  const count = spec.hours / spec.stepHours;
  const accs = Array.from({ length: count }, () => new MetricsAccumulator());
  for (const b of buckets) {
    const i = Math.floor((b.hour - from) / step);
    if (i >= 0 && i < count) accs[i]!.add(b);
  }
  return accs.map((acc, i) => ({
    start: isoTime(from + i * step),
    requests: acc.requestCount,
    errors: acc.errorCount,
    response_latency_p95: roundTo(acc.response.quantile(0.95) ?? 0, LATENCY_DECIMALS),
  }));
}

/** The report.json object (DESIGN §4b). */
export function computeProductReport(input: ProductAnalyticsInput, snapshots: SnapshotSource): ProductReport {
  return computeProductAnalytics(input, snapshots).report;
}

/** Chart data per window: requests, errors and p95 response latency per point. */
export function computeProductSeries(input: ProductAnalyticsInput, snapshots: SnapshotSource): ProductSeries {
  return computeProductAnalytics(input, snapshots).series;
}

export interface AnalyticsSummary {
  window: WindowName;
  request_count: number;
  error_rate: number;
  response_latency_p95: number;
}

/**
 * The three figures shown on a product overview (`version` omitted) or a version page.
 * Undefined when there is no traffic to show.
 */
export function summarizeReport(
  report: ProductReport,
  options: { version?: string; window?: WindowName } = {},
): AnalyticsSummary | undefined {
  const window = options.window ?? '30d';
  const w = report.windows[window];
  const m = options.version === undefined ? w.total : w.versions[options.version]?.total;
  if (!m || m.request_count === 0) return undefined;
  return {
    window,
    request_count: m.request_count,
    error_rate: roundTo(m.error_rate, ERROR_RATE_DECIMALS),
    response_latency_p95: m.response_latency_p95,
  };
}

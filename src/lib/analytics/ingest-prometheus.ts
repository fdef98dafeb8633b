/**
 * `--format prometheus`: scrapes of Kong's prometheus plugin turned into the same hourly
 * buckets as the log reader.
 *
 * Counters only ever grow, so traffic is the difference between consecutive scrapes of a
 * series; the difference is put in the hour of the later scrape (scrape at least hourly for
 * hourly resolution). A value lower than the previous one means the counter was reset (a
 * Kong restart): the new value is then the whole delta. For a histogram a reset is decided
 * for all its buckets together. The first scrape ever seen of a series is only a baseline:
 * it says how much happened since Kong started, not when. The last values are kept in the
 * snapshot, so the next ingest continues where this one stopped.
 *
 * When a scrape happened: a sample's own timestamp if it has one, else the time of the
 * nearest `# atrium-scrape-time: <ISO time|epoch ms>` line above it (one file may hold many
 * scrapes, each after such a line), else the file's modification time.
 *
 * Metrics read (Kong 3.x, and the 2.x names in brackets): `kong_http_requests_total`
 * [`kong_http_status`] by `code`; `kong_request_latency_ms`, `kong_upstream_latency_ms`,
 * `kong_kong_latency_ms` histograms [`kong_latency{type=request|upstream|kong}`];
 * `kong_bandwidth_bytes{direction}` [`kong_bandwidth{type}`]. Services are matched by the
 * `service` label (Kong writes the service name there). Other metrics are ignored.
 *
 * Bounds (input-bounds.ts): a sample dated outside them, a value that is not an exact number
 * below 2^53, or a delta growing faster than a Kong node can serve (a counter jump) is
 * skipped with its line; a skipped jump does not move the series on, so the next scrape is
 * differenced against the last good one.
 *
 * Accuracy caveat: a histogram only says how many requests fell between two bucket bounds,
 * so latencies enter the sketch at the bucket's upper bound (Kong's defaults: 1, 2, 5, 7,
 * 10 … 100, 200 … 500, 1000, 2000, 5000, 10000, 30000, 60000 ms) and requests above the
 * largest finite bound at that bound. Percentiles are therefore only as fine as the bounds,
 * not 1%. Averages stay exact (they come from `_sum`), as do request counts.
 */
import { emptyReport, noteSkip, resetCounts, type IngestReport } from './ingest-report.ts';
import { knownPrefixes } from './ingest-kong-log.ts';
import { decodedChunks, type IngestInput } from './input-stream.ts';
import {
  ingestBounds,
  MAX_BYTES_PER_SECOND,
  MAX_LATENCY_MS,
  MAX_REQUESTS_PER_SECOND,
  sampleValueProblem,
  timeProblem,
  type IngestBounds,
} from './input-bounds.ts';
import { readLines } from './line-reader.ts';
import { parsePrometheusLine, seriesKey, type PrometheusSample } from './prometheus-text.ts';
import type { ServiceIndex } from './service-index.ts';
import { LatencySketch } from './sketch.ts';
import { addBucket, type ControlPlaneSnapshot, type PrometheusState } from './snapshot.ts';
import { BucketAccumulator, type LatencyKind } from './traffic-bucket.ts';

type Instrument =
  | { kind: 'requests'; code: number }
  | { kind: 'latency'; latency: LatencyKind }
  | { kind: 'bandwidth'; direction: 'ingress' | 'egress' };

interface Classified {
  key: string;
  instrument: Instrument;
  /** `value` (counters), or `count`, `sum`, `le=<bound>` (histograms). */
  component: string;
}

const LATENCY_FAMILIES: Record<string, LatencyKind> = {
  kong_request_latency_ms: 'response',
  kong_upstream_latency_ms: 'upstream',
  kong_kong_latency_ms: 'kong',
};
const LEGACY_LATENCY_TYPES: Record<string, LatencyKind> = { request: 'response', upstream: 'upstream', kong: 'kong' };

function withoutLabel(labels: Record<string, string>, drop: string): Record<string, string> {
  const copy = { ...labels };
  delete copy[drop];
  return copy;
}

function histogramPart(name: string): { family: string; part: 'bucket' | 'sum' | 'count' } | undefined {
  for (const part of ['bucket', 'sum', 'count'] as const) {
    if (name.endsWith(`_${part}`)) return { family: name.slice(0, -(part.length + 1)), part };
  }
  return undefined;
}

/** Which Kong metric a sample belongs to, or undefined for metrics analytics does not use. */
export function classifySample(sample: PrometheusSample): Classified | undefined {
  const { name, labels } = sample;
  if (name === 'kong_http_requests_total' || name === 'kong_http_status') {
    const code = Number(labels.code);
    if (!Number.isInteger(code) || code < 100 || code > 599) return undefined;
    return { key: seriesKey(name, labels), instrument: { kind: 'requests', code }, component: 'value' };
  }
  if (name === 'kong_bandwidth_bytes' || name === 'kong_bandwidth') {
    const direction = labels.direction ?? labels.type;
    if (direction !== 'ingress' && direction !== 'egress') return undefined;
    return { key: seriesKey(name, labels), instrument: { kind: 'bandwidth', direction }, component: 'value' };
  }
  const hist = histogramPart(name);
  if (!hist) return undefined;
  const latency =
    LATENCY_FAMILIES[hist.family] ?? (hist.family === 'kong_latency' ? LEGACY_LATENCY_TYPES[labels.type ?? ''] : undefined);
  if (!latency) return undefined;
  let component: string = hist.part;
  if (hist.part === 'bucket') {
    const bound = labels.le === '+Inf' ? Infinity : Number(labels.le);
    if (labels.le === undefined || Number.isNaN(bound)) return undefined;
    component = `le=${bound === Infinity ? '+Inf' : bound}`;
  }
  return {
    key: seriesKey(hist.family, withoutLabel(labels, 'le')),
    instrument: { kind: 'latency', latency },
    component,
  };
}

interface Observation {
  values: Record<string, number>;
  /** Which input's report, and the line of the observation's first sample. */
  report: IngestReport;
  line: number;
}

interface Collected {
  instrument: Instrument;
  service: string;
  byTime: Map<number, Observation>;
}

export interface PrometheusOptions {
  /** Labels added to every sample (e.g. `instance`, to keep several Kong nodes apart). */
  extraLabels?: Record<string, string>;
  /** Times accepted (input-bounds.ts); by default from this machine's clock. */
  bounds?: IngestBounds;
}

/**
 * Reads scrapes into `snapshot` (mutated: buckets, ledger entries and counter state).
 * All inputs of one call are put in time order together, so files may come in any order.
 */
export async function ingestPrometheus(
  snapshot: ControlPlaneSnapshot,
  inputs: readonly IngestInput[],
  services: ServiceIndex,
  options: PrometheusOptions = {},
): Promise<IngestReport[]> {
  const reports: IngestReport[] = [];
  const bounds = options.bounds ?? ingestBounds(Date.now());
  const collected = new Map<string, Collected>();
  // The same bytes labelled as another Kong node are another input.
  const salt = options.extraLabels ? `${seriesKey('atrium_extra_labels', options.extraLabels)}\n` : '';

  for (const input of inputs) {
    const report = emptyReport(input.name, 'prometheus');
    reports.push(report);
    let local = new Map<string, Collected>();
    let scrapeTime: number | undefined;
    const result = await readLines(decodedChunks(input.open()), knownPrefixes(snapshot, 'prometheus'), {
      line(text, lineNumber, terminated) {
        const parsed = parsePrometheusLine(text);
        if (parsed.kind === 'other') return true;
        if (parsed.kind === 'scrape-time') {
          scrapeTime = parsed.time;
          return true;
        }
        if (parsed.kind === 'error') {
          if (!terminated) {
            noteSkip(report, lineNumber, 'incomplete-last-line', `the last line has no newline and is incomplete (${parsed.reason})`);
            return false;
          }
          noteSkip(report, lineNumber, 'malformed-sample', parsed.reason);
          return true;
        }
        const sample = parsed.sample;
        if (options.extraLabels) sample.labels = { ...sample.labels, ...options.extraLabels };
        const classified = classifySample(sample);
        if (!classified) return true;
        const service = sample.labels.service ?? '';
        if (service === '') {
          noteSkip(report, lineNumber, 'no-service', 'no `service` label');
          return true;
        }
        if (!services.match(service, service)) {
          noteSkip(report, lineNumber, 'unknown-service', `service "${service}" is not in control plane "${snapshot.control_plane}"`);
          return true;
        }
        const badValue = sampleValueProblem(sample.value);
        if (badValue) {
          noteSkip(report, lineNumber, 'malformed-sample', `counter ${badValue}`);
          return true;
        }
        const time = sample.timestamp ?? scrapeTime ?? input.mtime;
        if (time === undefined) {
          noteSkip(
            report,
            lineNumber,
            'no-scrape-time',
            'no scrape time: put a `# atrium-scrape-time: 2026-11-20T10:00:00Z` line before the scrape',
          );
          return true;
        }
        const badTime = timeProblem(time, bounds, 'scrape time');
        if (badTime) {
          noteSkip(report, lineNumber, 'time-out-of-range', badTime);
          return true;
        }
        let entry = local.get(classified.key);
        if (!entry) local.set(classified.key, (entry = { instrument: classified.instrument, service, byTime: new Map() }));
        let observation = entry.byTime.get(time);
        if (!observation) entry.byTime.set(time, (observation = { values: {}, report, line: lineNumber }));
        if (classified.component in observation.values) {
          noteSkip(
            report,
            lineNumber,
            'no-scrape-time',
            'a second value for this series at the same time; start each scrape with a ' +
              '`# atrium-scrape-time:` line',
          );
          return true;
        }
        observation.values[classified.component] = sample.value;
        report.ingested++;
        return true;
      },
      overlong(lineNumber) {
        noteSkip(report, lineNumber, 'too-long', 'line longer than 1 MiB');
      },
      alreadyIngested() {
        local = new Map();
        resetCounts(report);
      },
    }, salt);
    report.linesRead = result.linesRead;
    report.alreadyIngestedLines = result.alreadyIngested;
    if (result.lines > result.alreadyIngested && report.ingested > 0) {
      report.record = { format: 'prometheus', sha256: result.sha256, lines: [result.alreadyIngested + 1, result.lines] };
      snapshot.ingested.push(report.record);
      for (const [key, entry] of local) {
        const into = collected.get(key);
        if (!into) {
          collected.set(key, entry);
          continue;
        }
        for (const [time, observation] of entry.byTime) {
          const existing = into.byTime.get(time);
          if (existing) Object.assign(existing.values, observation.values);
          else into.byTime.set(time, observation);
        }
      }
    }
  }

  const buckets = new BucketAccumulator();
  for (const [key, entry] of collected) {
    const service = services.match(entry.service, entry.service)!;
    let state = snapshot.prometheus.get(key);
    for (const time of [...entry.byTime.keys()].sort((a, b) => a - b)) {
      const observation = entry.byTime.get(time)!;
      if (state && time <= state.time) {
        noteSkip(
          observation.report,
          observation.line,
          'stale-sample',
          `scraped at or before the last ingested scrape of this series (${new Date(state.time).toISOString()})`,
        );
        continue;
      }
      const values = state ? { ...state.values, ...observation.values } : { ...observation.values };
      if (state) {
        const growth = delta(state.values, values);
        const jump = jumpProblem(entry.instrument, growth, time - state.time);
        if (jump) {
          noteSkip(observation.report, observation.line, 'counter-jump', jump);
          continue;
        }
        const requests = addDelta(buckets.bucket(service, time), entry.instrument, growth);
        observation.report.requests += requests;
      }
      state = { time, values };
    }
    if (state) snapshot.prometheus.set(key, state);
  }
  for (const bucket of buckets.buckets()) addBucket(snapshot, bucket, true);
  return reports;
}

/** Growth since the previous scrape; after a reset (any value dropped) the new values. */
function delta(previous: PrometheusState['values'], current: PrometheusState['values']): Record<string, number> {
  const reset = Object.keys(current).some((k) => current[k]! < (previous[k] ?? 0));
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(current)) out[k] = reset ? v : v - (previous[k] ?? 0);
  return out;
}

/**
 * Why a delta is more than Kong can have served in `intervalMs` (input-bounds.ts), or
 * undefined. Scrapes closer than a second apart are allowed a second's worth.
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

/** Puts one delta into a bucket; returns the requests it adds. */
function addDelta(
  bucket: ReturnType<BucketAccumulator['bucket']>,
  instrument: Instrument,
  d: Record<string, number>,
): number {
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

/** A histogram delta as a sketch: each bucket's requests at its upper bound (see above). */
function histogramSketch(d: Record<string, number>): LatencySketch | undefined {
  const bounds = Object.keys(d)
    .filter((k) => k.startsWith('le='))
    .map((k) => ({ bound: k === 'le=+Inf' ? Infinity : Number(k.slice(3)), cumulative: d[k]! }))
    .sort((a, b) => a.bound - b.bound);
  const sketch = new LatencySketch();
  let below = 0;
  let largestFinite: number | undefined;
  for (const { bound, cumulative } of bounds) {
    const n = Math.round(cumulative - below);
    below = Math.max(below, cumulative);
    if (bound !== Infinity) largestFinite = bound;
    const at = bound === Infinity ? largestFinite : bound;
    if (n > 0 && at !== undefined && at >= 0) sketch.add(at, n);
  }
  const count = Math.round(d.count ?? 0);
  if (bounds.length === 0 && count > 0 && (d.sum ?? 0) >= 0) sketch.add((d.sum ?? 0) / count, count);
  if (sketch.isEmpty) return undefined;
  // The bounds only place requests; the exact total comes from `_sum`.
  if (d.sum !== undefined && d.sum >= 0) sketch.sum = d.sum;
  return sketch;
}

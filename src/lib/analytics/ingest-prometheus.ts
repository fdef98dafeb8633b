/**
 * `--format prometheus`: scrapes of Kong's prometheus plugin turned into the same hourly
 * buckets as the log reader.
 *
 * Counters only ever grow, so traffic is the growth between consecutive scrapes of a
 * series, put in the hour of the later scrape (scrape at least hourly for hourly
 * resolution). Resets, baselines and series that appear later follow the counter rules of
 * counter-rules.ts, which `analytics pull` shares. The last values are kept in the snapshot,
 * so the next ingest continues where this one stopped.
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
 * Latencies: histogram buckets are spread within each bucket (counter-rules.ts), so
 * percentiles are only as fine as the bucket bounds; averages and request counts are exact.
 */
import { emptyReport, noteSkip, resetCounts, type IngestReport } from './ingest-report.ts';
import { knownPrefixes } from './ingest-kong-log.ts';
import { decodedChunks, type IngestInput } from './input-stream.ts';
import { countCollected, type CollectedSeries, type Instrument } from './counter-rules.ts';
import { ingestBounds, sampleValueProblem, timeProblem, type IngestBounds } from './input-bounds.ts';
import { readLines } from './line-reader.ts';
import { parsePrometheusLine, seriesKey, type PrometheusSample } from './prometheus-text.ts';
import type { ServiceIndex } from './service-index.ts';
import type { ControlPlaneSnapshot } from './snapshot.ts';
import type { LatencyKind } from './traffic-bucket.ts';

export interface Classified {
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

/** The labels that say which operation and consumer a series counts (when Kong sets them). */
export function routeAndConsumer(labels: Record<string, string>): { route?: string; consumer?: string } {
  return { ...(labels.route ? { route: labels.route } : {}), ...(labels.consumer ? { consumer: labels.consumer } : {}) };
}

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
  const collected = new Map<string, CollectedSeries>();
  // The same bytes labelled as another Kong node are another input.
  const salt = options.extraLabels ? `${seriesKey('atrium_extra_labels', options.extraLabels)}\n` : '';

  for (const input of inputs) {
    const report = emptyReport(input.name, 'prometheus');
    reports.push(report);
    let local = new Map<string, CollectedSeries>();
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
        if (!entry) local.set(classified.key, (entry = { instrument: classified.instrument, service, ...routeAndConsumer(sample.labels), byTime: new Map() }));
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

  countCollected(snapshot, collected, services, { earlier: 'skip' });
  return reports;
}

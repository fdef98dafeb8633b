/**
 * The text form of a snapshot (`content/analytics/<control-plane>/traffic.jsonl`): JSON
 * lines, committed by users, so it is stable (the same data always gives the same bytes),
 * compact and diff-friendly (one hourly bucket per line, sorted by hour then service, so a
 * new day of traffic shows up as added lines at the end).
 *
 * ```
 * {"format_version":1,"control_plane":"prod","bucket":"1h","relative_accuracy":0.01}
 * {"ingested":{"format":"kong-log","sha256":"…","lines":[1,5000]}}
 * {"prometheus":"kong_http_requests_total{code=\"200\",service=\"s\"}","time":"…","values":{"value":12}}
 * {"hour":"2026-11-19T13:00:00Z","service":{"id":"…","name":"flights"},"status":{"200":118,"404":2},
 *  "request_bytes":1024,"response_bytes":8192,"response_latency":{SKETCH},"upstream_latency":{…},"kong_latency":{…}}
 * {"hour":"2026-11-01T00:00:00Z","hours":24,"service":{…},…}   (a day rolled up, older than 7 days)
 *  … ,"operations":{"GET /flights/{id}":{"status":{"200":90},"response_latency":{SKETCH},…},"(unmatched)":{…}},
 *  (with operations, the bucket's own sketches are left out: they are the sum of the operations')
 *  "consumers":["3f9a0c1d2e4b5a6f",…]}   (the same traffic per operation; consumer keys, consumer-key.ts)
 * SKETCH = {"count":120,"sum":5230,"min":3,"max":410,"zero":0,"bins":{"55":2,"56":1,…}}
 * ```
 * Bucket lines leave out an empty sketch. Bin keys are sketch bin indices (see sketch.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { LatencySketch } from './sketch.ts';
import { RELATIVE_ACCURACY } from './sketch.ts';
import {
  createSnapshot,
  SNAPSHOT_FORMAT_VERSION,
  type ControlPlaneSnapshot,
  type IngestRecord,
  type PrometheusState,
} from './snapshot.ts';
import { CONSUMER_KEY } from './consumer-key.ts';
import {
  bucketKey,
  createBucket,
  createCounts,
  HOUR_MS,
  isEmptyCounts,
  mergeBucketInto,
  requestCount,
  type TrafficBucket,
  type TrafficCounts,
} from './traffic-bucket.ts';
import { serviceKey, type ServiceRef } from './service-index.ts';
import { snapshotBounds, timeProblem, type IngestBounds } from './input-bounds.ts';

const SKETCH_FIELDS = ['response_latency', 'upstream_latency', 'kong_latency'] as const;

/** `2026-11-19T13:00:00Z` (seconds precision, no milliseconds when they are zero). */
export function isoTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

function compareRecords(a: IngestRecord, b: IngestRecord): number {
  return (
    a.format.localeCompare(b.format) ||
    (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0) ||
    a.lines[1] - b.lines[1] ||
    a.lines[0] - b.lines[0]
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sketchText(sketch: LatencySketch): string {
  let out = `{"count":${sketch.count},"sum":${num(sketch.sum)}`;
  out += `,"min":${num(sketch.min)},"max":${num(sketch.max)},"zero":${sketch.zero},"bins":{`;
  out += sketch
    .binEntries()
    .map(([index, n]) => `"${index}":${n}`)
    .join(',');
  return out + '}}';
}

/** Numbers as JSON writes them; -0 becomes 0 so the bytes do not depend on arithmetic order. */
function num(n: number): string {
  return Object.is(n, -0) ? '0' : JSON.stringify(n);
}

function serviceText(service: ServiceRef): string {
  const parts: string[] = [];
  if (service.id) parts.push(`"id":${JSON.stringify(service.id)}`);
  if (service.name) parts.push(`"name":${JSON.stringify(service.name)}`);
  return `{${parts.join(',')}}`;
}

function statusText(counts: TrafficCounts): string {
  const codes = [...counts.status.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  return `"status":{${codes.map(([code, n]) => `"${code}":${n}`).join(',')}}`;
}

function sketchesText(counts: TrafficCounts): string {
  let out = '';
  for (const field of SKETCH_FIELDS) {
    if (!counts[field].isEmpty) out += `,"${field}":${sketchText(counts[field])}`;
  }
  return out;
}

/** One operation's traffic: bytes only when there are any (the page shows none per operation). */
function operationText(counts: TrafficCounts): string {
  let out = `{${statusText(counts)}`;
  if (counts.request_bytes !== 0) out += `,"request_bytes":${num(counts.request_bytes)}`;
  if (counts.response_bytes !== 0) out += `,"response_bytes":${num(counts.response_bytes)}`;
  return out + sketchesText(counts) + '}';
}

function bucketText(bucket: TrafficBucket): string {
  let out = `{"hour":"${isoTime(bucket.hour)}"${bucket.hours === 24 ? ',"hours":24' : ''},"service":${serviceText(bucket.service)}`;
  out += `,${statusText(bucket)}`;
  out += `,"request_bytes":${num(bucket.request_bytes)},"response_bytes":${num(bucket.response_bytes)}`;
  const keys = bucket.operations ? [...bucket.operations.keys()].filter((k) => !isEmptyCounts(bucket.operations!.get(k)!)).sort(compareText) : [];
  // The operations' sketches add up to the bucket's exactly, so with operations the bucket's
  // own are left out and rebuilt on reading: per-operation data no longer doubles the file.
  if (keys.length === 0) out += sketchesText(bucket);
  if (bucket.operations) {
    out += `,"operations":{${keys.map((k) => `${JSON.stringify(k)}:${operationText(bucket.operations!.get(k)!)}`).join(',')}}`;
  }
  if (bucket.consumers && bucket.consumers.size > 0) {
    out += `,"consumers":[${[...bucket.consumers].sort(compareText).map((c) => `"${c}"`).join(',')}]`;
  }
  return out + '}';
}

export function serializeSnapshot(snapshot: ControlPlaneSnapshot): string {
  const lines: string[] = [
    `{"format_version":${SNAPSHOT_FORMAT_VERSION},"control_plane":${JSON.stringify(snapshot.control_plane)},` +
      `"bucket":"1h","relative_accuracy":${RELATIVE_ACCURACY}}`,
  ];
  for (const r of [...snapshot.ingested].sort(compareRecords)) {
    lines.push(
      `{"ingested":{"format":"${r.format}","sha256":"${r.sha256}","lines":[${r.lines[0]},${r.lines[1]}]}}`,
    );
  }
  for (const key of [...snapshot.prometheus.keys()].sort(compareText)) {
    const state = snapshot.prometheus.get(key)!;
    const values = Object.keys(state.values)
      .sort(compareText)
      .map((k) => `${JSON.stringify(k)}:${num(state.values[k]!)}`)
      .join(',');
    lines.push(`{"prometheus":${JSON.stringify(key)},"time":"${isoTime(state.time)}","values":{${values}}}`);
  }
  const buckets = [...snapshot.buckets.values()].sort(
    (a, b) => a.hour - b.hour || compareText(serviceKey(a.service), serviceKey(b.service)),
  );
  for (const bucket of buckets) {
    if (!isEmptyCounts(bucket)) lines.push(bucketText(bucket));
  }
  return lines.join('\n') + '\n';
}

export interface ParsedSnapshot {
  snapshot: ControlPlaneSnapshot;
  diagnostics: Diagnostic[];
}

/**
 * Reads a snapshot file. Every bad line becomes a diagnostic (file, line, what is wrong)
 * and is left out; a missing or unknown format version makes the whole file unusable.
 * Times must lie within `bounds` (input-bounds.ts: fixed 2000-2100 by default, so a build
 * does not depend on the clock; an ingest passes its own clock) and every number must be
 * finite: one bad value must not crash the report or empty every window.
 */
export function parseSnapshot(
  text: string,
  file: string,
  controlPlane: string,
  bounds: IngestBounds = snapshotBounds(),
): ParsedSnapshot {
  const snapshot = createSnapshot(controlPlane);
  const diagnostics: Diagnostic[] = [];
  const fail = (line: number, message: string): void => {
    diagnostics.push({ severity: 'error', message, file, line, column: 1, code: 'analytics-snapshot' });
  };
  const lines = text.split('\n');
  let sawHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const lineNumber = i + 1;
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      fail(lineNumber, `not valid JSON (${(error as Error).message}); each line must be one JSON object`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(lineNumber, 'each line must be a JSON object');
      continue;
    }
    const o = value as Record<string, unknown>;
    if (!sawHeader) {
      if (!('format_version' in o)) {
        fail(lineNumber, 'the first line must be the header {"format_version":1,…}');
        return { snapshot, diagnostics };
      }
      if (o.format_version !== SNAPSHOT_FORMAT_VERSION) {
        fail(
          lineNumber,
          `unsupported format_version ${JSON.stringify(o.format_version)}; this Atrium reads version ` +
            `${SNAPSHOT_FORMAT_VERSION} (upgrade Atrium, or re-ingest the logs)`,
        );
        return { snapshot, diagnostics };
      }
      if (o.control_plane !== undefined && o.control_plane !== controlPlane) {
        fail(
          lineNumber,
          `this snapshot is for control plane "${String(o.control_plane)}" but lives in the folder of ` +
            `"${controlPlane}"; move it to content/analytics/${String(o.control_plane)}/`,
        );
        return { snapshot, diagnostics };
      }
      sawHeader = true;
      continue;
    }
    const problem =
      'ingested' in o
        ? readRecord(o.ingested, snapshot)
        : 'prometheus' in o
          ? readPrometheusState(o, snapshot, bounds)
          : 'hour' in o
            ? readBucket(o, snapshot, bounds)
            : 'a line must be an "ingested", "prometheus" or bucket ("hour") entry';
    if (problem) fail(lineNumber, problem);
  }
  if (!sawHeader && text.trim() !== '') fail(1, 'the first line must be the header {"format_version":1,…}');
  return { snapshot, diagnostics };
}

function readRecord(value: unknown, snapshot: ControlPlaneSnapshot): string | undefined {
  const r = value as Partial<IngestRecord> | null;
  if (
    !r ||
    (r.format !== 'kong-log' && r.format !== 'prometheus') ||
    typeof r.sha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(r.sha256) ||
    !Array.isArray(r.lines) ||
    r.lines.length !== 2 ||
    !r.lines.every((n) => Number.isInteger(n) && n >= 0)
  ) {
    return '"ingested" must be {"format":"kong-log"|"prometheus","sha256":"<64 hex>","lines":[first,last]}';
  }
  snapshot.ingested.push({ format: r.format, sha256: r.sha256, lines: [r.lines[0]!, r.lines[1]!] });
  return undefined;
}

function readPrometheusState(o: Record<string, unknown>, snapshot: ControlPlaneSnapshot, bounds: IngestBounds): string | undefined {
  const time = typeof o.time === 'string' ? Date.parse(o.time) : NaN;
  const values = o.values;
  if (typeof o.prometheus !== 'string' || Number.isNaN(time) || typeof values !== 'object' || values === null) {
    return '"prometheus" entries must be {"prometheus":"<series>","time":"<ISO time>","values":{…}}';
  }
  const badTime = timeProblem(time, bounds, '"time"');
  if (badTime) return `${badTime}; remove the line (the series restarts from the next scrape)`;
  const state: PrometheusState = { time, values: {} };
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `Prometheus value "${k}" must be a finite number >= 0`;
    state.values[k] = v;
  }
  snapshot.prometheus.set(o.prometheus, state);
  return undefined;
}

/** Status counts, byte totals and sketches of a bucket line or of one of its operations. */
function readCounts(o: Record<string, unknown>, counts: TrafficCounts): string | undefined {
  const status = o.status ?? {};
  if (typeof status !== 'object' || status === null || Array.isArray(status)) {
    return '"status" must map HTTP status codes to request counts';
  }
  for (const [code, n] of Object.entries(status)) {
    const c = Number(code);
    if (!Number.isInteger(c) || c < 100 || c > 599) return `"${code}" is not an HTTP status code (100-599)`;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      return `the count of status ${code} must be an integer from 0 to 2^53 (beyond that counts are not exact)`;
    }
    if (n > 0) counts.status.set(c, n);
  }
  for (const field of ['request_bytes', 'response_bytes'] as const) {
    const n = o[field] ?? 0;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return `"${field}" must be a finite number >= 0`;
    counts[field] = n;
  }
  for (const field of SKETCH_FIELDS) {
    if (o[field] === undefined) continue;
    const sketch = LatencySketch.fromJSON(o[field]);
    if (typeof sketch === 'string') return `"${field}": ${sketch}`;
    counts[field] = sketch;
  }
  return undefined;
}

function readBucket(o: Record<string, unknown>, snapshot: ControlPlaneSnapshot, bounds: IngestBounds): string | undefined {
  const hour = typeof o.hour === 'string' ? Date.parse(o.hour) : NaN;
  if (Number.isNaN(hour) || hour % HOUR_MS !== 0) {
    return '"hour" must be the start of a UTC hour, e.g. "2026-11-19T13:00:00Z"';
  }
  const badTime = timeProblem(hour, bounds, '"hour"');
  if (badTime) return `${badTime}; remove the line, or re-ingest the logs`;
  // A day rolled up from its hours (snapshot.ts rollUpSnapshot).
  const hours = o.hours ?? 1;
  if (hours !== 1 && hours !== 24) return '"hours" must be 24 (a rolled-up day) or left out (an hour)';
  if (hours === 24 && hour % (24 * HOUR_MS) !== 0) return 'a bucket of "hours": 24 must start at 00:00 UTC';
  const s = o.service as Record<string, unknown> | null | undefined;
  const service: ServiceRef = {};
  if (s && typeof s === 'object') {
    if (typeof s.id === 'string' && s.id) service.id = s.id;
    if (typeof s.name === 'string' && s.name) service.name = s.name;
  }
  if (!service.id && !service.name) return '"service" must be {"id":…} and/or {"name":…}';
  const bucket = createBucket(hour, service);
  bucket.hours = hours;
  const problem = readCounts(o, bucket);
  if (problem) return problem;
  if (o.operations !== undefined) {
    if (typeof o.operations !== 'object' || o.operations === null || Array.isArray(o.operations)) {
      return '"operations" must map operation names ("GET /flights/{id}") to their traffic';
    }
    bucket.operations = new Map();
    for (const [key, value] of Object.entries(o.operations as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `operation "${key}": its traffic must be an object`;
      const counts = createCounts();
      const bad = readCounts(value as Record<string, unknown>, counts);
      if (bad) return `operation "${key}": ${bad}`;
      bucket.operations.set(key, counts);
    }
    for (const field of SKETCH_FIELDS) {
      if (o[field] !== undefined) continue;
      for (const counts of bucket.operations.values()) bucket[field].merge(counts[field]);
    }
    const sum = [...bucket.operations.values()].reduce((n, c) => n + requestCount(c), 0);
    const total = requestCount(bucket);
    if (sum !== total) return `the operations add up to ${sum} requests but the bucket has ${total}; re-ingest the logs`;
  }
  if (o.consumers !== undefined) {
    if (!Array.isArray(o.consumers) || !o.consumers.every((c) => typeof c === 'string' && CONSUMER_KEY.test(c))) {
      return '"consumers" must be a list of consumer keys (16 hex digits each)';
    }
    if (o.consumers.length > 0) bucket.consumers = new Set(o.consumers as string[]);
  }
  const key = bucketKey(bucket);
  const existing = snapshot.buckets.get(key);
  // A hand-edited or concatenated file may repeat a bucket; adding keeps the totals right.
  if (existing) mergeBucketInto(existing, bucket);
  else snapshot.buckets.set(key, bucket);
  return undefined;
}

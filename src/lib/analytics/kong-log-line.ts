/**
 * One line of Kong's JSON log serializer (file-log, http-log, tcp-log, udp-log, syslog with
 * JSON): the fields analytics needs, tolerant of what real logs contain — sizes as strings
 * (older Kong), `latencies.proxy` of -1 (nothing was proxied: a plugin answered, or the
 * upstream could not be reached), missing latencies. A line without a time or a status
 * cannot be placed and is rejected with a reason, as is a line whose latencies or sizes are
 * outside the bounds of `input-bounds.ts` (its time is checked by the ingest, which knows
 * the clock). Lines that are not HTTP requests of a current Kong are named as what they are:
 * a stream (TCP/TLS) session, or a Kong 0.x line that names an `api` instead of a service.
 */
import type { SkipKind } from './ingest-report.ts';
import { latencyProblem, sizeProblem } from './input-bounds.ts';

export interface KongLogRecord {
  /** `started_at`, epoch milliseconds. */
  startedAt: number;
  serviceId?: string;
  serviceName?: string;
  status: number;
  /** `latencies.request` in ms, when present and >= 0. */
  responseLatency?: number;
  /** `latencies.proxy` in ms; undefined when the request was not proxied (-1) or absent. */
  upstreamLatency?: number;
  /** `latencies.kong` in ms. */
  kongLatency?: number;
  requestBytes: number;
  responseBytes: number;
  /** `route.id` / `route.name`: the route Kong matched, for the operation (operation-matcher.ts). */
  routeId?: string;
  routeName?: string;
  /** `request.method`, upper case. */
  method?: string;
  /** The path of `request.uri` (what the consumer called), without the query. */
  path?: string;
  /** The path of `upstream_uri` (what Kong sent the service), without the query. */
  upstreamPath?: string;
  /** `consumer.id`, else `consumer.username`, else `consumer.custom_id`. */
  consumer?: string;
}

export type ParsedLine = { ok: true; record: KongLogRecord } | { ok: false; kind: SkipKind; reason: string };

/** A number, or a string holding one (old Kong wrote sizes as strings). */
export function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Absent (undefined, null, empty text) is not a value; anything else must be a number. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A number (or numeric text, written as JSON would), else NaN: present but not a number. */
function presentNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

type Checked = { value: number | undefined } | { problem: string };

/** A latency field: absent, `notProxied` (-1 for `latencies.proxy`), or within bounds. */
function latency(value: unknown, what: string, notProxied = false): Checked {
  if (isAbsent(value)) return { value: undefined };
  const n = presentNumber(value);
  if (notProxied && n === -1) return { value: undefined };
  const problem = latencyProblem(n, what);
  return problem ? { problem } : { value: n };
}

function size(value: unknown, what: string): Checked {
  if (isAbsent(value)) return { value: 0 };
  const n = presentNumber(value);
  const problem = sizeProblem(n, what);
  return problem ? { problem } : { value: n };
}

function field(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

export function parseKongLogLine(text: string): ParsedLine {
  if (text.trim() === '') return { ok: false, kind: 'blank', reason: 'blank line' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, kind: 'malformed-json', reason: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, kind: 'not-an-object', reason: 'not a JSON object (expected one Kong log entry per line)' };
  }
  const entry = value as Record<string, unknown>;
  const startedAt = numeric(entry.started_at);
  if (startedAt === undefined) {
    if (!isAbsent(entry.started_at)) {
      return { ok: false, kind: 'time-out-of-range', reason: '`started_at` is not a finite number of epoch milliseconds' };
    }
    return { ok: false, kind: 'missing-time', reason: 'no `started_at` (epoch milliseconds)' };
  }
  if (entry.response === undefined && typeof entry.session === 'object' && entry.session !== null) {
    return {
      ok: false,
      kind: 'stream-session',
      reason:
        'a stream (TCP/TLS) session from Kong\'s stream subsystem (`session`, no `response`), not an HTTP request; ' +
        'analytics count HTTP traffic only',
    };
  }
  const status = numeric(field(entry.response, 'status'));
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 599) {
    return { ok: false, kind: 'missing-status', reason: 'no `response.status` between 100 and 599' };
  }
  const latencies = entry.latencies;
  const request = latency(field(latencies, 'request'), '`latencies.request`');
  const proxy = latency(field(latencies, 'proxy'), '`latencies.proxy`', true);
  const kong = latency(field(latencies, 'kong'), '`latencies.kong`');
  for (const checked of [request, proxy, kong]) {
    if ('problem' in checked) return { ok: false, kind: 'bad-latency', reason: checked.problem };
  }
  const requestBytes = size(field(entry.request, 'size'), '`request.size`');
  const responseBytes = size(field(entry.response, 'size'), '`response.size`');
  for (const checked of [requestBytes, responseBytes]) {
    if ('problem' in checked) return { ok: false, kind: 'bad-size', reason: checked.problem };
  }
  const service = entry.service;
  if ((service === undefined || service === null) && typeof entry.api === 'object' && entry.api !== null) {
    return {
      ok: false,
      kind: 'legacy-api',
      reason:
        'a Kong 0.x log line: it names an `api`, which Kong replaced by services and routes in 1.0, ' +
        'so it cannot be matched to a service of the decK file',
    };
  }
  const id = field(service, 'id');
  const name = field(service, 'name');
  const record: KongLogRecord = {
    startedAt,
    status,
    requestBytes: valueOf(requestBytes) ?? 0,
    responseBytes: valueOf(responseBytes) ?? 0,
  };
  if (typeof id === 'string' && id !== '') record.serviceId = id;
  if (typeof name === 'string' && name !== '') record.serviceName = name;
  const route = entry.route;
  record.routeId = nonEmpty(field(route, 'id'));
  record.routeName = nonEmpty(field(route, 'name'));
  record.method = nonEmpty(field(entry.request, 'method'))?.toUpperCase();
  record.path = pathOf(nonEmpty(field(entry.request, 'uri')));
  record.upstreamPath = pathOf(nonEmpty(entry.upstream_uri));
  const consumer = entry.consumer;
  record.consumer = nonEmpty(field(consumer, 'id')) ?? nonEmpty(field(consumer, 'username')) ?? nonEmpty(field(consumer, 'custom_id'));
  record.responseLatency = valueOf(request);
  record.upstreamLatency = valueOf(proxy);
  record.kongLatency = valueOf(kong);
  return { ok: true, record };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `/flights/KA924?x=1` → `/flights/KA924`. */
function pathOf(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  const end = uri.search(/[?#]/);
  return end === -1 ? uri : uri.slice(0, end);
}

function valueOf(checked: Checked): number | undefined {
  return 'value' in checked ? checked.value : undefined;
}

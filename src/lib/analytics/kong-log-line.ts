/**
 * One line of Kong's JSON log serializer (file-log, http-log, tcp-log, udp-log, syslog with
 * JSON): the fields analytics needs, tolerant of what real logs contain — sizes as strings
 * (older Kong), `latencies.proxy` of -1 (nothing was proxied: a plugin answered, or the
 * upstream could not be reached), missing latencies. A line without a time or a status
 * cannot be placed and is rejected with a reason.
 */
import type { SkipKind } from './ingest-report.ts';

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

function latency(value: unknown): number | undefined {
  const n = numeric(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

function size(value: unknown): number {
  const n = numeric(value);
  return n !== undefined && n >= 0 ? n : 0;
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
  if (startedAt === undefined || startedAt < 0) {
    return { ok: false, kind: 'missing-time', reason: 'no `started_at` (epoch milliseconds)' };
  }
  const status = numeric(field(entry.response, 'status'));
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 599) {
    return { ok: false, kind: 'missing-status', reason: 'no `response.status` between 100 and 599' };
  }
  const service = entry.service;
  const id = field(service, 'id');
  const name = field(service, 'name');
  const record: KongLogRecord = {
    startedAt,
    status,
    requestBytes: size(field(entry.request, 'size')),
    responseBytes: size(field(entry.response, 'size')),
  };
  if (typeof id === 'string' && id !== '') record.serviceId = id;
  if (typeof name === 'string' && name !== '') record.serviceName = name;
  const latencies = entry.latencies;
  record.responseLatency = latency(field(latencies, 'request'));
  record.upstreamLatency = latency(field(latencies, 'proxy'));
  record.kongLatency = latency(field(latencies, 'kong'));
  return { ok: true, record };
}

/** Kong log lines for tests, built from the real Kong 3.4 docs example entry. */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const KONG_LOG_FIXTURE = path.join(here, '../../fixtures/shared/kong-log/docs-example-3.4.jsonl');
export const FIXTURE_LINE = readFileSync(KONG_LOG_FIXTURE, 'utf8').trim();
/** The service id of the docs example. */
export const FIXTURE_SERVICE_ID = '167290ee-c682-4ebf-bdea-e49a3ac5e260';

export interface LineSpec {
  startedAt: number;
  status: number;
  request?: number;
  proxy?: number;
  kong?: number;
  serviceId?: string;
  serviceName?: string;
  requestSize?: number | string;
  responseSize?: number | string;
}

/** A log line: the docs example with the given fields replaced. */
export function kongLine(spec: LineSpec): string {
  const entry = JSON.parse(FIXTURE_LINE);
  entry.started_at = spec.startedAt;
  entry.response.status = spec.status;
  entry.latencies = { request: spec.request ?? 100, kong: spec.kong ?? 2, proxy: spec.proxy ?? 90 };
  entry.service = { ...entry.service };
  if (spec.serviceId === undefined) delete entry.service.id;
  else entry.service.id = spec.serviceId;
  if (spec.serviceName !== undefined) entry.service.name = spec.serviceName;
  entry.request.size = spec.requestSize ?? 100;
  entry.response.size = spec.responseSize ?? 1000;
  return JSON.stringify(entry);
}

const created: string[] = [];

/** A fresh folder under the OS temp folder; removed by removeTempDirs (call it in afterAll). */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-analytics-'));
  created.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Exact order statistic the sketch approximates: rank ⌊q·(n−1)⌋ of the sorted values. */
export function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

/** Chunks of `size` bytes, to exercise lines split across reads. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

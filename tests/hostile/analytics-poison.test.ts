/**
 * Analytics poisoning: one hostile line in a Kong log or a Prometheus scrape must not break
 * the portal or move its figures. Each case ingests a day of real-looking traffic plus the
 * poison through the real CLI, and asserts that the poison line is skipped with its line
 * number, and that a following check and build work and report exactly what the clean
 * traffic alone gives. A snapshot holding an invalid value is refused with file:line, never
 * a crash; an interrupted ingest leaves no file behind.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticKongLogLines } from '../../src/lib/analytics/synthetic-traffic.ts';
import { REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';

const KONGAIR = path.join(REPO_ROOT, 'tests/fixtures/shared/kongair/kong.yaml');
const FLIGHTS = { control_plane: 'prod', name: 'flights-service', id: '0cef4d36-9c39-5ac2-9d9f-190d8ea8a252', requests_per_hour: 20, upstream_median_ms: 40 };
const END = Date.parse('2026-11-20T00:00:00Z');
const CLEAN = [...syntheticKongLogLines({ services: [FLIGHTS], end: END, days: 1, seed: 3 })];
const SNAPSHOT = 'analytics/prod/traffic.jsonl';

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function portal(): Promise<string> {
  const dir = await tempDir('atrium-hostile-analytics-');
  scratch.push(dir);
  const content = path.join(dir, 'content');
  const version = path.join(content, 'products', 'flights', 'versions', 'v1');
  await mkdir(path.join(content, 'control-planes'), { recursive: true });
  await mkdir(version, { recursive: true });
  await copyFile(KONGAIR, path.join(content, 'control-planes', 'prod.yaml'));
  await writeFile(
    path.join(content, 'portal.yaml'),
    'title: Poison\nanalytics:\n  public: true\nenvironments:\n  - name: production\n    control_plane: prod\n',
  );
  await writeFile(path.join(content, 'products', 'flights', 'product.yaml'), 'name: Flights\npublished: true\n');
  await writeFile(
    path.join(version, 'version.yaml'),
    'publish_status: published\ngateway_services:\n  - control_plane: prod\n    service: flights-service\n',
  );
  await writeFile(
    path.join(version, 'openapi.yaml'),
    'openapi: 3.0.3\ninfo: { title: Flights, version: "1" }\npaths:\n  /flights:\n    get:\n      operationId: getFlights\n      responses: { "200": { description: ok } }\n',
  );
  return content;
}

async function ingest(content: string, format: 'kong-log' | 'prometheus', name: string, lines: string[]) {
  const file = path.join(path.dirname(content), name);
  await writeFile(file, lines.join('\n') + '\n');
  const result = await runAtrium(['analytics', 'ingest', '--content', content, '--format', format, '--control-plane', 'prod', file]);
  return { ...result, file };
}

/** check and build both succeed; returns the product's report.json. */
async function checkAndBuild(content: string): Promise<Record<string, unknown>> {
  const check = await runAtrium(['check', '--content', content]);
  expect(check.code, check.stderr).toBe(0);
  const out = path.join(path.dirname(content), `out-${Math.random().toString(36).slice(2)}`);
  const build = await runAtrium(['build', '--content', content, '--out', out]);
  expect(build.code, build.stderr).toBe(0);
  return JSON.parse(await readFile(path.join(out, 'products/flights/analytics/report.json'), 'utf8'));
}

/** A Kong log line of the clean traffic with some fields replaced (dotted paths). */
function poisoned(changes: Record<string, unknown>): string {
  const entry = JSON.parse(CLEAN[CLEAN.length - 1]!);
  for (const [key, value] of Object.entries(changes)) {
    const parts = key.split('.');
    let at = entry;
    for (const part of parts.slice(0, -1)) at = at[part] ??= {};
    at[parts.at(-1)!] = value;
  }
  // Numbers JSON cannot hold as such (1e999) are written as text a parser reads as Infinity.
  return JSON.stringify(entry).replace(/"__raw:([^"]+)"/g, '$1');
}

let cleanReport: Record<string, unknown>;

beforeAll(async () => {
  const content = await portal();
  const result = await ingest(content, 'kong-log', 'clean.log', CLEAN);
  expect(result.code, result.stderr).toBe(0);
  cleanReport = await checkAndBuild(content);
  expect(cleanReport.newest).toBe('2026-11-20T00:00:00Z');
}, 120_000);

describe('a poisoned Kong log line is skipped with its line number and changes nothing', () => {
  const cases: [attack: string, line: string, reason: RegExp][] = [
    ['started_at past the JavaScript date range', poisoned({ started_at: 8.64e15 + 1000 }), /`started_at` .* is after/],
    ['started_at in the year 3000', poisoned({ started_at: Date.parse('3000-01-01T00:00:00Z') }), /`started_at` .*3000-01-01.* is after/],
    ['started_at in seconds, before 2000', poisoned({ started_at: Math.floor(END / 1000) }), /is before 2000-01-01.*looks like seconds/],
    ['latencies of 1e308', poisoned({ 'latencies.request': 1e308, 'latencies.proxy': 1e308 }), /`latencies.request` 1e\+308 ms is more than a day/],
    ['a latency JSON reads as Infinity', poisoned({ 'latencies.kong': '__raw:1e999' }), /`latencies.kong` is not a finite number/],
    ['a negative latency', poisoned({ 'latencies.request': -5 }), /`latencies.request` -5 is negative/],
    ['a negative request size', poisoned({ 'request.size': -1 }), /`request.size` -1 is negative/],
    ['a response size JSON reads as Infinity', poisoned({ 'response.size': '__raw:1e999' }), /`response.size` is not a finite number/],
  ];
  for (const [attack, line, reason] of cases) {
    it(attack, async () => {
      const content = await portal();
      const lines = [...CLEAN.slice(0, 100), line, ...CLEAN.slice(100)];
      const result = await ingest(content, 'kong-log', 'access.log', lines);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`skipped 1`);
      const skip = result.stdout.split('\n').find((l) => l.includes(`${result.file}:101: skipped:`));
      expect(skip, result.stdout).toMatch(reason);
      const check = await runAtrium(['check', '--content', content]);
      expect(check.code, check.stderr).toBe(0);
    }, 120_000);
  }

  it('all of them in one log: check and build work and report exactly the clean traffic', async () => {
    const content = await portal();
    const lines = [...CLEAN];
    cases.forEach(([, line], i) => lines.splice(50 * (i + 1), 0, line));
    const result = await ingest(content, 'kong-log', 'access.log', lines);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`skipped ${cases.length}`);
    for (let i = 0; i < cases.length; i++) expect(result.stdout).toContain(`${result.file}:${50 * (i + 1) + 1}: skipped:`);
    expect(await checkAndBuild(content)).toEqual(cleanReport);
  }, 120_000);
});

describe('a poisoned Prometheus sample is skipped with its line number', () => {
  const sample = (value: number | string, timestamp = '') =>
    `kong_http_requests_total{service="flights-service",route="flights-service_get-flights",code="200",source="service",consumer=""} ${value}${timestamp ? ` ${timestamp}` : ''}`;
  const scrape = (time: string, value: number | string, timestamp = '') => [`# atrium-scrape-time: ${time}`, sample(value, timestamp)];

  it('a sample dated year 5138 does not make the series stale for ever', async () => {
    const content = await portal();
    const first = await ingest(content, 'prometheus', 'scrape-1.prom', [
      ...scrape('2026-11-19T10:00:00Z', 10),
      ...scrape('2026-11-19T10:01:00Z', 0, '100000000000000'),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`${first.file}:4: skipped: scrape time 100000000000000 \\(5138-.*\\) is after`));
    // The next real scrape is still counted against the last good one.
    const next = await ingest(content, 'prometheus', 'scrape-2.prom', scrape('2026-11-19T10:02:00Z', 25));
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('15 requests');
    const report = (await checkAndBuild(content)) as { windows: { '24h': { total: { request_count: number } } } };
    expect(report.windows['24h'].total.request_count).toBe(15);
  }, 120_000);

  it('a counter jumping by 1e15 in a minute is not counted', async () => {
    const content = await portal();
    const result = await ingest(content, 'prometheus', 'scrapes.prom', [
      ...scrape('2026-11-19T10:00:00Z', 10),
      ...scrape('2026-11-19T10:01:00Z', 1e15),
      ...scrape('2026-11-19T10:02:00Z', 30),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${result.file}:4: skipped: the counter grew by 999999999999990 requests in 60 s, more than 1000000 requests per second`));
    expect(result.stdout).toContain('20 requests');
    const report = (await checkAndBuild(content)) as { windows: { '24h': { total: { request_count: number } } } };
    expect(report.windows['24h'].total.request_count).toBe(20);
  }, 120_000);

  it('a counter value beyond 2^53 is refused as inexact', async () => {
    const content = await portal();
    const result = await ingest(content, 'prometheus', 'scrapes.prom', [...scrape('2026-11-19T10:00:00Z', '1e300')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${result.file}:2: skipped: counter value 1e\\+300 is beyond 2\\^53`));
  }, 120_000);
});

describe('a snapshot with an invalid value is refused with its file and line, not a crash', () => {
  const HEADER = '{"format_version":1,"control_plane":"prod","bucket":"1h","relative_accuracy":0.01}';
  const bucket = (fields: string) => `{"hour":"2026-11-19T13:00:00Z","service":{"name":"flights-service"},"status":{"200":1}${fields}}`;
  const cases: [attack: string, line: string, message: RegExp][] = [
    ['a null latency sum', bucket(',"response_latency":{"count":1,"sum":null,"min":1,"max":1,"zero":0,"bins":{"0":1}}'), /`sum` must be a number >= 0/],
    ['byte totals JSON reads as Infinity', bucket(',"request_bytes":1e999'), /"request_bytes" must be a finite number >= 0/],
    ['a bucket in the year 3000', bucket('').replace('2026-11-19', '3000-01-01'), /"hour" .*3000-01-01.* is after 2100-01-01/],
    ['a bucket at the end of the JavaScript date range', bucket('').replace('2026-11-19T13', '+275760-09-13T00'), /"hour" .* is after 2100-01-01/],
    ['a bucket before 2000', bucket('').replace('2026-11-19', '1970-01-01'), /"hour" .* is before 2000-01-01/],
    [
      'a Prometheus state dated year 5138',
      '{"prometheus":"kong_http_requests_total{code=\\"200\\",service=\\"flights-service\\"}","time":"5138-11-16T09:46:40Z","values":{"value":1}}',
      /"time" .* is after 2100-01-01/,
    ],
  ];
  for (const [attack, line, message] of cases) {
    it(attack, async () => {
      const content = await portal();
      await mkdir(path.join(content, 'analytics/prod'), { recursive: true });
      await writeFile(path.join(content, SNAPSHOT), `${HEADER}\n${line}\n`);
      for (const command of [['check', '--content', content], ['build', '--content', content, '--out', path.join(path.dirname(content), 'out')]]) {
        const result = await runAtrium(command);
        expect(result.code, result.stderr).toBe(1);
        const error = result.stderr.split('\n').find((l) => l.includes(`${SNAPSHOT}:2:1: error:`));
        expect(error, result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/Invalid time value|\n\s+at /);
      }
      // An ingest refuses to add to it, and says what to do.
      const more = await ingest(content, 'kong-log', 'access.log', CLEAN.slice(0, 10));
      expect(more.code).toBe(1);
      expect(more.stderr).toContain(`${SNAPSHOT}:2:1: error:`);
      expect(more.stderr).toContain('is damaged; fix or remove it');
    }, 120_000);
  }

  it('a snapshot dated more than a day after the clock is refused at ingest (the series would stay stale)', async () => {
    const content = await portal();
    await mkdir(path.join(content, 'analytics/prod'), { recursive: true });
    const nextYear = new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 13) + ':00:00Z';
    await writeFile(path.join(content, SNAPSHOT), `${HEADER}\n${bucket('').replace('2026-11-19T13:00:00Z', nextYear)}\n`);
    const more = await ingest(content, 'kong-log', 'access.log', CLEAN.slice(0, 10));
    expect(more.code).toBe(1);
    expect(more.stderr).toMatch(new RegExp(`${SNAPSHOT}:2:1: error: "hour" .* is after .*a day after this machine's clock`));
  }, 120_000);
});

describe('an interrupted ingest leaves nothing behind', () => {
  it('SIGTERM while reading the input writes nothing into the content folder', async () => {
    const content = await portal();
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/atrium.js'), 'analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', '-'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    child.stdin.write(CLEAN.slice(0, 50).join('\n') + '\n');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await readdir(content)).not.toContain('analytics');
  }, 60_000);

  it('a temporary file left by a killed save (SIGKILL) is removed by the next ingest', async () => {
    const content = await portal();
    await mkdir(path.join(content, 'analytics/prod'), { recursive: true });
    // PID 2^22 + 1 is above Linux's pid_max: no process runs under it.
    const stale = path.join(content, 'analytics/prod/.traffic.jsonl.4194305.0a1b2c3d.tmp');
    await writeFile(stale, '');
    const result = await ingest(content, 'kong-log', 'access.log', CLEAN);
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(path.join(content, 'analytics/prod'))).toEqual(['traffic.jsonl']);
    expect(await checkAndBuild(content)).toEqual(cleanReport);
  }, 120_000);
});

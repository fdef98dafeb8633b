import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { bufferInput, fileInput, type IngestInput } from '../../../src/lib/analytics/input-stream.ts';
import { parseKongLogLine } from '../../../src/lib/analytics/kong-log-line.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { RELATIVE_ACCURACY } from '../../../src/lib/analytics/sketch.ts';
import { createSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { serializeSnapshot } from '../../../src/lib/analytics/snapshot-format.ts';
import { metricsOf } from '../../../src/lib/analytics/metrics.ts';
import { seededRandom } from '../../../src/lib/seeded-random.ts';
import {
  chunked,
  exactQuantile,
  FIXTURE_LINE,
  FIXTURE_SERVICE_ID,
  KONG_LOG_FIXTURE,
  kongLine,
  removeTempDirs,
  tempDir,
} from './helpers.ts';

afterAll(removeTempDirs);

const T0 = Date.parse('2026-11-19T10:00:00Z');
const FLIGHTS = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'flights-service' };
const BOOKINGS = { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'bookings-service' };
const services = () => new ServiceIndex([FLIGHTS, BOOKINGS, { id: FIXTURE_SERVICE_ID, name: 'httpbin' }]);

/** 600 lines over three hours for two services, with proxy -1 and string sizes mixed in. */
function sampleLines(seed = 7, count = 600): string[] {
  const random = seededRandom(seed);
  const statuses = [200, 200, 200, 200, 201, 204, 301, 400, 401, 404, 429, 500, 502, 503];
  return Array.from({ length: count }, (_, i) => {
    const status = statuses[Math.floor(random() * statuses.length)]!;
    const notProxied = status === 401 || status === 429;
    const proxy = notProxied ? -1 : Math.round(5 + random() * random() * 900);
    const kong = Math.round(random() * 6);
    const byName = i % 5 === 0;
    const service = i % 3 === 0 ? BOOKINGS : FLIGHTS;
    return kongLine({
      startedAt: T0 + Math.floor(random() * 3 * 3_600_000),
      status,
      proxy,
      kong,
      request: Math.max(0, proxy) + kong + Math.round(random() * 3),
      // Lines matched by name carry an id the decK file does not know (another data plane).
      serviceId: byName ? 'ffffffff-ffff-4fff-8fff-ffffffffffff' : service.id,
      serviceName: service.name,
      requestSize: i % 4 === 0 ? String(100 + i) : 100 + i,
      responseSize: i % 4 === 1 ? String(2000 + i) : 2000 + i,
    });
  });
}

interface Raw {
  service: string;
  status: number;
  request: number;
  proxy: number;
  kong: number;
  reqSize: number;
  resSize: number;
}

function rawOf(lines: string[]): Raw[] {
  return lines.map((l) => {
    const e = JSON.parse(l);
    return {
      service: e.service.name,
      status: e.response.status,
      request: e.latencies.request,
      proxy: e.latencies.proxy,
      kong: e.latencies.kong,
      reqSize: Number(e.request.size),
      resSize: Number(e.response.size),
    };
  });
}

function expectWithin1Percent(estimate: number, exact: number): void {
  expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY + 0.005 + 1e-9);
}

async function ingest(input: IngestInput) {
  const snapshot = createSnapshot('prod');
  const report = await ingestKongLog(snapshot, input, services());
  return { snapshot, report };
}

describe('parseKongLogLine', () => {
  it('reads the Kong 3.4 docs example', () => {
    const parsed = parseKongLogLine(FIXTURE_LINE);
    expect(parsed).toEqual({
      ok: true,
      record: {
        startedAt: 1614232668342,
        serviceId: FIXTURE_SERVICE_ID,
        status: 200,
        responseLatency: 515,
        upstreamLatency: 457,
        kongLatency: 58,
        requestBytes: 138,
        responseBytes: 827,
        // What names its operation (the route, method and paths) and its consumer.
        routeId: '78f79740-c410-4fd9-a998-d0a60a99dc9b',
        method: 'GET',
        path: '/log',
        upstreamPath: '/anything',
        consumer: 'ae974d6c-0f8a-4dc5-b701-fa0aa38592bd',
      },
    });
  });

  it('parses string sizes, leaves out proxy -1, and names what is missing', () => {
    const entry = JSON.parse(FIXTURE_LINE);
    entry.request.size = '512';
    entry.response.size = '2048';
    entry.latencies = { request: 12, kong: 12, proxy: -1 };
    const parsed = parseKongLogLine(JSON.stringify(entry));
    expect(parsed.ok && parsed.record).toMatchObject({ requestBytes: 512, responseBytes: 2048, responseLatency: 12 });
    expect(parsed.ok && parsed.record.upstreamLatency).toBeUndefined();

    delete entry.latencies;
    expect(parseKongLogLine(JSON.stringify(entry)).ok).toBe(true);
    delete entry.response.status;
    expect(parseKongLogLine(JSON.stringify(entry))).toMatchObject({ ok: false, kind: 'missing-status' });
    expect(parseKongLogLine('{"response":{"status":200}}')).toMatchObject({ ok: false, kind: 'missing-time' });
    expect(parseKongLogLine('[1,2]')).toMatchObject({ ok: false, kind: 'not-an-object' });
    expect(parseKongLogLine('{"started_at":')).toMatchObject({ ok: false, kind: 'malformed-json' });
    expect(parseKongLogLine('   ')).toMatchObject({ ok: false, kind: 'blank' });
  });
});

describe('ingestKongLog', () => {
  it('counts exactly what the raw lines say, per service and hour', async () => {
    const lines = sampleLines();
    const { snapshot, report } = await ingest(bufferInput('access.log', lines.join('\n') + '\n'));
    expect(report).toMatchObject({ linesRead: 600, ingested: 600, skipped: 0, alreadyIngestedLines: 0 });
    expect(report.record).toMatchObject({ format: 'kong-log', lines: [1, 600] });

    const raw = rawOf(lines);
    for (const service of [FLIGHTS, BOOKINGS]) {
      const mine = raw.filter((r) => r.service === service.name);
      const buckets = [...snapshot.buckets.values()].filter((b) => b.service.id === service.id);
      expect(buckets.map((b) => new Date(b.hour).toISOString()).sort()).toEqual([
        '2026-11-19T10:00:00.000Z',
        '2026-11-19T11:00:00.000Z',
        '2026-11-19T12:00:00.000Z',
      ]);
      const m = metricsOf(buckets);
      expect(m.request_count).toBe(mine.length);
      const errors = mine.filter((r) => r.status >= 400).length;
      expect(m.error_rate).toBe(Math.round((errors / mine.length) * 1e6) / 1e6);
      expect(m.status_code_grouped['5XX']).toBe(mine.filter((r) => r.status >= 500).length);
      expect(m.status_code_grouped['3XX']).toBe(mine.filter((r) => r.status >= 300 && r.status < 400).length);
      const byCode = new Map<number, number>();
      for (const b of buckets) for (const [code, n] of b.status) byCode.set(code, (byCode.get(code) ?? 0) + n);
      for (const code of new Set(mine.map((r) => r.status))) {
        expect(byCode.get(code)).toBe(mine.filter((r) => r.status === code).length);
      }
      expect(buckets.reduce((a, b) => a + b.request_bytes, 0)).toBe(mine.reduce((a, r) => a + r.reqSize, 0));
      expect(buckets.reduce((a, b) => a + b.response_bytes, 0)).toBe(mine.reduce((a, r) => a + r.resSize, 0));

      const proxied = mine.filter((r) => r.proxy >= 0).map((r) => r.proxy);
      expect(proxied.length).toBeLessThan(mine.length);
      expect(buckets.reduce((a, b) => a + b.upstream_latency.count, 0)).toBe(proxied.length);
      for (const q of [0.5, 0.95, 0.99] as const) {
        const key = q === 0.5 ? 'p50' : q === 0.95 ? 'p95' : 'p99';
        expectWithin1Percent(m[`response_latency_${key}`], exactQuantile(mine.map((r) => r.request), q));
        expectWithin1Percent(m[`upstream_latency_${key}`], exactQuantile(proxied, q));
        expectWithin1Percent(m[`kong_latency_${key}`], exactQuantile(mine.map((r) => r.kong), q));
      }
      const avg = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
      expect(m.response_latency_average).toBe(avg(mine.map((r) => r.request)));
      expect(m.upstream_latency_average).toBe(avg(proxied));
      expect(m.kong_latency_average).toBe(avg(mine.map((r) => r.kong)));
    }
  });

  it('skips blank, malformed and unknown-service lines and says which lines', async () => {
    const good = sampleLines(3, 5);
    const unknown = kongLine({ startedAt: T0, status: 200, serviceId: 'nope', serviceName: 'ghost' });
    const noService = JSON.stringify({ ...JSON.parse(good[0]!), service: undefined });
    const text = [good[0], '', '{"started_at": 1', good[1], unknown, '   ', noService, 'not json', good[2], good[3], good[4]].join('\n') + '\n';
    const { report } = await ingest(bufferInput('mixed.log', text));
    expect(report.linesRead).toBe(11);
    expect(report.ingested).toBe(5);
    expect(report.skipped).toBe(6);
    expect(report.skippedByKind).toEqual({ blank: 2, 'malformed-json': 2, 'unknown-service': 1, 'no-service': 1 });
    expect(report.firstSkips.map((s) => [s.line, s.kind])).toEqual([
      [2, 'blank'],
      [3, 'malformed-json'],
      [5, 'unknown-service'],
      [6, 'blank'],
      [7, 'no-service'],
      [8, 'malformed-json'],
    ]);
    expect(report.firstSkips[2]!.reason).toBe('service id "nope", name "ghost" is not in control plane "prod"');
  });

  it('reads gzip by its magic bytes whatever the file is called, and gives the same snapshot', async () => {
    const text = sampleLines(11, 300).join('\n') + '\n';
    const dir = await tempDir();
    await writeFile(path.join(dir, 'access.log.1'), gzipSync(text));
    await writeFile(path.join(dir, 'plain.log'), text);
    const zipped = await ingest(await fileInput(path.join(dir, 'access.log.1')));
    const plain = await ingest(await fileInput(path.join(dir, 'plain.log')));
    expect(zipped.report.ingested).toBe(300);
    expect(serializeSnapshot(zipped.snapshot)).toBe(serializeSnapshot(plain.snapshot));
  });

  it('gives the same result however the input is split into chunks', async () => {
    const bytes = Buffer.from(sampleLines(5, 80).join('\r\n') + '\r\n');
    const whole = await ingest(bufferInput('whole', bytes));
    for (const size of [1, 7, 333, 4096]) {
      const split = await ingest({ name: 'split', open: () => chunked(bytes, size) });
      expect(split.report.record).toEqual(whole.report.record);
      expect(serializeSnapshot(split.snapshot)).toBe(serializeSnapshot(whole.snapshot));
    }
    expect(whole.report.ingested).toBe(80);
  });

  it('counts a file once when it is ingested twice', async () => {
    const snapshot = createSnapshot('prod');
    const text = sampleLines(9, 200).join('\n') + '\n';
    const first = await ingestKongLog(snapshot, bufferInput('a.log', text), services());
    const after = serializeSnapshot(snapshot);
    const second = await ingestKongLog(snapshot, bufferInput('copy-of-a.log', text), services());
    expect(first.ingested).toBe(200);
    expect(second).toMatchObject({ alreadyIngestedLines: 200, ingested: 0, skipped: 0 });
    expect(second.record).toBeUndefined();
    expect(serializeSnapshot(snapshot)).toBe(after);
  });

  it('counts only the new lines of a log that grew since the last ingest', async () => {
    const lines = sampleLines(13, 300);
    const once = createSnapshot('prod');
    await ingestKongLog(once, bufferInput('all.log', lines.join('\n') + '\n'), services());

    const twice = createSnapshot('prod');
    await ingestKongLog(twice, bufferInput('access.log', lines.slice(0, 120).join('\n') + '\n'), services());
    const grown = await ingestKongLog(twice, bufferInput('access.log', lines.join('\n') + '\n'), services());
    expect(grown).toMatchObject({ alreadyIngestedLines: 120, ingested: 180 });
    expect(grown.record!.lines).toEqual([121, 300]);
    const counts = (s: typeof once) => metricsOf(s.buckets.values());
    expect(counts(twice)).toEqual(counts(once));
  });

  it('leaves a half-written last line for the next ingest', async () => {
    const lines = sampleLines(17, 10);
    const snapshot = createSnapshot('prod');
    const partial = lines.slice(0, 9).join('\n') + '\n' + lines[9]!.slice(0, 40);
    const first = await ingestKongLog(snapshot, bufferInput('live.log', partial), services());
    expect(first).toMatchObject({ linesRead: 10, ingested: 9 });
    expect(first.record!.lines).toEqual([1, 9]);
    expect(first.firstSkips[0]).toMatchObject({ line: 10, kind: 'incomplete-last-line' });
    const second = await ingestKongLog(snapshot, bufferInput('live.log', lines.join('\n') + '\n'), services());
    expect(second).toMatchObject({ alreadyIngestedLines: 9, ingested: 1, skipped: 0 });
    expect(metricsOf(snapshot.buckets.values()).request_count).toBe(10);
  });

  it('skips a line longer than 1 MiB without holding it, and reads on', async () => {
    const lines = sampleLines(19, 4);
    const huge = `{"pad":"${'x'.repeat(1_200_000)}"}`;
    const bytes = Buffer.from([lines[0], huge, lines[1], lines[2], lines[3]].join('\n') + '\n');
    const whole = await ingest(bufferInput('big.log', bytes));
    expect(whole.report).toMatchObject({ linesRead: 5, ingested: 4, skippedByKind: { 'too-long': 1 } });
    expect(whole.report.firstSkips[0]!.line).toBe(2);
    const split = await ingest({ name: 'big.log', open: () => chunked(bytes, 65_536) });
    expect(split.report.record).toEqual(whole.report.record);
    expect(whole.report.record!.sha256).toBe((await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'));
  });

  it('reads the real docs example file and matches its service by id', async () => {
    const snapshot = createSnapshot('prod');
    const report = await ingestKongLog(snapshot, await fileInput(KONG_LOG_FIXTURE), services());
    expect(report).toMatchObject({ linesRead: 1, ingested: 1, skipped: 0 });
    const [bucket] = [...snapshot.buckets.values()];
    expect(bucket!.service).toEqual({ id: FIXTURE_SERVICE_ID, name: 'httpbin' });
    expect(new Date(bucket!.hour).toISOString()).toBe('2021-02-25T05:00:00.000Z');
    expect(bucket!.upstream_latency.sum).toBe(457);
    const text = await readFile(KONG_LOG_FIXTURE);
    expect(report.record!.sha256).toBe((await import('node:crypto')).createHash('sha256').update(text).digest('hex'));
  });
});

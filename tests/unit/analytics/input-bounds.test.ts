/**
 * The bounds analytics input is held to (input-bounds.ts): each reader skips what is outside
 * them with the line, and a snapshot file outside them is refused line by line.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { ingestPrometheus } from '../../../src/lib/analytics/ingest-prometheus.ts';
import { ingestBounds, MAX_LATENCY_MS, snapshotBounds, timeProblem } from '../../../src/lib/analytics/input-bounds.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { parseKongLogLine } from '../../../src/lib/analytics/kong-log-line.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { createSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { removeStaleTempFiles } from '../../../src/lib/analytics/snapshot-files.ts';
import { parseSnapshot } from '../../../src/lib/analytics/snapshot-format.ts';
import { FIXTURE_SERVICE_ID, kongLine, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const NOW = Date.parse('2026-11-20T12:00:00Z');
const T = Date.parse('2026-11-20T10:00:00Z');
const line = (changes: Partial<Parameters<typeof kongLine>[0]> = {}) =>
  kongLine({ startedAt: T, status: 200, serviceId: FIXTURE_SERVICE_ID, ...changes });

describe('timeProblem', () => {
  const bounds = ingestBounds(NOW);
  it('accepts 2000-01-01 up to a day after the clock', () => {
    expect(timeProblem(Date.UTC(2000, 0, 1), bounds)).toBeUndefined();
    expect(timeProblem(NOW + 86_400_000, bounds)).toBeUndefined();
  });
  it('refuses earlier, later, and numbers outside the Date range, without throwing', () => {
    expect(timeProblem(Date.UTC(1999, 11, 31), bounds)).toMatch(/before 2000-01-01T00:00:00Z/);
    expect(timeProblem(NOW + 86_400_001, bounds)).toMatch(/after 2026-11-21T12:00:00Z \(a day after this machine's clock\)/);
    expect(timeProblem(1e20, bounds)).toMatch(/^time 100000000000000000000 is after/);
    expect(timeProblem(Number.NaN, bounds)).toMatch(/not a finite number/);
    expect(timeProblem(Date.UTC(2100, 0, 2), snapshotBounds())).toMatch(/the latest date a snapshot may hold/);
  });
});

describe('parseKongLogLine bounds', () => {
  it('refuses latencies that are negative, above a day or not finite, but keeps proxy -1 as "not proxied"', () => {
    expect(parseKongLogLine(line({ request: -1 }))).toMatchObject({ ok: false, kind: 'bad-latency' });
    expect(parseKongLogLine(line({ kong: MAX_LATENCY_MS + 1 }))).toMatchObject({ ok: false, kind: 'bad-latency' });
    expect(parseKongLogLine(line().replace('"request":100', '"request":1e999'))).toMatchObject({ ok: false, kind: 'bad-latency' });
    expect(parseKongLogLine(line({ proxy: -1 }))).toMatchObject({ ok: true, record: { upstreamLatency: undefined } });
    expect(parseKongLogLine(line({ proxy: -2 }))).toMatchObject({ ok: false, kind: 'bad-latency' });
    expect(parseKongLogLine(line({ request: MAX_LATENCY_MS }))).toMatchObject({ ok: true });
  });

  it('says a started_at JSON reads as Infinity is not a time, rather than missing', () => {
    expect(parseKongLogLine(line().replace(/"started_at":\d+/, '"started_at":1e999'))).toMatchObject({ ok: false, kind: 'time-out-of-range' });
    const { started_at: _, ...withoutTime } = JSON.parse(line());
    expect(parseKongLogLine(JSON.stringify(withoutTime))).toMatchObject({ ok: false, kind: 'missing-time' });
  });

  it('refuses sizes that are negative, not numbers or beyond 1 TiB; numeric text is still read', () => {
    expect(parseKongLogLine(line({ requestSize: -1 }))).toMatchObject({ ok: false, kind: 'bad-size' });
    expect(parseKongLogLine(line({ responseSize: 'lots' }))).toMatchObject({ ok: false, kind: 'bad-size' });
    expect(parseKongLogLine(line({ responseSize: 2 ** 41 }))).toMatchObject({ ok: false, kind: 'bad-size' });
    expect(parseKongLogLine(line({ requestSize: '512' }))).toMatchObject({ ok: true, record: { requestBytes: 512 } });
  });
});

describe('ingestKongLog bounds', () => {
  it('skips lines dated outside the bounds with their line numbers, and counts the rest', async () => {
    const snapshot = createSnapshot('prod');
    const text = [line(), line({ startedAt: Date.parse('3000-01-01T00:00:00Z') }), line({ startedAt: 8.64e15 + 1 }), line({ startedAt: T / 1000 }), line()].join('\n') + '\n';
    const services = new ServiceIndex([{ id: FIXTURE_SERVICE_ID }]);
    const report = await ingestKongLog(snapshot, bufferInput('access.log', text), services, ingestBounds(NOW));
    expect(report.ingested).toBe(2);
    expect(report.firstSkips.map((s) => [s.line, s.kind])).toEqual([
      [2, 'time-out-of-range'],
      [3, 'time-out-of-range'],
      [4, 'time-out-of-range'],
    ]);
    expect(report.firstSkips[2]!.reason).toMatch(/looks like seconds/);
    expect([...snapshot.buckets.values()].map((b) => b.hour)).toEqual([T]);
  });
});

describe('ingestPrometheus bounds', () => {
  const services = () => new ServiceIndex([{ name: 'flights-service' }]);
  const sample = (value: number | string) => `kong_http_requests_total{service="flights-service",code="200"} ${value}`;
  const scrapes = (...values: (number | string)[]) =>
    values.flatMap((value, i) => [`# atrium-scrape-time: 2026-11-20T10:0${i}:00Z`, sample(value)]).join('\n') + '\n';

  it('does not count a counter jump and continues from the last good value', async () => {
    const snapshot = createSnapshot('prod');
    const [report] = await ingestPrometheus(snapshot, [bufferInput('a.prom', scrapes(10, 1e14, 40))], services(), { bounds: ingestBounds(NOW) });
    expect(report!.requests).toBe(30);
    expect(report!.firstSkips).toEqual([{ line: 4, kind: 'counter-jump', reason: expect.stringMatching(/more than 1000000 requests per second/) }]);
  });

  it('allows a million requests per second of interval', async () => {
    const [report] = await ingestPrometheus(createSnapshot('prod'), [bufferInput('a.prom', scrapes(0, 60_000_000))], services(), { bounds: ingestBounds(NOW) });
    expect(report!.requests).toBe(60_000_000);
    expect(report!.skipped).toBe(0);
  });

  it('skips samples dated outside the bounds and values beyond 2^53', async () => {
    const text = `${sample(5)} 100000000000000\n${sample(5)} 946684799000\n# atrium-scrape-time: 2026-11-20T10:00:00Z\n${sample('1e300')}\n`;
    const [report] = await ingestPrometheus(createSnapshot('prod'), [bufferInput('a.prom', text)], services(), { bounds: ingestBounds(NOW) });
    expect(report!.firstSkips.map((s) => [s.line, s.kind])).toEqual([
      [1, 'time-out-of-range'],
      [2, 'time-out-of-range'],
      [4, 'malformed-sample'],
    ]);
  });
});

describe('parseSnapshot bounds', () => {
  const HEADER = '{"format_version":1,"control_plane":"prod","bucket":"1h","relative_accuracy":0.01}';
  const bucket = (hour: string, extra = '') => `{"hour":"${hour}","service":{"name":"s"},"status":{"200":1}${extra}}`;
  const errors = (...lines: string[]) =>
    parseSnapshot([HEADER, ...lines].join('\n') + '\n', 'analytics/prod/traffic.jsonl', 'prod').diagnostics.map((d) => [d.line, d.message]);

  it('refuses hours and scrape times outside 2000-2100, and numbers that are not finite', () => {
    expect(errors(bucket('2026-11-19T13:00:00Z'))).toEqual([]);
    expect(errors(bucket('3000-01-01T00:00:00Z'), bucket('1999-12-31T23:00:00Z'))).toEqual([
      [2, expect.stringMatching(/"hour" .* is after 2100-01-01T00:00:00Z/)],
      [3, expect.stringMatching(/"hour" .* is before 2000-01-01T00:00:00Z/)],
    ]);
    expect(errors(bucket('2026-11-19T13:00:00Z', ',"response_bytes":1e999'))).toEqual([[2, '"response_bytes" must be a finite number >= 0']]);
    expect(errors(bucket('2026-11-19T13:00:00Z', ',"kong_latency":{"count":1,"sum":null,"min":1,"max":1,"bins":{"0":1}}'))).toEqual([
      [2, '"kong_latency": `sum` must be a number >= 0'],
    ]);
    expect(errors('{"hour":"2026-11-19T13:00:00Z","service":{"name":"s"},"status":{"200":1e300}}')).toEqual([
      [2, 'the count of status 200 must be an integer from 0 to 2^53 (beyond that counts are not exact)'],
    ]);
    expect(errors('{"prometheus":"k","time":"2026-11-19T13:00:00Z","values":{"value":1e999}}')).toEqual([
      [2, 'Prometheus value "value" must be a finite number >= 0'],
    ]);
  });

  it('takes a tighter bound from the ingest clock', () => {
    const text = [HEADER, bucket('2026-11-25T00:00:00Z')].join('\n') + '\n';
    expect(parseSnapshot(text, 'f', 'prod').diagnostics).toEqual([]);
    expect(parseSnapshot(text, 'f', 'prod', ingestBounds(NOW)).diagnostics[0]!.message).toMatch(/a day after this machine's clock/);
  });
});

describe('temporary snapshot files', () => {
  it('are removed when their writer no longer runs, and kept while it does', async () => {
    const analytics = await tempDir();
    await mkdir(path.join(analytics, 'prod'));
    const dead = '.traffic.jsonl.4194305.00ff.tmp';
    const alive = `.traffic.jsonl.${process.pid}.00ff.tmp`;
    for (const name of [dead, alive, 'traffic.jsonl', 'notes.tmp']) await writeFile(path.join(analytics, 'prod', name), '');
    expect(await removeStaleTempFiles(analytics, 'prod')).toEqual([dead]);
    expect((await readdir(path.join(analytics, 'prod'))).sort()).toEqual([alive, 'notes.tmp', 'traffic.jsonl'].sort());
  });

  it('are removed when SIGTERM arrives in the middle of a save', async () => {
    const analytics = await tempDir();
    // A save whose flush never finishes, so the signal surely arrives while the temporary file exists.
    const script = `
      import { open } from 'node:fs/promises';
      const probe = await open(${JSON.stringify(path.join(analytics, 'probe'))}, 'w');
      Object.getPrototypeOf(probe).sync = () => new Promise(() => {});
      setInterval(() => {}, 1000); // a pending promise alone does not keep the process running
      await probe.close();
      const { saveSnapshotTo } = await import(${JSON.stringify(path.resolve('src/lib/analytics/snapshot-files.ts'))});
      const { createSnapshot } = await import(${JSON.stringify(path.resolve('src/lib/analytics/snapshot.ts'))});
      console.log('saving');
      await saveSnapshotTo(${JSON.stringify(analytics)}, createSnapshot('prod'));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const dir = path.join(analytics, 'prod');
    const tempExists = async () => (await readdir(dir).catch(() => [] as string[])).some((name) => name.endsWith('.tmp'));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    for (let i = 0; i < 100 && !(await tempExists()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await tempExists()).toBe(true);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    expect(await readdir(dir)).toEqual([]);
  }, 30_000);
});

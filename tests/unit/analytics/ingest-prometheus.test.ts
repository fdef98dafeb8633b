import { describe, expect, it } from 'vitest';
import { ingestPrometheus } from '../../../src/lib/analytics/ingest-prometheus.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { parsePrometheusLine, seriesKey } from '../../../src/lib/analytics/prometheus-text.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { createSnapshot, type ControlPlaneSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { serializeSnapshot } from '../../../src/lib/analytics/snapshot-format.ts';
import { metricsOf } from '../../../src/lib/analytics/metrics.ts';

const services = () => new ServiceIndex([{ id: 'f1', name: 'flights-service' }]);
const L = 'service="flights-service",route="flights-route",workspace="default"';
const BOUNDS = ['00001.0', '00010.0', '00050.0', '00100.0', '00500.0', '+Inf'];

/** One scrape of Kong 3.x's prometheus plugin. */
function scrape(time: string | null, v: { ok: number; err?: number; buckets: number[]; sum: number; ingress: number; egress: number }): string {
  const lines = [
    ...(time ? [`# atrium-scrape-time: ${time}`] : []),
    '# HELP kong_http_requests_total HTTP status codes per consumer/service/route in Kong',
    '# TYPE kong_http_requests_total counter',
    `kong_http_requests_total{${L},code="200",source="service",consumer=""} ${v.ok}`,
    ...(v.err === undefined ? [] : [`kong_http_requests_total{${L},code="500",source="service",consumer=""} ${v.err}`]),
    `kong_http_requests_total{service="not-in-deck",route="x",code="200",source="service",workspace="default",consumer=""} 7`,
    '# TYPE kong_request_latency_ms histogram',
    ...BOUNDS.map((le, i) => `kong_request_latency_ms_bucket{${L},le="${le}"} ${v.buckets[i]}`),
    `kong_request_latency_ms_count{${L}} ${v.buckets[v.buckets.length - 1]}`,
    `kong_request_latency_ms_sum{${L}} ${v.sum}`,
    `kong_bandwidth_bytes{${L},direction="ingress",consumer=""} ${v.ingress}`,
    `kong_bandwidth_bytes{${L},direction="egress",consumer=""} ${v.egress}`,
    'kong_nginx_connections_total{node_id="abc",subsystem="http",state="active"} 3',
    'kong_memory_lua_shared_dict_bytes{node_id="abc",shared_dict="kong",kong_subsystem="http"} 45056',
  ];
  return lines.join('\n') + '\n';
}

const S1 = scrape('2026-11-19T10:00:00Z', { ok: 100, err: 2, buckets: [0, 10, 60, 90, 100, 102], sum: 6000, ingress: 10_000, egress: 90_000 });
const S2 = scrape('2026-11-19T10:30:00Z', { ok: 150, err: 3, buckets: [0, 15, 90, 140, 150, 153], sum: 9100, ingress: 15_000, egress: 140_000 });
// Kong restarted before this scrape: every counter starts again from zero.
const S3 = scrape('2026-11-19T11:15:00Z', { ok: 20, buckets: [1, 5, 15, 20, 20, 20], sum: 700, ingress: 2_000, egress: 30_000 });

function hourBuckets(snapshot: ControlPlaneSnapshot, hour: string) {
  return [...snapshot.buckets.values()].filter((b) => b.hour === Date.parse(hour));
}

describe('parsePrometheusLine', () => {
  it('reads samples with escaped labels and timestamps, and the scrape-time marker', () => {
    expect(parsePrometheusLine('kong_http_requests_total{service="a\\"b",code="200"} 12 1763546400000')).toEqual({
      kind: 'sample',
      sample: { name: 'kong_http_requests_total', labels: { service: 'a"b', code: '200' }, value: 12, timestamp: 1763546400000 },
    });
    expect(parsePrometheusLine('x_bucket{le="+Inf"} +Inf')).toMatchObject({ sample: { value: Infinity } });
    expect(parsePrometheusLine('# atrium-scrape-time: 2026-11-19T10:00:00Z')).toEqual({
      kind: 'scrape-time',
      time: Date.parse('2026-11-19T10:00:00Z'),
    });
    expect(parsePrometheusLine('# atrium-scrape-time: 2026-11-19 10:00')).toMatchObject({ kind: 'error' });
    expect(parsePrometheusLine('# TYPE x counter')).toEqual({ kind: 'other' });
    expect(parsePrometheusLine('x{a="1" 2')).toMatchObject({ kind: 'error' });
    expect(parsePrometheusLine('x 1 2 3')).toMatchObject({ kind: 'error' });
    expect(seriesKey('m', { b: '2', a: 'x"y' })).toBe('m{a="x\\"y",b="2"}');
  });
});

describe('ingestPrometheus', () => {
  it('turns consecutive scrapes into hourly deltas and treats a drop as a counter reset', async () => {
    const snapshot = createSnapshot('prod');
    const [report] = await ingestPrometheus(snapshot, [bufferInput('scrapes.prom', S1 + S2 + S3)], services());

    // 10:00 is only the baseline; 10:00→10:30 lands in hour 10, the reset scrape at 11:15 in hour 11.
    const [h10] = hourBuckets(snapshot, '2026-11-19T10:00:00Z');
    expect(Object.fromEntries(h10!.status)).toEqual({ 200: 50, 500: 1 });
    expect(h10!.request_bytes).toBe(5_000);
    expect(h10!.response_bytes).toBe(50_000);
    const latency = h10!.response_latency;
    expect(latency.count).toBe(51);
    expect(latency.sum).toBe(3100); // exact, from _sum
    // Bucket deltas 5 in (1, 10], 25 in (10, 50], 20 in (50, 100], 1 above 500: spread evenly
    // within each bucket (the k-th of m at low + (high − low)·k/(m+1)), above the last bound at it.
    expect(latency.quantile(0)).toBeCloseTo(1 + 9 / 6, 6);
    // Rank 25 is the 21st of the 25 in (10, 50]; rank 48 the 19th of the 20 in (50, 100].
    expect(Math.abs(latency.quantile(0.5)! / (10 + (40 * 21) / 26) - 1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(latency.quantile(0.96)! / (50 + (50 * 19) / 21) - 1)).toBeLessThanOrEqual(0.01);
    expect(latency.quantile(1)).toBe(500);

    const [h11] = hourBuckets(snapshot, '2026-11-19T11:00:00Z');
    expect(Object.fromEntries(h11!.status)).toEqual({ 200: 20 });
    expect(h11!.response_latency.count).toBe(20);
    expect(h11!.response_latency.sum).toBe(700);
    expect(h11!.request_bytes).toBe(2_000);

    expect(report!.requests).toBe(71);
    expect(report!.skippedByKind).toEqual({ 'unknown-service': 3 });
    expect(report!.firstSkips[0]).toMatchObject({ line: 6, reason: 'service "not-in-deck" is not in control plane "prod"' });
    expect(metricsOf(snapshot.buckets.values()).error_rate).toBe(Math.round((1 / 71) * 1e6) / 1e6);
  });

  it('continues from the stored counters on the next ingest, in any file order', async () => {
    const oneGo = createSnapshot('prod');
    await ingestPrometheus(oneGo, [bufferInput('all.prom', S1 + S2 + S3)], services());

    const split = createSnapshot('prod');
    await ingestPrometheus(split, [bufferInput('2.prom', S2), bufferInput('1.prom', S1)], services());
    const [later] = await ingestPrometheus(split, [bufferInput('3.prom', S3)], services());
    expect(later!.requests).toBe(20);
    expect(serializeSnapshot(split).split('\n').filter((l) => l.includes('"hour"'))).toEqual(
      serializeSnapshot(oneGo).split('\n').filter((l) => l.includes('"hour"')),
    );

    // A scrape older than the stored state cannot be placed any more.
    const [stale] = await ingestPrometheus(
      split,
      [bufferInput('old.prom', scrape('2026-11-19T09:00:00Z', { ok: 1, buckets: [0, 0, 0, 0, 0, 0], sum: 0, ingress: 0, egress: 0 }))],
      services(),
    );
    expect(stale!.skippedByKind['stale-sample']).toBeGreaterThan(0);
    expect(stale!.requests).toBe(0);
  });

  it('counts a scrape file once when it is ingested twice', async () => {
    const snapshot = createSnapshot('prod');
    await ingestPrometheus(snapshot, [bufferInput('a.prom', S1 + S2)], services());
    const before = serializeSnapshot(snapshot);
    const [again] = await ingestPrometheus(snapshot, [bufferInput('a.prom', S1 + S2)], services());
    expect(again).toMatchObject({ alreadyIngestedLines: (S1 + S2).split('\n').length - 1, requests: 0 });
    expect(serializeSnapshot(snapshot)).toBe(before);
  });

  it('takes the scrape time from sample timestamps, else the file time, else asks for one', async () => {
    const stamped = (text: string, ms: number) =>
      text.split('\n').map((l) => (l.startsWith('kong_') ? `${l} ${ms}` : l)).join('\n');
    const t1 = Date.parse('2026-11-19T08:00:00Z');
    const withStamps = createSnapshot('prod');
    await ingestPrometheus(
      withStamps,
      [bufferInput('ts.prom', stamped(scrape(null, { ok: 1, buckets: [0, 0, 0, 0, 0, 0], sum: 0, ingress: 0, egress: 0 }), t1) +
        stamped(scrape(null, { ok: 5, buckets: [0, 4, 4, 4, 4, 4], sum: 30, ingress: 0, egress: 0 }), t1 + 1_800_000))],
      services(),
    );
    expect(hourBuckets(withStamps, '2026-11-19T08:00:00Z')[0]!.status.get(200)).toBe(4);

    const byMtime = createSnapshot('prod');
    const plain = scrape(null, { ok: 1, buckets: [0, 0, 0, 0, 0, 0], sum: 0, ingress: 0, egress: 0 });
    const plain2 = scrape(null, { ok: 3, buckets: [0, 2, 2, 2, 2, 2], sum: 8, ingress: 0, egress: 0 });
    await ingestPrometheus(byMtime, [bufferInput('a.prom', plain, t1), bufferInput('b.prom', plain2, t1 + 3_600_000)], services());
    expect(hourBuckets(byMtime, '2026-11-19T09:00:00Z')[0]!.status.get(200)).toBe(2);

    const [noTime] = await ingestPrometheus(createSnapshot('prod'), [bufferInput('-', plain)], services());
    expect(noTime!.skippedByKind['no-scrape-time']).toBeGreaterThan(0);
    expect(noTime!.firstSkips.find((s) => s.kind === 'no-scrape-time')!.reason).toMatch(/# atrium-scrape-time:/);
  });

  it('reads the Kong 2.x metric names too', async () => {
    const legacy = (time: string, ok: number, upstream: number[]) =>
      [
        `# atrium-scrape-time: ${time}`,
        `kong_http_status{service="flights-service",route="r",code="200"} ${ok}`,
        ...['00010.0', '00100.0', '+Inf'].map((le, i) => `kong_latency_bucket{type="upstream",service="flights-service",route="r",le="${le}"} ${upstream[i]}`),
        `kong_latency_count{type="upstream",service="flights-service",route="r"} ${upstream[2]}`,
        `kong_latency_sum{type="upstream",service="flights-service",route="r"} ${upstream[2]! * 20}`,
        `kong_bandwidth{type="egress",service="flights-service",route="r"} ${ok * 100}`,
      ].join('\n') + '\n';
    const snapshot = createSnapshot('prod');
    await ingestPrometheus(snapshot, [bufferInput('old.prom', legacy('2026-11-19T10:00:00Z', 10, [1, 5, 10]) + legacy('2026-11-19T10:20:00Z', 30, [3, 20, 30]))], services());
    const [h10] = hourBuckets(snapshot, '2026-11-19T10:00:00Z');
    expect(h10!.status.get(200)).toBe(20);
    expect(h10!.upstream_latency.count).toBe(20);
    expect(h10!.upstream_latency.sum).toBe(400);
    expect(h10!.response_bytes).toBe(2000);
  });

  it('keeps the scrapes of different Kong nodes apart with an instance label', async () => {
    const snapshot = createSnapshot('prod');
    await ingestPrometheus(snapshot, [bufferInput('node-a.prom', S1 + S2)], services(), { extraLabels: { instance: 'a' } });
    await ingestPrometheus(snapshot, [bufferInput('node-b.prom', S1 + S2)], services(), { extraLabels: { instance: 'b' } });
    expect(hourBuckets(snapshot, '2026-11-19T10:00:00Z')[0]!.status.get(200)).toBe(100);
  });
});

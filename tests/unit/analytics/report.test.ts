import { describe, expect, it } from 'vitest';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import {
  computeProductAnalytics,
  computeProductReport,
  summarizeReport,
  type ProductAnalyticsInput,
} from '../../../src/lib/analytics/report.ts';
import { reportToCsv, CSV_COLUMNS } from '../../../src/lib/analytics/report-csv.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { createSnapshot, type ControlPlaneSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { seededRandom } from '../../../src/lib/seeded-random.ts';
import { exactQuantile, kongLine, type LineSpec } from './helpers.ts';

const H = 3_600_000;
const NEWEST_HOUR = Date.parse('2026-11-19T23:00:00Z');
const FLIGHTS = { id: '0cef4d36-9c39-5ac2-9d9f-190d8ea8a252', name: 'flights-service' };
const BOOKINGS = { name: 'bookings-service' };

/** Requests spread over 40 days before the newest hour, for the services of two control planes. */
function traffic(seed: number, service: { id?: string; name: string }, count: number): LineSpec[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const status = [200, 200, 200, 201, 404, 500, 503, 302][Math.floor(random() * 8)]!;
    const proxy = status === 302 ? -1 : Math.round(3 + 400 * random() * random());
    return {
      // The last request of each list is in the newest hour.
      startedAt: i === count - 1 ? NEWEST_HOUR + 59 * 60_000 : NEWEST_HOUR - Math.floor(random() * 40 * 24) * H + Math.floor(random() * H),
      status,
      proxy,
      kong: Math.round(random() * 4),
      request: Math.max(0, proxy) + 5,
      serviceId: service.id ?? 'ffffffff-0000-4000-8000-00000000000b',
      serviceName: service.name,
    };
  });
}

async function snapshotOf(cp: string, specs: LineSpec[]): Promise<ControlPlaneSnapshot> {
  const snapshot = createSnapshot(cp);
  const text = specs.map(kongLine).join('\n') + '\n';
  const report = await ingestKongLog(snapshot, bufferInput(`${cp}.log`, text), new ServiceIndex([FLIGHTS, BOOKINGS]));
  expect(report.skipped).toBe(0);
  return snapshot;
}

const PROD_FLIGHTS = traffic(1, FLIGHTS, 900);
const PROD_BOOKINGS = traffic(2, BOOKINGS, 300);
const STAGING_FLIGHTS = traffic(3, FLIGHTS, 200).map((s) => ({ ...s, startedAt: s.startedAt - 2 * H }));

const INPUT: ProductAnalyticsInput = {
  product: 'flights',
  versions: [
    { name: 'v1', environments: [{ name: 'production', control_plane: 'prod', service: FLIGHTS }] },
    {
      name: 'v2',
      environments: [
        { name: 'staging', control_plane: 'staging', service: { name: 'flights-service' } },
        // v2 runs on the same production service as v1: the product total counts it once.
        { name: 'production', control_plane: 'prod', service: { id: FLIGHTS.id } },
      ],
    },
  ],
};

async function snapshots() {
  return new Map([
    ['prod', await snapshotOf('prod', [...PROD_FLIGHTS, ...PROD_BOOKINGS])],
    ['staging', await snapshotOf('staging', STAGING_FLIGHTS)],
  ]);
}

function within(specs: LineSpec[], from: number, to: number): LineSpec[] {
  return specs.filter((s) => s.startedAt >= from && s.startedAt < to);
}

describe('computeProductReport', () => {
  it('has exactly the report.json shape of DESIGN §4b', async () => {
    const report = computeProductReport(INPUT, await snapshots());
    expect(Object.keys(report)).toEqual(['product', 'newest', 'windows']);
    expect(report.product).toBe('flights');
    expect(report.newest).toBe('2026-11-20T00:00:00Z');
    expect(Object.keys(report.windows)).toEqual(['24h', '7d', '30d']);
    const w = report.windows['7d'];
    expect(Object.keys(w)).toEqual(['total', 'versions']);
    expect(Object.keys(w.versions)).toEqual(['v1', 'v2']);
    expect(Object.keys(w.versions.v2!)).toEqual(['total', 'environments', 'operations']);
    // Logs ingested without the spec's operations: all of the version's traffic is unmatched.
    expect(Object.keys(w.versions.v2!.operations)).toEqual(['(unmatched)']);
    expect(w.versions.v2!.operations['(unmatched)']).toEqual(w.versions.v2!.total);
    expect(Object.keys(w.versions.v2!.environments)).toEqual(['staging', 'production']);
    expect(Object.keys(w.total)).toEqual([
      'request_count',
      'error_rate',
      'status_code_grouped',
      'response_latency_p50',
      'response_latency_p95',
      'response_latency_p99',
      'response_latency_average',
      'upstream_latency_p50',
      'upstream_latency_p95',
      'upstream_latency_p99',
      'upstream_latency_average',
      'kong_latency_p50',
      'kong_latency_p95',
      'kong_latency_p99',
      'kong_latency_average',
    ]);
    expect(Object.keys(w.total.status_code_grouped)).toEqual(['1XX', '2XX', '3XX', '4XX', '5XX']);
    // Plain JSON data: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('counts each window exactly from the raw lines, and a shared service once in the total', async () => {
    const report = computeProductReport(INPUT, await snapshots());
    const end = NEWEST_HOUR + H;
    for (const [name, hours] of [['24h', 24], ['7d', 168], ['30d', 720]] as const) {
      const from = end - hours * H;
      const prod = within(PROD_FLIGHTS, from, end);
      const staging = within(STAGING_FLIGHTS, from, end);
      const w = report.windows[name];
      expect(w.versions.v1!.total.request_count).toBe(prod.length);
      expect(w.versions.v2!.environments.production!.request_count).toBe(prod.length);
      expect(w.versions.v2!.environments.staging!.request_count).toBe(staging.length);
      expect(w.versions.v2!.total.request_count).toBe(prod.length + staging.length);
      const all = [...prod, ...staging];
      expect(w.total.request_count).toBe(all.length); // not prod counted twice, not bookings
      const errors = all.filter((s) => s.status >= 400).length;
      expect(w.total.error_rate).toBe(Math.round((errors / all.length) * 1e6) / 1e6);
      expect(w.total.status_code_grouped['3XX']).toBe(all.filter((s) => s.status === 302).length);
      const upstream = all.filter((s) => s.proxy! >= 0).map((s) => s.proxy!);
      const exact = exactQuantile(upstream, 0.95);
      expect(Math.abs(w.total.upstream_latency_p95 - exact)).toBeLessThanOrEqual(exact * 0.01 + 0.005);
    }
    expect(report.windows['24h'].total.request_count).toBeLessThan(report.windows['7d'].total.request_count);
  });

  it('accepts the version.yaml service string, an id or a name', async () => {
    const byString = (service: string) =>
      computeProductReport(
        { product: 'p', versions: [{ name: 'v1', environments: [{ name: 'production', control_plane: 'prod', service }] }] },
        snap,
      ).windows['30d'].total.request_count;
    const snap = await snapshots();
    const expected = computeProductReport(INPUT, snap).windows['30d'].versions.v1!.total.request_count;
    expect(byString(FLIGHTS.id)).toBe(expected);
    expect(byString(FLIGHTS.name)).toBe(expected);
    expect(byString('bookings-service')).toBe(within(PROD_BOOKINGS, NEWEST_HOUR + H - 720 * H, NEWEST_HOUR + H).length);
  });

  it('gives chart series per window: hourly for 24h and 7d, daily for 30d', async () => {
    const { report, series } = computeProductAnalytics(INPUT, await snapshots());
    expect(series['24h'].points).toHaveLength(24);
    expect(series['7d'].points).toHaveLength(168);
    expect(series['30d'].points).toHaveLength(30);
    expect(series['24h'].points[0]!.start).toBe('2026-11-19T00:00:00Z');
    expect(series['30d'].points[29]!.start).toBe('2026-11-19T00:00:00Z');
    for (const name of ['24h', '7d', '30d'] as const) {
      const points = series[name].points;
      expect(points.reduce((a, p) => a + p.requests, 0)).toBe(report.windows[name].total.request_count);
      const errors = points.reduce((a, p) => a + p.errors, 0);
      const m = report.windows[name].total;
      expect(errors).toBe(m.status_code_grouped['4XX'] + m.status_code_grouped['5XX']);
    }
  });

  it('reports zeros and no newest point for a product without traffic', () => {
    const { report, series } = computeProductAnalytics(INPUT, new Map());
    expect(report.newest).toBeNull();
    expect(report.windows['30d'].versions.v2!.environments.staging!.request_count).toBe(0);
    expect(report.windows['24h'].total.response_latency_p95).toBe(0);
    expect(series['7d'].points).toEqual([]);
    expect(summarizeReport(report)).toBeUndefined();
  });

  it('summarises a product and a version', async () => {
    const report = computeProductReport(INPUT, await snapshots());
    const m = report.windows['30d'];
    expect(summarizeReport(report)).toEqual({
      window: '30d',
      request_count: m.total.request_count,
      error_rate: m.total.error_rate,
      response_latency_p95: m.total.response_latency_p95,
    });
    expect(summarizeReport(report, { version: 'v1', window: '7d' })!.request_count).toBe(
      report.windows['7d'].versions.v1!.total.request_count,
    );
    expect(summarizeReport(report, { version: 'nope' })).toBeUndefined();
  });
});

describe('reportToCsv', () => {
  it('writes one row per window and scope with the metric columns', async () => {
    const report = computeProductReport(
      { ...INPUT, versions: [...INPUT.versions, { name: 'v3, "beta"', environments: [] }] },
      await snapshots(),
    );
    const rows = reportToCsv(report).split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows[0]).toBe(
      'window,scope,version,environment,operation,request_count,error_rate,status_1XX,status_2XX,status_3XX,status_4XX,status_5XX,' +
        'response_latency_p50,response_latency_p95,response_latency_p99,response_latency_average,' +
        'upstream_latency_p50,upstream_latency_p95,upstream_latency_p99,upstream_latency_average,' +
        'kong_latency_p50,kong_latency_p95,kong_latency_p99,kong_latency_average',
    );
    // Per window: total, v1, v1/production, v2, v2/staging, v2/production, v3; then each
    // version's operations (here all "(unmatched)": the logs were ingested without a spec).
    const operationRows = rows.filter((r) => /^\w+,operation,/.test(r));
    expect(rows.length - operationRows.length).toBe(1 + 3 * 7);
    expect(operationRows).toHaveLength(
      Object.values(report.windows).reduce((n, w) => n + Object.values(w.versions).reduce((k, v) => k + Object.keys(v.operations).length, 0), 0),
    );
    expect(operationRows.length).toBeGreaterThan(0);
    expect(operationRows.every((r) => r.split(',')[4] === '(unmatched)')).toBe(true);
    const t = report.windows['7d'].total;
    const totalRow = rows.find((r) => r.startsWith('7d,total,'))!.split(',');
    expect(totalRow.slice(5, 7)).toEqual([String(t.request_count), String(t.error_rate)]);
    expect(totalRow[CSV_COLUMNS.indexOf('status_5XX')]).toBe(String(t.status_code_grouped['5XX']));
    expect(totalRow[CSV_COLUMNS.indexOf('kong_latency_average')]).toBe(String(t.kong_latency_average));
    expect(rows.find((r) => r.startsWith('24h,environment,v2,staging,'))).toBeDefined();
    expect(rows.find((r) => r.startsWith('30d,version,"v3, ""beta""",,,0,0,'))).toBeDefined();
  });
});

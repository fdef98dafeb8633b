/**
 * The counter rules of DESIGN §7 on Kong 3.x and 2.x exposition: a series that appears after
 * the first scrape counts in full, a restart's missing buckets do not bring back old counts,
 * a lone scrape is only a baseline.
 */
import { describe, expect, it } from 'vitest';
import { addSpread, targetOf } from '../../../src/lib/analytics/counter-rules.ts';
import { describeIngestReport } from '../../../src/lib/analytics/ingest.ts';
import { ingestPrometheus } from '../../../src/lib/analytics/ingest-prometheus.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { metricsOf } from '../../../src/lib/analytics/metrics.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { LatencySketch } from '../../../src/lib/analytics/sketch.ts';
import { createSnapshot, type ControlPlaneSnapshot } from '../../../src/lib/analytics/snapshot.ts';

const services = () => new ServiceIndex([{ id: 'f1', name: 'flights-service' }]);

type Dialect = '3.x' | '2.x';
/** Kong's own `le` spelling (zero-padded) of its default kong-latency bounds. */
const KONG_BOUNDS = [1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000];
const le = (bound: number) => `${String(bound).padStart(5, '0')}.0`;

interface Scrape {
  time: string;
  codes: Record<number, number>;
  /** Cumulative kong-latency bucket values by bound; bounds left out are missing from the scrape. */
  kongLatency: Record<number, number>;
  count: number;
  sum: number;
}

function exposition(dialect: Dialect, s: Scrape): string {
  const base = 'service="flights-service",route="flights-route"';
  const lines = [`# atrium-scrape-time: ${s.time}`];
  for (const [code, n] of Object.entries(s.codes)) {
    lines.push(
      dialect === '3.x'
        ? `kong_http_requests_total{${base},code="${code}",source="service",workspace="default",consumer=""} ${n}`
        : `kong_http_status{${base},code="${code}"} ${n}`,
    );
  }
  const family = dialect === '3.x' ? 'kong_kong_latency_ms' : 'kong_latency';
  const labels = dialect === '3.x' ? `${base},workspace="default"` : `type="kong",${base}`;
  for (const bound of KONG_BOUNDS) {
    if (s.kongLatency[bound] !== undefined) lines.push(`${family}_bucket{${labels},le="${le(bound)}"} ${s.kongLatency[bound]}`);
  }
  lines.push(`${family}_bucket{${labels},le="+Inf"} ${s.count}`);
  lines.push(`${family}_count{${labels}} ${s.count}`);
  lines.push(`${family}_sum{${labels}} ${s.sum}`);
  return lines.join('\n') + '\n';
}

const allBounds = (values: number[]) => Object.fromEntries(KONG_BOUNDS.map((b, i) => [b, values[i]!]));

// 10:00 is the window's first scrape; by 10:30 Kong served 270 × 200, 6 × 404 and its first
// nine 500s (the 500 series did not exist at 10:00).
const FIRST: Scrape = {
  time: '2026-11-19T10:00:00Z',
  codes: { 200: 1000, 404: 50 },
  kongLatency: allBounds([100, 300, 600, 700, 800, 900, 950, 1000, 1030, 1045, 1048, 1050, 1050, 1050, 1050]),
  count: 1050,
  sum: 12_000,
};
const SECOND: Scrape = {
  time: '2026-11-19T10:30:00Z',
  codes: { 200: 1270, 404: 56, 500: 9 },
  kongLatency: allBounds([130, 380, 740, 860, 980, 1100, 1180, 1240, 1290, 1320, 1325, 1330, 1334, 1335, 1335]),
  count: 1335,
  sum: 15_500,
};
// Kong restarted before 11:20 and has served 30 requests since; its new scrape has no buckets
// above 50 ms (they would bring back 1320…1335 from before the restart).
const AFTER_RESTART: Scrape = {
  time: '2026-11-19T11:20:00Z',
  codes: { 200: 25, 404: 2, 500: 3 },
  kongLatency: { 1: 0, 2: 0, 5: 2, 7: 4, 10: 8, 15: 12, 20: 14, 30: 24, 50: 30 },
  count: 30,
  sum: 700,
};

function hour(snapshot: ControlPlaneSnapshot, iso: string) {
  return [...snapshot.buckets.values()].filter((b) => b.hour === Date.parse(iso));
}

describe.each<Dialect>(['3.x', '2.x'])('counter rules on Kong %s exposition', (dialect) => {
  it('counts a series first seen after the first scrape in full', async () => {
    const snapshot = createSnapshot('prod');
    const [report] = await ingestPrometheus(
      snapshot,
      [bufferInput('scrapes.prom', exposition(dialect, FIRST) + exposition(dialect, SECOND))],
      services(),
    );
    const m = metricsOf(hour(snapshot, '2026-11-19T10:00:00Z'));
    expect(m.request_count).toBe(285);
    expect(m.status_code_grouped['5XX']).toBe(9);
    expect(m.status_code_grouped['4XX']).toBe(6);
    expect(m.error_rate).toBeCloseTo(0.053, 3);
    expect(report!.requests).toBe(285);

    // The same when the two scrapes are ingested one at a time.
    const split = createSnapshot('prod');
    await ingestPrometheus(split, [bufferInput('1.prom', exposition(dialect, FIRST))], services());
    await ingestPrometheus(split, [bufferInput('2.prom', exposition(dialect, SECOND))], services());
    expect(metricsOf(hour(split, '2026-11-19T10:00:00Z'))).toEqual(m);
  });

  it('after a restart counts only what the new scrape holds', async () => {
    const snapshot = createSnapshot('prod');
    const [report] = await ingestPrometheus(
      snapshot,
      [bufferInput('scrapes.prom', [FIRST, SECOND, AFTER_RESTART].map((s) => exposition(dialect, s)).join(''))],
      services(),
    );
    const [h11] = hour(snapshot, '2026-11-19T11:00:00Z');
    expect(Object.fromEntries(h11!.status)).toEqual({ 200: 25, 404: 2, 500: 3 });
    expect(h11!.kong_latency.count).toBe(30);
    expect(h11!.kong_latency.sum).toBe(700);
    // 14 requests at or below 20 ms, 10 in (20, 30]: the 15th is the first of those, 21 ms as
    // histogram_quantile interpolates (20 + 10·1/11 with the unbiased spread, within 0.5%).
    expect(metricsOf([h11!]).kong_latency_p50).toBeGreaterThanOrEqual(21 * 0.99);
    expect(metricsOf([h11!]).kong_latency_p50).toBeLessThanOrEqual(21 * 1.01);
    expect(report!.resets).toBeGreaterThan(0);
    expect(describeIngestReport(report!).join('\n')).toMatch(/counter resets \(Kong restarted\); counted from zero/);
  });

  it('says that a single scrape is only a baseline', async () => {
    const snapshot = createSnapshot('prod');
    const [report] = await ingestPrometheus(snapshot, [bufferInput('one.prom', exposition(dialect, FIRST))], services());
    expect(report!.requests).toBe(0);
    expect(snapshot.buckets.size).toBe(0);
    const text = describeIngestReport(report!).join('\n');
    expect(text).toContain('0 requests');
    expect(text).toMatch(/only a baseline: the first scrape of each of \d+ series says how much Kong served since it started/);
    expect(text).toContain('requests are counted from the next scrape on');
  });
});

describe('counter rules across scrape targets', () => {
  it('gives each Kong node its own first scrape', async () => {
    // Node b is scraped a few seconds after node a; its first scrape is still a baseline.
    const snapshot = createSnapshot('prod');
    const later = (s: Scrape, seconds: number) => ({ ...s, time: new Date(Date.parse(s.time) + seconds * 1000).toISOString() });
    await ingestPrometheus(snapshot, [bufferInput('a.prom', exposition('3.x', FIRST) + exposition('3.x', SECOND))], services(), {
      extraLabels: { instance: 'a' },
    });
    await ingestPrometheus(
      snapshot,
      [bufferInput('b.prom', exposition('3.x', later(FIRST, 7)) + exposition('3.x', later(SECOND, 7)))],
      services(),
      { extraLabels: { instance: 'b' } },
    );
    expect(metricsOf(snapshot.buckets.values()).request_count).toBe(570);
    expect(targetOf('m{instance="a:8001",job="kong",service="s"}')).toBe('instance=a:8001;job=kong;');
  });
});

describe('addSpread', () => {
  it('spreads values evenly within a bucket, as histogram_quantile interpolates, without bias', () => {
    const sketch = new LatencySketch();
    addSpread(sketch, 100, 200, 1000);
    expect(sketch.count).toBe(1000);
    for (const q of [0.1, 0.25, 0.5, 0.9]) {
      const expected = 100 + (100 * (Math.floor(q * 999) + 1)) / 1001;
      expect(Math.abs(sketch.quantile(q)! / expected - 1)).toBeLessThanOrEqual(0.01);
    }
    const fromZero = new LatencySketch();
    addSpread(fromZero, 0, 1, 4);
    // The k-th of m at k/(m+1): a lone request mid-bucket, not at its top.
    expect([0, 1 / 3, 2 / 3, 1].map((q) => fromZero.quantile(q))).toEqual([0.2, expect.closeTo(0.4, 2), expect.closeTo(0.6, 2), 0.8]);
    const lone = new LatencySketch();
    addSpread(lone, 2000, 5000, 1);
    expect(lone.quantile(0.5)).toBe(3500);
  });
});

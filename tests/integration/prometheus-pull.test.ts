/**
 * `atrium analytics pull` against a real Prometheus (Debian's), whose TSDB promtool backfilled
 * from generated Kong 3.x exposition with a restart, late series and a late service: the
 * report computed from the pulled snapshot must match the generator's ground truth, exactly
 * for counts and within the sketch's 1% for interpolated percentiles.
 */
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeProductReport, type ProductAnalyticsInput } from '../../src/lib/analytics/report.ts';
import { loadAnalyticsSnapshots } from '../../src/lib/analytics/snapshot-files.ts';
import type { Metrics } from '../../src/lib/analytics/metrics.ts';
import { filesContaining, runAtrium, tempDir } from '../helpers/cli.ts';
import {
  backfill,
  ensurePrometheus,
  spreadQuantiles,
  latencies,
  startPrometheus,
  writeKongExposition,
  type Dialect,
  type GeneratedTraffic,
  type Kind,
  type RunningPrometheus,
  type TruthHour,
} from '../helpers/kong-prometheus.ts';

const HOUR = 3_600_000;
const TOKEN = 'pull-test-token-7f3a9c1e5b';

/**
 * What one service served in [from, to): requests by code; per latency kind the hours' bucket
 * counts and the sum. Hours before the last 7 days are in the snapshot as whole UTC days,
 * which belong to a window when they start in it.
 */
function truthIn(hours: Map<number, TruthHour>, from: number, to: number, newest: number, dialect: Dialect, rawHours: Set<number>) {
  const LATENCIES = latencies(dialect);
  const DAY = 24 * HOUR;
  const cutoff = Math.floor((newest - 7 * DAY) / DAY) * DAY;
  const codes = new Map<number, number>();
  const latency = Object.fromEntries(
    (Object.keys(LATENCIES) as Kind[]).map((kind) => [kind, { hours: [] as number[][], merged: new Array(LATENCIES[kind].bounds.length + 1).fill(0) as number[], sum: 0, values: [] as number[] }]),
  ) as Record<Kind, { hours: number[][]; merged: number[]; sum: number; values: number[] }>;
  for (const [hour, h] of hours) {
    const at = hour < cutoff ? Math.floor(hour / DAY) * DAY : hour;
    if (at < from || at >= to) continue;
    for (const [code, n] of h.codes) codes.set(code, (codes.get(code) ?? 0) + n);
    for (const kind of Object.keys(latency) as Kind[]) {
      // Each node's series are spread on their own, per hour, or per scrape in the hours a
      // pull reads raw.
      if (rawHours.has(hour)) latency[kind].hours.push(...h.latency[kind].scrapes);
      else for (const buckets of h.latency[kind].byNode.values()) latency[kind].hours.push(buckets);
      h.latency[kind].buckets.forEach((n, b) => (latency[kind].merged[b]! += n));
      latency[kind].sum += h.latency[kind].sum;
      for (const v of h.latency[kind].values) latency[kind].values.push(v);
    }
  }
  return { codes, latency };
}

/** One Prometheus with `services` generated services' 30 days of Kong `dialect` exposition. */
function pullSuite(dialect: Dialect, services: number, full: boolean): void {
  let dir: string;
  let content: string;
  let prometheus: RunningPrometheus | undefined;
  let traffic: GeneratedTraffic;

  beforeAll(async () => {
    ensurePrometheus();
    dir = await tempDir('atrium-pull-');
    content = path.join(dir, 'content');
    const end = Math.floor(Date.now() / HOUR) * HOUR;
    traffic = await writeKongExposition(path.join(dir, 'kong.om'), { services, days: 30, scrapeMinutes: 30, end, dialect, nodes: full ? 2 : 1 });
    backfill(path.join(dir, 'kong.om'), path.join(dir, 'tsdb'));
    await rm(path.join(dir, 'kong.om'));
    prometheus = await startPrometheus(dir, path.join(dir, 'tsdb'));
    await mkdir(path.join(content, 'control-planes'), { recursive: true });
    // One more service in decK than in Prometheus, and one in Prometheus (svc-…) for each version.
    // Every series is of route "r"; on the first service it serves the one operation of a
    // version's spec, so a pull counts that operation (DESIGN §4b: by the route label).
    const deck = [...traffic.services, 'svc-quiet'].map(
      (name, i) =>
        `- name: ${name}\n  id: 0000000${i}-aaaa-4bbb-8ccc-000000000000\n  url: http://${name}.internal:8080\n` +
        (i === 0 ? '  routes:\n  - name: r\n    paths: [/items]\n    methods: [GET]\n    strip_path: false\n' : ''),
    );
    await writeFile(path.join(content, 'control-planes', 'prod.yaml'), `_format_version: "3.0"\nservices:\n${deck.join('')}`);
    const version = path.join(content, 'products', 'p', 'versions', 'v1');
    await mkdir(version, { recursive: true });
    await writeFile(path.join(content, 'products', 'p', 'product.yaml'), 'name: P\n');
    await writeFile(path.join(version, 'version.yaml'), `gateway_services:\n  - control_plane: prod\n    service: ${traffic.services[0]}\n`);
    await writeFile(
      path.join(version, 'openapi.yaml'),
      'openapi: 3.0.3\ninfo: { title: Items, version: "1" }\npaths:\n  /items:\n    get:\n      responses:\n        "200": { description: ok }\n',
    );
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function pull(...extra: string[]) {
    return runAtrium([
      'analytics', 'pull', '--content', content, '--control-plane', 'prod',
      '--prometheus', prometheus!.url, '--since', '31d', '--header', `Authorization: Bearer ${TOKEN}`, ...extra,
    ]);
  }


  describe(`atrium analytics pull from a real Prometheus, Kong ${dialect} metrics`, () => {
    it('counts exactly what the generator served, percentiles as interpolated from the buckets, and never shows the --header value', async () => {
      const started = Date.now();
      const result = await pull();
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/latency percentiles come from Kong's histogram buckets, interpolated within a bucket/);
      expect(result.stdout).toMatch(/counter resets \(Kong restarted\); counted from zero/);
      expect(result.stderr).toMatch(/pulling: \d+\/\d+ chunks/);
      // The --header value is never printed or stored.
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
      expect(await filesContaining(content, TOKEN)).toEqual([]);
      const requests = Number(/in (\d+) requests/.exec(result.stdout)![1]);
      expect(requests).toBeLessThan(40 + 2 * services);

      const { snapshots } = await loadAnalyticsSnapshots(content);
      const input: ProductAnalyticsInput = {
        product: 'p',
        versions: traffic.services.map((service) => ({
          name: service,
          environments: [{ name: 'production', control_plane: 'prod', service }],
        })),
      };
      const report = computeProductReport(input, snapshots);
      let newest = 0;
      for (const hours of traffic.truth.values()) for (const hour of hours.keys()) newest = Math.max(newest, hour + HOUR);
      expect(Date.parse(report.newest!)).toBe(newest);

      let worstPercentile = 0;
      let worstVsRaw = 0;
      let worstAt = '';
      let compared = 0;
      for (const [window, hoursBack] of [['24h', 24], ['7d', 168], ['30d', 720]] as const) {
        for (const service of traffic.services) {
          const m: Metrics = report.windows[window].versions[service]!.total;
          const truth = truthIn(traffic.truth.get(service)!, newest - hoursBack * HOUR, newest, newest, dialect, traffic.rawHours);
          const total = [...truth.codes.values()].reduce((a, b) => a + b, 0);
          const classes = (c: number) => [...truth.codes].filter(([code]) => Math.floor(code / 100) === c).reduce((a, [, n]) => a + n, 0);
          expect({ window, service, count: m.request_count, '2XX': m.status_code_grouped['2XX'], '4XX': m.status_code_grouped['4XX'], '5XX': m.status_code_grouped['5XX'] })
            .toEqual({ window, service, count: total, '2XX': classes(2), '4XX': classes(4), '5XX': classes(5) });
          if (total === 0) continue;
          expect(m.error_rate).toBe(Math.round(((classes(4) + classes(5)) / total) * 1e6) / 1e6);
          for (const kind of ['response', 'upstream', 'kong'] as const) {
            const { hours, merged, sum, values } = truth.latency[kind];
            const raw = Float64Array.from(values).sort();
            const count = merged.reduce((a, b) => a + b, 0);
            expect(m[`${kind}_latency_average`]).toBe(Math.round((sum / count) * 100) / 100);
            const expected = spreadQuantiles(hours, latencies(dialect)[kind].bounds, [0.5, 0.95, 0.99]);
            ([50, 95, 99] as const).forEach((q, i) => {
              const got = m[`${kind}_latency_p${q}`];
              const error = Math.abs(got - expected[i]!) / expected[i]!;
              worstPercentile = Math.max(worstPercentile, error);
              // The latencies themselves, which the buckets only bound.
              const exact = raw[Math.floor((q / 100) * (raw.length - 1))]!;
              const vsRaw = Math.abs(got - exact) / Math.max(exact, 1);
              if (vsRaw > worstVsRaw) worstAt = `${window} ${service} ${kind} p${q}: ${got} vs ${exact}`;
              worstVsRaw = Math.max(worstVsRaw, vsRaw);
              compared++;
              // The sketch's 1%, and the report's rounding to 0.01 ms.
              expect(error, `${window} ${service} ${kind} p${q}: ${got} vs ${expected[i]}`).toBeLessThanOrEqual(0.01 + 0.006 / expected[i]!);
            });
          }
        }
      }
      expect(compared).toBeGreaterThanOrEqual(27 * (services - 1));
      // Per operation: route "r" of the first service serves only GET /items, so all its traffic is that operation's.
      const first = traffic.services[0]!;
      const byOperation = computeProductReport(
        { product: 'p', versions: [{ name: first, operations: ['GET /items'], environments: [{ name: 'production', control_plane: 'prod', service: first }] }] },
        snapshots,
      );
      for (const window of ['24h', '7d', '30d'] as const) {
        const v = byOperation.windows[window].versions[first]!;
        expect(Object.keys(v.operations), window).toEqual(['GET /items']);
        expect(v.operations['GET /items']).toEqual(v.total);
      }
      console.log(
        `pull of ${services} services × 30 days (Kong ${dialect}): ${requests} requests, ${Date.now() - started} ms; ` +
          `largest percentile error vs the hourly buckets spread evenly ${(worstPercentile * 100).toFixed(2)}%, ` +
          `vs the raw latencies ${(worstVsRaw * 100).toFixed(1)}% (${worstAt}); counts exact`,
      );
    }, 60_000);

    // Once is enough for these: they do not depend on the metric names.
    if (!full) return;
    it('counts nothing twice when an overlapping window is pulled again', async () => {
      const file = path.join(content, 'analytics', 'prod', 'traffic.jsonl');
      const before = await readFile(file, 'utf8');
      const again = await pull('--since', '2d');
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/0 requests counted, [\d,]+ hourly values already counted by an earlier pull/);
      expect(await readFile(file, 'utf8')).toBe(before);
    }, 60_000);

    it('names the URL and the status when the API refuses', async () => {
      const refused = await runAtrium([
        'analytics', 'pull', '--content', content, '--control-plane', 'prod',
        '--prometheus', `${prometheus!.url}/not-prometheus`, '--header', `X-Scope-OrgID: ${TOKEN}`,
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${prometheus!.url}/not-prometheus/api/v1/labels refused the request: HTTP 404`);
      expect(refused.stderr).toContain('nothing was written');
      expect(refused.stdout + refused.stderr).not.toContain(TOKEN);
    }, 60_000);
  });
}

pullSuite('3.x', Number(process.env.ATRIUM_PULL_SERVICES ?? 6), true);
pullSuite('2.x', 3, false);

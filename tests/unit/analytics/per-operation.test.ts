/**
 * Per-operation analytics (DESIGN §4b) on real inputs: KongAir's decK file and specs (one
 * regex route per operation, as openapi2kong writes them) and Kong 3.4 log lines built from
 * the docs example. The expected operation of every generated line is written down when the
 * line is made, then the snapshot and report.json are compared with that count.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readDeck } from '../../../src/lib/gateway/deck.ts';
import { listServices } from '../../../src/lib/gateway/deck.ts';
import { findOperations } from '../../../src/lib/openapi/operations.ts';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { ingestBounds } from '../../../src/lib/analytics/input-bounds.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { OperationIndex, operationKey, ServiceOperations, UNMATCHED } from '../../../src/lib/analytics/operation-matcher.ts';
import { computeProductAnalytics } from '../../../src/lib/analytics/report.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { createSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { parseSnapshot, serializeSnapshot } from '../../../src/lib/analytics/snapshot-format.ts';
import { rollUpSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { createBucket, mergeBucketInto, requestCount } from '../../../src/lib/analytics/traffic-bucket.ts';
import { seededRandom } from '../../../src/lib/seeded-random.ts';
import { FIXTURE_LINE } from './helpers.ts';

const KONGAIR = fileURLToPath(new URL('../../fixtures/shared/kongair', import.meta.url));
const deckDoc = parseYaml(readFileSync(path.join(KONGAIR, 'kong.yaml'), 'utf8'));
const deck = readDeck(deckDoc);
const flightsSpec = parseYaml(readFileSync(path.join(KONGAIR, 'flights.openapi.yaml'), 'utf8'));
const flightsOps = findOperations(flightsSpec)
  .filter((op) => op.kind === 'operation')
  .map((op) => ({ method: op.method, path: op.path }));
const FLIGHTS_ID = '0cef4d36-9c39-5ac2-9d9f-190d8ea8a252';
const ROUTES = {
  list: { id: '7b2dbd94-ec5b-5ae8-b6d5-4c8b16ce0b06', name: 'flights-service_get-flights' },
  byNumber: { id: '3210c3ed-9976-500d-ac03-07eaac972ad0', name: 'flights-service_get-flight-by-number' },
  details: { id: '08020aa2-6106-59ec-903a-3459e7cbb629', name: 'flights-service_get-flight-details' },
  health: { id: 'a5023323-0468-5a77-baf2-13578fec61b0', name: 'flights-service_health_get' },
};
const HOUR = Date.parse('2026-11-19T10:00:00Z');

interface Line {
  route?: { id?: string; name?: string };
  method: string;
  uri: string;
  status: number;
  consumer?: string;
  at?: number;
}

function logLine(l: Line): string {
  const entry = JSON.parse(FIXTURE_LINE);
  entry.started_at = l.at ?? HOUR + 1000;
  entry.service = { id: FLIGHTS_ID, name: 'flights-service' };
  if (l.route) entry.route = { ...l.route, protocols: ['https'], strip_path: false };
  else delete entry.route;
  entry.request.method = l.method;
  entry.request.uri = l.uri;
  entry.upstream_uri = l.uri.split('?')[0];
  entry.response.status = l.status;
  if (l.consumer) entry.consumer = { id: l.consumer, username: `user-${l.consumer}` };
  else delete entry.consumer;
  return JSON.stringify(entry);
}

function flightsMatcher(): ServiceOperations {
  return new ServiceOperations(deck, 'flights-service', flightsOps);
}

describe('operation matching on KongAir (decK routes from openapi2kong)', () => {
  const ops = flightsMatcher();

  it('names an operation from the route and the request', () => {
    expect(ops.match({ routeName: ROUTES.list.name, method: 'GET', path: '/flights' })).toBe('GET /flights');
    expect(ops.match({ routeId: ROUTES.byNumber.id, method: 'GET', path: '/flights/KA0924' })).toBe('GET /flights/{flightNumber}');
    expect(ops.match({ routeName: ROUTES.details.name, method: 'GET', path: '/flights/KA0924/details' })).toBe('GET /flights/{flightNumber}/details');
    expect(ops.match({ routeName: ROUTES.health.name, method: 'GET', path: '/health' })).toBe('GET /health');
  });

  it('falls back to method and path against the spec templates when the line names no route', () => {
    expect(ops.match({ method: 'GET', path: '/flights/KA0924/details' })).toBe('GET /flights/{flightNumber}/details');
    expect(ops.match({ method: 'GET', path: '/flights/' })).toBe('GET /flights');
  });

  it('counts what fits no operation as unmatched', () => {
    expect(ops.match({ method: 'POST', path: '/flights' })).toBe(UNMATCHED);
    expect(ops.match({ method: 'GET', path: '/flights/KA0924/seats' })).toBe(UNMATCHED);
    expect(ops.match({ routeName: ROUTES.list.name, method: 'GET', path: '/nothing' })).toBe(UNMATCHED);
  });

  it('a route alone (a Prometheus series) names the one operation it serves', () => {
    expect(ops.byRouteOnly(ROUTES.byNumber.name, ROUTES.byNumber.name)).toBe('GET /flights/{flightNumber}');
    expect(ops.byRouteOnly(ROUTES.health.id)).toBe('GET /health');
    expect(ops.byRouteOnly('some-other-route')).toBe(UNMATCHED);
    expect(ops.byRouteOnly(undefined)).toBe(UNMATCHED);
  });
});

describe('operation matching behind a strip_path prefix', () => {
  const prefixed = readDeck({
    _format_version: '3.0',
    services: [
      {
        name: 'items',
        url: 'http://items.internal:8080',
        routes: [
          { name: 'items-v1', paths: ['/v1'], strip_path: true },
          { name: 'items-health', paths: ['/health'], methods: ['GET'], strip_path: false },
        ],
      },
    ],
  });
  const spec = [
    { method: 'get', path: '/items' },
    { method: 'get', path: '/items/{id}' },
    { method: 'get', path: '/items/mine' },
    { method: 'post', path: '/items' },
    { method: 'get', path: '/health' },
  ];
  const ops = new ServiceOperations(prefixed, 'items', spec);

  it('uses the consumer paths the router finds, concrete templates before parameters', () => {
    expect(ops.match({ routeName: 'items-v1', method: 'GET', path: '/v1/items/mine' })).toBe('GET /items/mine');
    expect(ops.match({ routeName: 'items-v1', method: 'GET', path: '/v1/items/42' })).toBe('GET /items/{id}');
    expect(ops.match({ routeName: 'items-v1', method: 'POST', path: '/v1/items' })).toBe('POST /items');
    expect(ops.match({ routeName: 'items-health', method: 'GET', path: '/health' })).toBe('GET /health');
  });

  it('without a route, the upstream path is tried against the spec too', () => {
    expect(ops.match({ method: 'GET', path: '/v1/items/7', upstreamPath: '/items/7' })).toBe('GET /items/{id}');
    expect(ops.match({ method: 'DELETE', path: '/v1/items/7', upstreamPath: '/items/7' })).toBe(UNMATCHED);
  });

  it('a route serving several operations cannot name one from the route alone', () => {
    expect(ops.byRouteOnly('items-v1')).toBe(UNMATCHED);
    expect(ops.byRouteOnly('items-health')).toBe('GET /health');
  });
});

/** Lines with the operation each one is, chosen at random but recorded. */
function groundTruth(count: number): { lines: Line[]; expected: Map<string, { requests: number; errors: number }> } {
  const random = seededRandom(16);
  const kinds: { make: () => Line; key: string }[] = [
    { key: 'GET /flights', make: () => ({ route: ROUTES.list, method: 'GET', uri: '/flights?date=2026-11-19', status: 200 }) },
    { key: 'GET /flights', make: () => ({ route: { id: ROUTES.list.id }, method: 'GET', uri: '/flights', status: 200 }) },
    { key: 'GET /flights/{flightNumber}', make: () => ({ route: ROUTES.byNumber, method: 'GET', uri: `/flights/KA${100 + Math.floor(random() * 900)}`, status: random() < 0.2 ? 404 : 200 }) },
    { key: 'GET /flights/{flightNumber}/details', make: () => ({ route: { name: ROUTES.details.name }, method: 'GET', uri: `/flights/KA${Math.floor(random() * 99)}/details`, status: random() < 0.1 ? 500 : 200 }) },
    { key: 'GET /health', make: () => ({ method: 'GET', uri: '/health', status: 200 }) },
    { key: UNMATCHED, make: () => ({ method: 'PUT', uri: '/flights/KA1', status: 405 }) },
    { key: UNMATCHED, make: () => ({ method: 'GET', uri: '/.well-known/security.txt', status: 404 }) },
  ];
  const lines: Line[] = [];
  const expected = new Map<string, { requests: number; errors: number }>();
  for (let i = 0; i < count; i++) {
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    const line = { ...kind.make(), at: HOUR + Math.floor(random() * 3_600_000) - Math.floor(random() * 3) * 3_600_000, consumer: `c${Math.floor(random() * 7)}` };
    lines.push(line);
    const e = expected.get(kind.key) ?? { requests: 0, errors: 0 };
    e.requests++;
    if (line.status >= 400) e.errors++;
    expected.set(kind.key, e);
  }
  return { lines, expected };
}

describe('ingest and report per operation', () => {
  const services = () => new ServiceIndex(listServices(deckDoc), new OperationIndex(deck, [{ service: 'flights-service', operations: flightsOps }]));
  const bounds = ingestBounds(Date.parse('2026-11-20T00:00:00Z'));

  it('every line is counted under its operation; the operations add up to the service', async () => {
    const { lines, expected } = groundTruth(3000);
    const snapshot = createSnapshot('prod');
    const report = await ingestKongLog(snapshot, bufferInput('kong.log', lines.map(logLine).join('\n') + '\n'), services(), bounds);
    expect(report.ingested).toBe(3000);
    const totals = new Map<string, number>();
    for (const bucket of snapshot.buckets.values()) {
      let sum = 0;
      for (const [key, counts] of bucket.operations!) {
        const n = [...counts.status.values()].reduce((a, b) => a + b, 0);
        totals.set(key, (totals.get(key) ?? 0) + n);
        sum += n;
      }
      expect(sum).toBe(requestCount(bucket));
    }
    expect(Object.fromEntries(totals)).toEqual(Object.fromEntries([...expected].map(([k, v]) => [k, v.requests])));

    const analytics = computeProductAnalytics(
      {
        product: 'flights',
        versions: [
          {
            name: 'v1',
            operations: flightsOps.map((op) => operationKey(op.method, op.path)),
            environments: [{ name: 'production', control_plane: 'prod', service: 'flights-service' }],
          },
        ],
      },
      [snapshot],
    );
    const v1 = analytics.report.windows['24h'].versions.v1!;
    // Spec order, then unmatched last.
    expect(Object.keys(v1.operations)).toEqual([
      'GET /health',
      'GET /flights',
      'GET /flights/{flightNumber}',
      'GET /flights/{flightNumber}/details',
      UNMATCHED,
    ]);
    for (const [key, e] of expected) {
      expect(v1.operations[key]!.request_count).toBe(e.requests);
      expect(v1.operations[key]!.error_rate).toBeCloseTo(e.errors / e.requests, 6);
    }
    expect(Object.values(v1.operations).reduce((n, m) => n + m.request_count, 0)).toBe(v1.total.request_count);
    expect(analytics.consumers['24h'].v1).toBe(7);
  });

  it('snapshot text keeps operations and consumer keys, never consumer names, and reads back the same', async () => {
    const { lines } = groundTruth(400);
    const snapshot = createSnapshot('prod');
    await ingestKongLog(snapshot, bufferInput('kong.log', lines.map(logLine).join('\n') + '\n'), services(), bounds);
    const text = serializeSnapshot(snapshot);
    expect(text).toContain('"operations":{"(unmatched)":');
    expect(text).not.toContain('user-c');
    expect(text).not.toMatch(/"c[0-6]"/);
    const parsed = parseSnapshot(text, 'traffic.jsonl', 'prod');
    expect(parsed.diagnostics).toEqual([]);
    expect(serializeSnapshot(parsed.snapshot)).toBe(text);
    // Rolled up into days, the operations still add up.
    rollUpSnapshot(parsed.snapshot);
    for (const bucket of parsed.snapshot.buckets.values()) {
      const sum = [...bucket.operations!.values()].reduce((n, c) => n + [...c.status.values()].reduce((a, b) => a + b, 0), 0);
      expect(sum).toBe(requestCount(bucket));
    }
  });

  it('a snapshot line whose operations do not add up is an error at its line', () => {
    const text = [
      '{"format_version":1,"control_plane":"prod","bucket":"1h","relative_accuracy":0.01}',
      '{"hour":"2026-11-19T10:00:00Z","service":{"name":"flights-service"},"status":{"200":5},"request_bytes":0,"response_bytes":0,"operations":{"GET /flights":{"status":{"200":4}}}}',
    ].join('\n');
    const parsed = parseSnapshot(text, 'analytics/prod/traffic.jsonl', 'prod');
    expect(parsed.diagnostics).toMatchObject([{ line: 2, message: expect.stringContaining('add up to 4 requests but the bucket has 5') }]);
  });

  it('traffic recorded without operations, or of another spec on the same service, is unmatched', () => {
    const old = createBucket(HOUR, { name: 'flights-service' });
    old.status.set(200, 10);
    const recent = createBucket(HOUR, { name: 'flights-service' });
    recent.status.set(200, 5);
    recent.operations = new Map([
      ['GET /flights', { ...createBucket(HOUR, {}), status: new Map([[200, 3]]) }],
      ['GET /v2-only', { ...createBucket(HOUR, {}), status: new Map([[200, 2]]) }],
    ]);
    mergeBucketInto(old, recent);
    expect(requestCount(old)).toBe(15);
    const snapshot = createSnapshot('prod');
    snapshot.buckets.set('x', old);
    const report = computeProductAnalytics(
      {
        product: 'flights',
        versions: [{ name: 'v1', operations: ['GET /flights'], environments: [{ name: 'production', control_plane: 'prod', service: 'flights-service' }] }],
      },
      [snapshot],
    ).report;
    const ops = report.windows['24h'].versions.v1!.operations;
    expect(ops['GET /flights']!.request_count).toBe(3);
    expect(ops[UNMATCHED]!.request_count).toBe(12);
    expect(ops['GET /v2-only']).toBeUndefined();
  });
});

describe('Prometheus per operation: the route label', () => {
  const L = (route: string, consumer = '') => `service="flights-service",route="${route}",workspace="default",consumer="${consumer}"`;
  // Kong 3.x with per_consumer on: requests per route and consumer; latency per route.
  const scrape = (time: string, byNumber: number, list: number, other: number, latencyCount: number) =>
    [
      `# atrium-scrape-time: ${time}`,
      `kong_http_requests_total{${L(ROUTES.byNumber.name, 'alice')},code="200",source="service"} ${byNumber}`,
      `kong_http_requests_total{${L(ROUTES.list.name, 'bob')},code="200",source="service"} ${list}`,
      // A route the decK file does not have (renamed since): its traffic is unmatched, not lost.
      `kong_http_requests_total{${L('flights-service_old-name')},code="404",source="service"} ${other}`,
      `kong_request_latency_ms_bucket{service="flights-service",route="${ROUTES.byNumber.name}",workspace="default",le="50"} ${latencyCount}`,
      `kong_request_latency_ms_bucket{service="flights-service",route="${ROUTES.byNumber.name}",workspace="default",le="+Inf"} ${latencyCount}`,
      `kong_request_latency_ms_count{service="flights-service",route="${ROUTES.byNumber.name}",workspace="default"} ${latencyCount}`,
      `kong_request_latency_ms_sum{service="flights-service",route="${ROUTES.byNumber.name}",workspace="default"} ${latencyCount * 20}`,
    ].join('\n') + '\n';

  it('counts a route that serves one operation under it, anything else as unmatched', async () => {
    const { ingestPrometheus } = await import('../../../src/lib/analytics/ingest-prometheus.ts');
    const services = new ServiceIndex(listServices(deckDoc), new OperationIndex(deck, [{ service: 'flights-service', operations: flightsOps }]));
    const snapshot = createSnapshot('prod');
    const [report] = await ingestPrometheus(
      snapshot,
      [
        bufferInput(
          'scrapes.prom',
          scrape('2026-11-19T10:00:00Z', 100, 50, 5, 100) + scrape('2026-11-19T10:30:00Z', 130, 70, 6, 130) + scrape('2026-11-19T11:30:00Z', 150, 75, 9, 150),
        ),
      ],
      services,
      { bounds: ingestBounds(Date.parse('2026-11-20T00:00:00Z')) },
    );
    // The first scrape is a baseline; then 50 + 25 + 4 requests.
    expect(report!.requests).toBe(79);
    const analytics = computeProductAnalytics(
      {
        product: 'flights',
        versions: [{ name: 'v1', operations: flightsOps.map((op) => operationKey(op.method, op.path)), environments: [{ name: 'production', control_plane: 'prod', service: 'flights-service' }] }],
      },
      [snapshot],
    );
    const ops = analytics.report.windows['24h'].versions.v1!.operations;
    expect(Object.fromEntries(Object.entries(ops).map(([k, m]) => [k, m.request_count]))).toEqual({
      'GET /flights': 25,
      'GET /flights/{flightNumber}': 50,
      [UNMATCHED]: 4,
    });
    expect(ops[UNMATCHED]!.error_rate).toBe(1);
    // Latency histograms carry the route too: the operation's p95 is within its bucket (<= 50 ms).
    expect(ops['GET /flights/{flightNumber}']!.response_latency_p95).toBeGreaterThan(0);
    expect(ops['GET /flights/{flightNumber}']!.response_latency_p95).toBeLessThanOrEqual(50);
    expect(analytics.consumers['24h'].v1).toBe(2);
  });
});

describe('operation rankings and blocks', () => {
  it('ranks busiest by requests and slowest by p95, ties by name, never the unmatched entry; escapes hostile paths', async () => {
    const { busiestOperations, slowestOperations, renderOperationRankings } = await import('../../../src/lib/analytics/operation-traffic.ts');
    const { metricsOf } = await import('../../../src/lib/analytics/metrics.ts');
    const m = (requests: number, latency: number) => {
      const b = createBucket(HOUR, { name: 's' });
      b.status.set(200, requests);
      for (let i = 0; i < requests; i++) b.response_latency.add(latency);
      return metricsOf([b]);
    };
    const version = {
      total: m(121, 10),
      environments: {},
      operations: { 'GET /a': m(10, 300), 'GET /b': m(50, 20), 'GET /<script>x</script>': m(50, 20), [UNMATCHED]: m(11, 900) },
    };
    expect(busiestOperations(version).map((o) => o.operation)).toEqual(['GET /<script>x</script>', 'GET /b', 'GET /a']);
    expect(slowestOperations(version).map((o) => o.operation)).toEqual(['GET /a', 'GET /<script>x</script>', 'GET /b']);
    const report = { product: 'p', newest: '2026-11-20T00:00:00Z', windows: { '24h': { total: version.total, versions: { v1: version } } } } as never;
    const html = String(renderOperationRankings(report, '24h', (id: string, text: string) => `<h3 id="${id}">${text}</h3>` as never, 'w'));
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>x');
    expect(html).toContain('11 of 121 requests (9.09%) matched no operation of the v1 spec');
  });
});

/**
 * DESIGN §4b per operation, end to end through the real CLI: Kong 3.4 log lines for KongAir's
 * flights and routes services (their real decK file and specs) go through `atrium analytics
 * ingest`, then both audiences are built. report.json's `operations` must equal the count
 * kept while the lines were written; the operation page shows its own 30-day figures; the
 * analytics page ranks operations and says how much the deprecated v1 is still called, with
 * its distinct consumers in the internal portal only. No consumer identity reaches any output.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesContaining, REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';
import { consumerKey } from '../../src/lib/analytics/consumer-key.ts';
import { seededRandom } from '../../src/lib/seeded-random.ts';
import { FIXTURE_LINE } from '../unit/analytics/helpers.ts';

const KONGAIR = path.join(REPO_ROOT, 'tests/fixtures/shared/kongair');
const END = Date.parse('2026-11-20T00:00:00Z');
const DAY = 86_400_000;
const FLIGHTS = { id: '0cef4d36-9c39-5ac2-9d9f-190d8ea8a252', name: 'flights-service' };
const ROUTES_SERVICE = { id: '5bbc0ad8-3b7c-5dfe-a676-b28f30523a6f', name: 'routes-service' };
const CONSUMERS = 9;

interface Kind {
  service: { id: string; name: string };
  version: 'v1' | 'v2';
  key: string;
  route?: string;
  method: string;
  uri: () => string;
}

let content: string;
let out: string;
/** version → operation key → [requests, errors] in the 30 days before END. */
const expected: Record<string, Record<string, [number, number]>> = { v1: {}, v2: {} };
const v1Consumers = new Set<string>();
let unmatchedLines = 0;

function line(kind: Kind, at: number, status: number, consumer: string | undefined): string {
  const entry = JSON.parse(FIXTURE_LINE);
  entry.started_at = at;
  entry.service = { ...kind.service };
  if (kind.route) entry.route = { name: kind.route, protocols: ['https'], strip_path: false };
  else delete entry.route;
  entry.request.method = kind.method;
  entry.request.uri = kind.uri();
  entry.upstream_uri = entry.request.uri.split('?')[0];
  entry.response.status = status;
  entry.latencies = { request: 40 + (at % 50), kong: 2, proxy: 35 + (at % 50) };
  if (consumer) entry.consumer = { id: `consumer-id-${consumer}`, username: `secret-name-${consumer}` };
  else delete entry.consumer;
  return JSON.stringify(entry);
}

beforeAll(async () => {
  const dir = await tempDir();
  content = path.join(dir, 'content');
  out = path.join(dir, 'out');
  await fs.mkdir(path.join(content, 'control-planes'), { recursive: true });
  await fs.copyFile(path.join(KONGAIR, 'kong.yaml'), path.join(content, 'control-planes', 'prod.yaml'));
  await fs.writeFile(path.join(content, 'portal.yaml'), 'title: KongAir\nenvironments:\n  - name: production\n    control_plane: prod\n    base_url: https://api.kong-air.com\n');
  const product = path.join(content, 'products', 'flights');
  await fs.mkdir(path.join(product, 'versions', 'v1'), { recursive: true });
  await fs.mkdir(path.join(product, 'versions', 'v2'), { recursive: true });
  await fs.writeFile(path.join(product, 'product.yaml'), 'name: Flights\npublished: true\nanalytics:\n  public: true\n');
  await fs.writeFile(
    path.join(product, 'versions', 'v1', 'version.yaml'),
    'publish_status: published\ndeprecated: true\ndeprecation:\n  sunset: 2027-06-30\n  replacement: v2\ngateway_services:\n  - control_plane: prod\n    service: flights-service\n',
  );
  await fs.copyFile(path.join(KONGAIR, 'flights.openapi.yaml'), path.join(product, 'versions', 'v1', 'openapi.yaml'));
  await fs.writeFile(path.join(product, 'versions', 'v2', 'version.yaml'), 'publish_status: published\ngateway_services:\n  - control_plane: prod\n    service: routes-service\n');
  await fs.copyFile(path.join(KONGAIR, 'routes.openapi.yaml'), path.join(product, 'versions', 'v2', 'openapi.yaml'));

  const random = seededRandom(1604);
  const n = () => 100 + Math.floor(random() * 900);
  const kinds: Kind[] = [
    { service: FLIGHTS, version: 'v1', key: 'GET /flights', route: 'flights-service_get-flights', method: 'GET', uri: () => '/flights?limit=10' },
    { service: FLIGHTS, version: 'v1', key: 'GET /flights/{flightNumber}', route: 'flights-service_get-flight-by-number', method: 'GET', uri: () => `/flights/KA${n()}` },
    { service: FLIGHTS, version: 'v1', key: 'GET /flights/{flightNumber}/details', method: 'GET', uri: () => `/flights/KA${n()}/details` },
    { service: FLIGHTS, version: 'v1', key: '(unmatched)', method: 'OPTIONS', uri: () => '/flights' },
    { service: ROUTES_SERVICE, version: 'v2', key: 'GET /routes', route: 'routes-service_get-routes', method: 'GET', uri: () => '/routes' },
    { service: ROUTES_SERVICE, version: 'v2', key: 'GET /routes/{id}', route: 'routes-service_get-route', method: 'GET', uri: () => `/routes/LHR-SFO-${n()}` },
  ];
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    // Some lines before the 30-day window: they must not count in it.
    const at = END - 1 - Math.floor(random() * 34 * DAY);
    const status = random() < 0.1 ? 503 : random() < 0.1 ? 404 : 200;
    const consumer = random() < 0.8 ? `c${Math.floor(random() * CONSUMERS)}` : undefined;
    lines.push(line(kind, at, status, consumer));
    if (kind.key === '(unmatched)') unmatchedLines++;
    if (at < END - 30 * DAY) continue;
    const e = (expected[kind.version]![kind.key] ??= [0, 0]);
    e[0]++;
    if (status >= 400) e[1]++;
    if (kind.version === 'v1' && consumer) v1Consumers.add(consumer);
  }
  // The newest line sets the windows' end: one last request at END - 1 ms.
  lines.push(line(kinds[0]!, END - 1, 200, undefined));
  expected.v1!['GET /flights']![0]++;
  await fs.writeFile(path.join(dir, 'kong.log'), lines.join('\n') + '\n');
  const ingest = await runAtrium(['analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', path.join(dir, 'kong.log')]);
  expect(ingest.code, ingest.stderr).toBe(0);
  expect(ingest.stdout).toContain('ingested 6,001 lines');
  // Unmatched requests are said, with the first one, never dropped silently.
  expect(ingest.stdout).toMatch(new RegExp(`${unmatchedLines.toLocaleString('en-US')} requests matched no operation of the linked spec .* counted as "\\(unmatched\\)" \\(first: line \\d+: OPTIONS /flights\\)`));
}, 120_000);

describe('analytics per operation, built', () => {
  const builds: Record<string, string> = {};
  for (const audience of ['public', 'internal'] as const) {
    it(`report.json counts every operation exactly, and the rest as (unmatched) (${audience})`, async () => {
      const target = `${out}-${audience}`;
      const result = await runAtrium(['build', '--content', content, '--out', target, '--audience', audience]);
      expect(result.code, result.stderr).toBe(0);
      builds[audience] = target;
      const report = JSON.parse(await fs.readFile(path.join(target, 'products/flights/analytics/report.json'), 'utf8'));
      for (const version of ['v1', 'v2']) {
        const v = report.windows['30d'].versions[version];
        const counts = Object.fromEntries(Object.entries(v.operations as Record<string, { request_count: number }>).map(([k, m]) => [k, m.request_count]));
        expect(counts).toEqual(Object.fromEntries(Object.entries(expected[version]!).map(([k, [r]]) => [k, r])));
        for (const [key, [requests, errors]] of Object.entries(expected[version]!)) {
          expect(v.operations[key].error_rate).toBeCloseTo(errors / requests, 6);
        }
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(v.total.request_count);
      }
      // Spec order, unmatched last; the M shape of every other figure.
      expect(Object.keys(report.windows['30d'].versions.v1.operations)).toEqual([
        'GET /flights',
        'GET /flights/{flightNumber}',
        'GET /flights/{flightNumber}/details',
        '(unmatched)',
      ]);
      expect(Object.keys(report.windows['30d'].versions.v1.operations['GET /flights'])).toEqual(Object.keys(report.windows['30d'].total));
    }, 240_000);
  }

  it('the operation page shows its own requests, error rate and p95 for 30 days', async () => {
    const page = await fs.readFile(path.join(builds.internal!, 'products/flights/v1/reference/get-flight-by-number/index.html'), 'utf8');
    const [requests, errors] = expected.v1!['GET /flights/{flightNumber}']!;
    const block = /<section class="atrium-operation-traffic"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(block).toContain('last 30 days');
    expect(block).toContain(`<dd>${requests.toLocaleString('en-US')}</dd>`);
    expect(block).toContain(`<dd>${((errors / requests) * 100).toFixed(2)}%</dd>`);
    expect(block).toMatch(/p95 response latency<\/dt><dd>\d+(\.\d+)? ms<\/dd>/);
    // Its markdown twin (what `atrium mcp` get_operation answers) says the same.
    const twin = await fs.readFile(path.join(builds.internal!, 'products/flights/v1/reference/get-flight-by-number/index.md'), 'utf8');
    expect(twin).toContain(`## Traffic (last 30 days)\n\n${requests.toLocaleString('en-US')} requests, error rate ${((errors / requests) * 100).toFixed(2)}%, p95 response latency`);
    // The health operation had no traffic: the page says so instead of showing zeros.
    const health = await fs.readFile(path.join(builds.internal!, 'products/flights/v1/reference/get-health/index.html'), 'utf8');
    expect(health).toContain('No requests to this operation were recorded in the last 30 days');
  });

  it('the analytics page ranks operations and counts who still calls the deprecated v1: consumers internal only', async () => {
    const requests = Object.values(expected.v1!).reduce((n, [r]) => n + r, 0);
    const internal = await fs.readFile(path.join(builds.internal!, 'products/flights/analytics/index.html'), 'utf8');
    const publicPage = await fs.readFile(path.join(builds.public!, 'products/flights/analytics/index.html'), 'utf8');
    for (const page of [internal, publicPage]) {
      expect(page).toContain('v1: busiest operations');
      expect(page).toContain('v1: slowest operations (p95 response latency)');
      expect(page).toMatch(new RegExp(`<strong>v1</strong> \\(sunset 2027-06-30\\): ${requests.toLocaleString('en-US')} requests`));
      expect(page).toContain('matched no operation of the v1 spec');
    }
    expect(internal).toContain(`requests from ${v1Consumers.size} distinct consumers`);
    expect(publicPage).not.toContain('distinct consumers');
    // The markdown twins say the same.
    const twin = (audience: string) => fs.readFile(path.join(builds[audience]!, 'products/flights/analytics/index.md'), 'utf8');
    const [requestsByNumber] = expected.v1!['GET /flights/{flightNumber}']!;
    expect(await twin('internal')).toContain(`| v1 GET /flights/{flightNumber} | ${requestsByNumber} |`);
    expect(await twin('internal')).toContain(`Deprecated v1 is still called: ${requests} requests in the last 30 days from ${v1Consumers.size} distinct consumers.`);
    expect(await twin('public')).toContain(`Deprecated v1 is still called: ${requests} requests in the last 30 days.`);
  });

  it('no consumer id, name or key reaches either portal', async () => {
    for (const target of Object.values(builds)) {
      expect(await filesContaining(target, 'secret-name-c1')).toEqual([]);
      expect(await filesContaining(target, 'consumer-id-c1')).toEqual([]);
      expect(await filesContaining(target, consumerKey('consumer-id-c1'))).toEqual([]);
    }
  });
});

/**
 * Realistic, deterministic Kong log lines for the example portal and the benchmark: a daily
 * and weekly rhythm, background 4xx/5xx, an error burst and a slow deploy. The same options
 * (seed included) always give the same lines, so generated snapshots are reproducible.
 *
 * Lines have the shape of Kong 3.x's log serializer (service, route, request, response,
 * latencies, tries, client_ip, workspace, started_at…), with made-up hosts and addresses.
 */
import { hash32, seededRandom } from '../seeded-random.ts';
import { HOUR_MS } from './traffic-bucket.ts';

export interface SyntheticService {
  control_plane: string;
  name: string;
  id?: string;
  /** Average requests per hour over a day (the busiest hour is about 1.6× this). */
  requests_per_hour: number;
  /** Median upstream latency in ms. */
  upstream_median_ms: number;
  /** Share of 5xx responses outside incidents, e.g. 0.003. */
  error_rate?: number;
  /**
   * The operations consumers call, as the gateway routes them (the route and the path a
   * consumer sends, `{param}` filled per request). Without them, made-up `/v1/items` paths.
   */
  operations?: SyntheticOperation[];
  /** How many distinct consumers call it (authenticated lines name one); none when 0 or absent. */
  consumers?: number;
}

export interface SyntheticOperation {
  method: string;
  /** Consumer path template, e.g. `/flights/{flightNumber}`. */
  path: string;
  route?: { id?: string; name?: string };
  /** Relative share of the service's requests. */
  weight: number;
  /** Multiplies the service's upstream latency for this operation. */
  latency_factor: number;
}

export interface TrafficIncident {
  kind: 'error-burst' | 'slow-deploy';
  /** Service name it hits (all services when omitted). */
  service?: string;
  /** Hours before `end` at which it starts. */
  starts_hours_before_end: number;
  duration_hours: number;
  /** error-burst: share of 5xx during the incident; slow-deploy: latency multiplier. */
  severity: number;
}

export interface SyntheticTrafficOptions {
  services: SyntheticService[];
  /** End of the generated period (exclusive), epoch ms; rounded down to the hour. */
  end: number;
  days: number;
  seed: number;
  incidents?: TrafficIncident[];
}

export const DEFAULT_INCIDENTS: TrafficIncident[] = [
  { kind: 'error-burst', starts_hours_before_end: 5 * 24 + 9, duration_hours: 2, severity: 0.18 },
  { kind: 'slow-deploy', starts_hours_before_end: 2 * 24 + 15, duration_hours: 4, severity: 3.5 },
];

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function logNormal(random: () => number, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** A stable made-up UUID for a name (for services and routes without ids). */
export function fakeUuid(name: string): string {
  const r = seededRandom(hash32(name));
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Traffic shape over the day (UTC) and week: quiet nights, a mid-afternoon peak, calmer weekends. */
function rhythm(hourStart: number): number {
  const date = new Date(hourStart);
  const hour = date.getUTCHours();
  const daily = 0.35 + 0.65 * Math.pow(Math.sin((Math.PI * Math.max(0, hour - 5)) / 19), 2);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.6 : 1;
  return (daily / 0.6) * weekend;
}

const PATHS = ['/v1/items', '/v1/items/{id}', '/v1/search', '/v1/status'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const AGENTS = ['kongair-ios/4.2.1', 'kongair-android/4.2.0', 'Mozilla/5.0', 'python-requests/2.32.3', 'curl/8.5.0'];

function pickStatus(random: () => number, serverErrorRate: number): number {
  const r = random();
  if (r < serverErrorRate) return [500, 502, 503, 504][Math.floor(random() * 4)]!;
  const rest = (r - serverErrorRate) / (1 - serverErrorRate);
  if (rest < 0.012) return 401;
  if (rest < 0.02) return 403;
  if (rest < 0.038) return 404;
  if (rest < 0.045) return 429;
  if (rest < 0.052) return 400;
  if (rest < 0.062) return 304;
  if (rest < 0.1) return 201;
  if (rest < 0.12) return 204;
  return 200;
}

function pickOperation(operations: readonly SyntheticOperation[], random: () => number): SyntheticOperation {
  let total = 0;
  for (const op of operations) total += op.weight;
  let r = random() * total;
  for (const op of operations) {
    r -= op.weight;
    if (r < 0) return op;
  }
  return operations[operations.length - 1]!;
}

interface ActiveIncidents {
  errorRate: number;
  slowdown: number;
}

function incidentsAt(options: SyntheticTrafficOptions, service: SyntheticService, hourStart: number, end: number): ActiveIncidents {
  let errorRate = service.error_rate ?? 0.003;
  let slowdown = 1;
  for (const incident of options.incidents ?? DEFAULT_INCIDENTS) {
    if (incident.service && incident.service !== service.name) continue;
    const start = end - incident.starts_hours_before_end * HOUR_MS;
    if (hourStart < start || hourStart >= start + incident.duration_hours * HOUR_MS) continue;
    if (incident.kind === 'error-burst') errorRate = Math.max(errorRate, incident.severity);
    else slowdown *= incident.severity;
  }
  return { errorRate, slowdown };
}

/**
 * Generates the log lines (each without "\n"), in time order per hour, hour by hour. Lazy:
 * a benchmark can stream millions of lines without holding them.
 */
export function* syntheticKongLogLines(options: SyntheticTrafficOptions): Generator<string> {
  const random = seededRandom(options.seed);
  const end = Math.floor(options.end / HOUR_MS) * HOUR_MS;
  const start = end - options.days * 24 * HOUR_MS;
  const services = options.services.map((s) => ({
    ...s,
    uuid: s.id ?? fakeUuid(`${s.control_plane}/${s.name}`),
    routeId: fakeUuid(`${s.control_plane}/${s.name}/route`),
    host: `${s.name}.internal`,
  }));
  for (let hour = start; hour < end; hour += HOUR_MS) {
    const batch: { at: number; line: string }[] = [];
    for (const service of services) {
      const incidents = incidentsAt(options, service, hour, end);
      const expected = service.requests_per_hour * rhythm(hour);
      const count = Math.max(0, Math.round(expected + Math.sqrt(expected) * normal(random)));
      for (let i = 0; i < count; i++) {
        const at = hour + Math.floor(random() * HOUR_MS);
        const op = service.operations?.length ? pickOperation(service.operations, random) : undefined;
        const status = pickStatus(random, incidents.errorRate);
        // Auth failures and rate limiting are answered by Kong's plugins: nothing is proxied.
        const proxied = status !== 401 && status !== 403 && status !== 429;
        const kong = Math.max(0, Math.round(logNormal(random, 1.2, 0.7)));
        const upstream = proxied
          ? Math.max(1, Math.round(logNormal(random, service.upstream_median_ms * incidents.slowdown * (op?.latency_factor ?? 1), 0.45)))
          : -1;
        const receive = Math.round(random() * 2);
        const total = kong + Math.max(0, upstream) + receive;
        // A CORS preflight now and then: a method no spec operation has, so it is unmatched.
        const preflight = op !== undefined && random() < 0.015;
        const method = op ? (preflight ? 'OPTIONS' : op.method.toUpperCase()) : METHODS[Math.floor(random() * METHODS.length)]!;
        const template = op ? op.path : PATHS[Math.floor(random() * PATHS.length)]!;
        const path = template.replace(/\{[^}/]*\}/g, () => String(1000 + Math.floor(random() * 9000)));
        const consumer =
          service.consumers && status !== 401 ? Math.floor(service.consumers * random() * random()) : undefined;
        const requestSize = 180 + Math.floor(random() * (method === 'GET' ? 400 : 2400));
        const responseSize = status === 204 || status === 304 ? 260 : 300 + Math.floor(logNormal(random, 1800, 0.8));
        const entry = {
          service: {
            host: service.host,
            created_at: 1735689600,
            connect_timeout: 60000,
            id: service.uuid,
            protocol: 'http',
            name: service.name,
            read_timeout: 60000,
            port: 8080,
            path: '/',
            updated_at: 1735689600,
            write_timeout: 60000,
            retries: 5,
            ws_id: '54baa5a9-23d6-41e0-9c9a-02434b010b25',
          },
          route: {
            id: op?.route?.id ?? (op?.route ? fakeUuid(`${service.control_plane}/${op.route.name}`) : service.routeId),
            name: op?.route?.name ?? `${service.name}-route`,
            paths: op ? [op.path] : ['/v1'],
            protocols: ['https'],
            strip_path: false,
            preserve_host: false,
            service: { id: service.uuid },
          },
          request: {
            querystring: {},
            size: requestSize,
            uri: path,
            url: `https://api.example.test${path}`,
            headers: {
              host: 'api.example.test',
              'user-agent': AGENTS[Math.floor(random() * AGENTS.length)]!,
              accept: 'application/json',
            },
            method,
          },
          upstream_uri: path,
          response: {
            headers: {
              'content-type': 'application/json',
              'content-length': String(responseSize),
              via: 'kong/3.9.1',
              'x-kong-proxy-latency': String(kong),
              ...(proxied ? { 'x-kong-upstream-latency': String(upstream) } : {}),
            },
            status,
            size: responseSize,
          },
          latencies: { request: total, kong, proxy: upstream, receive },
          tries: proxied
            ? [{ balancer_latency: 0, port: 8080, balancer_start: at + kong, ip: `10.0.${hash32(service.name) % 250}.${1 + (i % 3)}` }]
            : [],
          ...(consumer !== undefined
            ? { consumer: { id: fakeUuid(`${service.control_plane}/consumer/${consumer}`), username: `consumer-${consumer}` } }
            : {}),
          client_ip: `198.51.100.${1 + Math.floor(random() * 254)}`,
          workspace: '54baa5a9-23d6-41e0-9c9a-02434b010b25',
          workspace_name: 'default',
          source: proxied ? 'upstream' : 'kong',
          started_at: at,
        };
        batch.push({ at, line: JSON.stringify(entry) });
      }
    }
    batch.sort((a, b) => a.at - b.at);
    for (const { line } of batch) yield line;
  }
}

/**
 * A real Prometheus for tests: Debian's `prometheus` on 127.0.0.1 (a free port, its own
 * TSDB folder, no scraping), with a TSDB backfilled by `promtool tsdb create-blocks-from
 * openmetrics` from generated Kong 3.x exposition, and the generator's ground truth.
 *
 * Where `prometheus`/`promtool` are missing, ensurePrometheus installs Debian's package when
 * it can (root and apt-get, as on CI) and otherwise fails with the command to run.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { seededRandom } from '../../src/lib/seeded-random.ts';

const HOUR = 3_600_000;

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Makes sure Debian's prometheus and promtool are installed; throws with the command otherwise. */
export function ensurePrometheus(): void {
  if (has('prometheus') && has('promtool')) return;
  const install = 'apt-get update && apt-get install -y --no-install-recommends prometheus';
  if (process.getuid?.() === 0 && has('apt-get')) {
    execFileSync('sh', ['-c', install], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    // The package's postinst may start a system Prometheus on :9090; the tests use their own
    // port, but a stray server should not keep running because of them.
    spawnSync('sh', ['-c', 'invoke-rc.d prometheus stop || service prometheus stop || systemctl stop prometheus'], { stdio: 'ignore' });
  }
  if (!has('prometheus') || !has('promtool')) {
    throw new Error(`these tests need Debian's Prometheus (prometheus and promtool); install it with: sudo sh -c '${install}'`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

/** Starts Prometheus over an existing TSDB folder; resolves once it answers queries. */
export async function startPrometheus(dir: string, tsdb: string): Promise<RunningPrometheus> {
  const config = path.join(dir, 'prometheus.yml');
  await writeFile(config, 'global: {}\nscrape_configs: []\n');
  const port = await freePort();
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${tsdb}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`prometheus did not become ready: ${stderr}`);
}

/** Kong 3.x default bounds (kong/plugins/prometheus/exporter.lua). */
const UPSTREAM_BOUNDS = [25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000];
const KONG_BOUNDS = [1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000];
/** Kong 2.x: one `kong_latency` histogram, by `type`, with these bounds for every latency. */
const LEGACY_BOUNDS = [1, 2, 5, 7, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 30000, 60000];

export type Dialect = '3.x' | '2.x';
type Latency = { family: string; type?: string; bounds: readonly number[] };

/** The latency histograms Kong writes, by kind. */
export function latencies(dialect: Dialect): Record<'response' | 'upstream' | 'kong', Latency> {
  return dialect === '3.x'
    ? {
        response: { family: 'kong_request_latency_ms', bounds: UPSTREAM_BOUNDS },
        upstream: { family: 'kong_upstream_latency_ms', bounds: UPSTREAM_BOUNDS },
        kong: { family: 'kong_kong_latency_ms', bounds: KONG_BOUNDS },
      }
    : {
        response: { family: 'kong_latency', type: 'request', bounds: LEGACY_BOUNDS },
        upstream: { family: 'kong_latency', type: 'upstream', bounds: LEGACY_BOUNDS },
        kong: { family: 'kong_latency', type: 'kong', bounds: LEGACY_BOUNDS },
      };
}
const LATENCIES = latencies('3.x');
export type Kind = keyof typeof LATENCIES;

/** What really happened in one service's hour: requests by code, per latency kind requests per bucket, the sum and every latency. */
export interface TruthHour {
  codes: Map<number, number>;
  /**
   * `byNode`: each Kong node's bucket counts (what one hourly value of its series holds);
   * `scrapes`: each scrape's (what raw samples hold, read in a pull's reset and first hours).
   */
  latency: Record<Kind, { buckets: number[]; byNode: Map<string, number[]>; scrapes: number[][]; sum: number; values: number[] }>;
}

export interface GeneratedTraffic {
  services: string[];
  /** Service → hour start → truth. */
  truth: Map<string, Map<number, TruthHour>>;
  firstScrape: number;
  lastScrape: number;
  samples: number;
  dialect: Dialect;
  /** Hours a pull reads as raw samples: each node's first, and the restart's. */
  rawHours: Set<number>;
}

export interface GeneratorOptions {
  /** Kong 3.x metric names (default) or 2.x's. */
  dialect?: Dialect;
  /** 1 Kong node (default), or 2: the second joins on day 5. */
  nodes?: 1 | 2;
  services: number;
  days: number;
  scrapeMinutes: number;
  /** The last scrape is before this hour. */
  end: number;
  seed?: number;
}

/**
 * Writes OpenMetrics text (what promtool backfills from; Kong 3.x or 2.x names) of one or two Kong nodes serving the
 * services, and returns what happened. Counters hold values from before the first scrape
 * (a baseline, not in the truth); the 500 series of each service appears days in; the last
 * service appears on day 12; on day 10 Kong restarts and every series starts again from
 * zero, present in a scrape only once it has counted something (so buckets are missing).
 */
export async function writeKongExposition(file: string, options: GeneratorOptions): Promise<GeneratedTraffic> {
  const random = seededRandom(options.seed ?? 20261201);
  const dialect = options.dialect ?? '3.x';
  const histograms = latencies(dialect);
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  const services = Array.from({ length: options.services }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
  const truth = new Map<string, Map<number, TruthHour>>(services.map((s) => [s, new Map()]));
  const interval = options.scrapeMinutes * 60_000;
  const firstScrape = options.end - options.days * 24 * HOUR + 10 * 60_000;
  const restartAt = firstScrape + 10 * 24 * HOUR + 25 * 60_000;
  const lateServiceAt = firstScrape + 12 * 24 * HOUR;
  // Kong nodes, each with its cumulative values (a series absent from the map is not
  // exported). The second joins on day 5, scraped 7 minutes after the first: its first
  // scrape is its own baseline.
  const nodes = [
    { instance: 'kong-1:8100', offset: 0, first: firstScrape, restartAt, restarted: false, cumulative: new Map<string, number>() },
    ...(options.nodes === 2
      ? [{ instance: 'kong-2:8100', offset: 7 * 60_000, first: firstScrape + 5 * 24 * HOUR + 7 * 60_000, restartAt: Infinity, restarted: false, cumulative: new Map<string, number>() }]
      : []),
  ];
  let samples = 0;
  let lastScrape = firstScrape;
  for (let t1 = firstScrape; t1 < options.end; t1 += interval) {
    for (const node of nodes) {
      const t = t1 + node.offset;
      if (t < node.first || t >= options.end) continue;
      const cumulative = node.cumulative;
      const base = `route="r",workspace="default",instance="${node.instance}",job="kong"`;
      const add = (key: string, n: number, keepIfZero: boolean) => {
        const current = cumulative.get(key);
        if (current === undefined && n === 0 && !keepIfZero) return;
        cumulative.set(key, (current ?? 0) + n);
      };
      lastScrape = Math.max(lastScrape, t);
      const baseline = t === node.first;
      if (!node.restarted && t >= node.restartAt) {
        cumulative.clear();
        node.restarted = true;
      }
      const hour = Math.floor(t / HOUR) * HOUR;
      for (const [i, service] of services.entries()) {
        if (i === services.length - 1 && t < lateServiceAt) continue;
        const errorsFrom = firstScrape + (3 + (i % 5)) * 24 * HOUR;
        // Requests since the previous scrape (before the first one: since Kong started).
        const diurnal = 1 + 0.6 * Math.sin(((t / HOUR) % 24) * (Math.PI / 12));
        const n = Math.floor((baseline ? 5000 : 8 + (i % 7) * 4) * diurnal * (0.5 + random()));
        const codes = new Map<number, number>();
        for (let r = 0; r < n; r++) {
          const x = random();
          const code = x < 0.05 ? 404 : x < 0.08 && t >= errorsFrom ? 500 : 200;
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
        const hourTruth = baseline ? undefined : truthHour(truth.get(service)!, hour, dialect);
        for (const code of [200, 404, 500]) {
          const k = codes.get(code) ?? 0;
          add(
            dialect === '3.x'
              ? `kong_http_requests_total{service="${service}",${base},code="${code}",source="service",consumer=""}`
              : `kong_http_status{service="${service}",${base},code="${code}"}`,
            k,
            false,
          );
          if (hourTruth && k > 0) hourTruth.codes.set(code, (hourTruth.codes.get(code) ?? 0) + k);
        }
        for (const kind of Object.keys(LATENCIES) as Kind[]) {
          const { family, type, bounds } = histograms[kind];
          const counts = new Array<number>(bounds.length + 1).fill(0);
          const values: number[] = [];
          let sum = 0;
          // A skewed latency: most requests in the low buckets, a few above the last bound.
          const scale = kind === 'kong' ? 4 + (i % 3) : 40 + (i % 5) * 30;
          for (let r = 0; r < n; r++) {
            const value = Math.max(0, Math.round(-Math.log(1 - random()) * scale * (random() < 0.02 ? 30 : 1)));
            let b = bounds.findIndex((bound) => value <= bound);
            if (b === -1) b = bounds.length;
            counts[b]!++;
            sum += value;
            values.push(value);
          }
          const labels = `${type ? `type="${type}",` : ''}service="${service}",${base}`;
          // Buckets are cumulative: each gets the requests at or below its bound.
          let running = 0;
          for (let b = 0; b <= bounds.length; b++) {
            running += counts[b]!;
            const le = b < bounds.length ? `${String(bounds[b]).padStart(5, '0')}.0` : '+Inf';
            add(`${family}_bucket{${labels},le="${le}"}`, running, false);
          }
          if (n > 0) add(`${family}_sum{${labels}}`, sum, true);
          if (hourTruth) {
            const h = hourTruth.latency[kind];
            for (let b = 0; b <= bounds.length; b++) h.buckets[b]! += counts[b]!;
            let mine = h.byNode.get(node.instance);
            if (!mine) h.byNode.set(node.instance, (mine = new Array<number>(bounds.length + 1).fill(0)));
            for (let b = 0; b <= bounds.length; b++) mine[b]! += counts[b]!;
            h.scrapes.push(counts);
            h.sum += sum;
            h.values.push(...values);
          }
        }
      }
      let text = '';
      const seconds = (t / 1000).toFixed(3);
      for (const [key, value] of cumulative) {
        text += `${key} ${value} ${seconds}\n`;
        samples++;
      }
      await write(text);
    }
  }
  await write('# EOF\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const rawHours = new Set(nodes.map((n) => Math.floor(n.first / HOUR) * HOUR));
  rawHours.add(Math.floor((firstScrape + Math.ceil((restartAt - firstScrape) / interval) * interval) / HOUR) * HOUR);
  return { services, truth, firstScrape, lastScrape, samples, dialect, rawHours };
}

function truthHour(byHour: Map<number, TruthHour>, hour: number, dialect: Dialect): TruthHour {
  let h = byHour.get(hour);
  if (!h) {
    h = {
      codes: new Map(),
      latency: {
        response: { buckets: new Array(latencies(dialect).response.bounds.length + 1).fill(0), byNode: new Map(), scrapes: [], sum: 0, values: [] },
        upstream: { buckets: new Array(latencies(dialect).upstream.bounds.length + 1).fill(0), byNode: new Map(), scrapes: [], sum: 0, values: [] },
        kong: { buckets: new Array(latencies(dialect).kong.bounds.length + 1).fill(0), byNode: new Map(), scrapes: [], sum: 0, values: [] },
      },
    };
    byHour.set(hour, h);
  }
  return h;
}

/** Backfills a TSDB from OpenMetrics text with promtool. */
export function backfill(openMetrics: string, tsdb: string): void {
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=2000h', openMetrics, tsdb], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/**
 * The percentile the report should give for exact hourly bucket counts: each hour's requests
 * spread evenly within their bucket (the k-th of m in (low, high) at low + (high − low)·k/(m+1);
 * those above the last bound at it), all hours of the
 * window together, the order statistic at rank ⌊q·(n−1)⌋.
 */
export function spreadQuantiles(hours: number[][], bounds: readonly number[], qs: readonly number[]): number[] {
  const values: number[] = [];
  for (const buckets of hours) {
    buckets.forEach((m, b) => {
      if (b === bounds.length) {
        for (let k = 0; k < m; k++) values.push(bounds[bounds.length - 1]!);
        return;
      }
      const low = b === 0 ? 0 : bounds[b - 1]!;
      for (let k = 1; k <= m; k++) values.push(low + ((bounds[b]! - low) * k) / (m + 1));
    });
  }
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => (sorted.length === 0 ? 0 : sorted[Math.floor(q * (sorted.length - 1))]!));
}

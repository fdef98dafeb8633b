/**
 * Benchmark (not a test): ingest speed and peak memory of `--format kong-log` on a generated
 * log of realistic Kong 3.x lines (2 million by default, ~2.5 GB).
 *
 *   node scripts/bench/analytics.ts [--lines 2000000] [--per-hour 600] [--gzip] [--keep FILE] [--heap MiB]
 *
 * The log is written to a temporary file first; the ingest then runs in a child process so
 * its peak RSS is the ingest's alone, not the generator's. `--heap 64` caps the child's V8
 * heap, to show that memory does not grow with the input (without a cap V8 lets garbage
 * pile up before collecting, so RSS says more about V8 than about the ingest).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ingestInputs } from '../../src/lib/analytics/ingest.ts';
import { fileInput } from '../../src/lib/analytics/input-stream.ts';
import { ServiceIndex } from '../../src/lib/analytics/service-index.ts';
import { createSnapshot } from '../../src/lib/analytics/snapshot.ts';
import { saveControlPlaneSnapshot } from '../../src/lib/analytics/snapshot-files.ts';
import { syntheticKongLogLines, type SyntheticService } from '../../src/lib/analytics/synthetic-traffic.ts';

function services(perHour: number): SyntheticService[] {
  return ['flights', 'bookings', 'customers', 'routes', 'status'].map((name, i) => ({
    control_plane: 'bench',
    name: `${name}-service`,
    requests_per_hour: perHour,
    upstream_median_ms: 20 + 30 * i,
  }));
}
const SERVICE_NAMES = services(1).map((s) => ({ name: s.name }));

function* take(lines: Iterable<string>, n: number): Generator<string> {
  let i = 0;
  for (const line of lines) {
    if (i++ >= n) return;
    yield line;
  }
}

async function* batched(lines: Iterable<string>): AsyncGenerator<string> {
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length === 5000) {
      yield batch.join('\n') + '\n';
      batch = [];
    }
  }
  if (batch.length) yield batch.join('\n') + '\n';
}

async function writeLog(file: string, lines: number, perHour: number, gzip: boolean): Promise<void> {
  // 5 services × perHour requests on average less quiet nights and weekends: give the
  // generator twice the days it needs on average and cut at `lines`.
  const days = Math.ceil((2 * lines) / (5 * perHour * 24)) + 1;
  const traffic = { services: services(perHour), end: Date.parse('2026-11-20T00:00:00Z'), days, seed: 7 };
  const source = Readable.from(batched(take(syntheticKongLogLines(traffic), lines)));
  const out = createWriteStream(file);
  if (gzip) await pipeline(source, createGzip({ level: 1 }), out);
  else await pipeline(source, out);
}

/** The measured part, run in a child process. */
async function ingestOnly(file: string): Promise<void> {
  const content = await mkdtemp(path.join(os.tmpdir(), 'atrium-bench-content-'));
  const started = performance.now();
  const snapshot = createSnapshot('bench');
  const [report] = await ingestInputs(snapshot, [await fileInput(file)], new ServiceIndex(SERVICE_NAMES), {
    format: 'kong-log',
  });
  const ingestMs = performance.now() - started;
  await saveControlPlaneSnapshot(content, snapshot);
  const totalMs = performance.now() - started;
  await rm(content, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      lines: report!.linesRead,
      ingested: report!.ingested,
      buckets: snapshot.buckets.size,
      ingestMs,
      totalMs,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '2000000' },
      'per-hour': { type: 'string', default: '600' },
      gzip: { type: 'boolean', default: false },
      keep: { type: 'string' },
      heap: { type: 'string' },
      'ingest-only': { type: 'string' },
    },
  });
  if (values['ingest-only']) return ingestOnly(values['ingest-only']);

  const lines = Number(values.lines);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-bench-'));
  const file = values.keep ?? path.join(dir, values.gzip ? 'access.log.gz' : 'access.log');
  try {
    let t = performance.now();
    await writeLog(file, lines, Number(values['per-hour']), values.gzip);
    const size = (await stat(file)).size;
    console.log(`generated ${lines.toLocaleString('en-US')} lines (5 services, ~${values['per-hour']} requests/hour each), ${(size / 2 ** 20).toFixed(0)} MiB${values.gzip ? ' gzip' : ''}, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const flags = values.heap ? [`--max-old-space-size=${Number(values.heap)}`] : [];
    const child = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--ingest-only', file], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(child.stderr || `ingest exited with ${child.status}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>;
    console.log(
      `ingested ${r.ingested!.toLocaleString('en-US')} lines into ${r.buckets} hourly buckets in ${(r.ingestMs! / 1000).toFixed(1)} s: ` +
        `${Math.round(r.lines! / (r.ingestMs! / 1000)).toLocaleString('en-US')} lines/s, ` +
        `${(size / 2 ** 20 / (r.ingestMs! / 1000)).toFixed(0)} MiB/s${values.gzip ? ' (compressed)' : ''}; ` +
        `with snapshot write ${(r.totalMs! / 1000).toFixed(1)} s; peak RSS ${r.maxRssMiB!.toFixed(0)} MiB` +
        (values.heap ? ` (V8 heap capped at ${values.heap} MiB)` : ''),
    );
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`bench analytics: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  });
}

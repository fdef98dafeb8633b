/**
 * `atrium analytics ingest` and `atrium analytics pull` (DESIGN §7) and `atrium analytics
 * merge`: aggregate what a control plane's data planes logged or Prometheus holds into
 * `<content>/analytics/<cp>/traffic.jsonl`, and combine snapshots ingested on other
 * machines. Exit codes: 0 ok, 1 content problem (an unknown control plane, a broken decK file
 * or snapshot, an unreadable input, a query API that refuses), 2 bad usage.
 */
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseControlPlane } from '../../src/lib/content/parse-control-plane.ts';
import { listServices } from '../../src/lib/gateway/deck.ts';
import { describeIngestReport, ingestInputs } from '../../src/lib/analytics/ingest.ts';
import { fileInput, type IngestInput } from '../../src/lib/analytics/input-stream.ts';
import { ServiceIndex } from '../../src/lib/analytics/service-index.ts';
import { controlPlaneOperations } from '../../src/lib/analytics/control-plane-operations.ts';
import {
  ANALYTICS_DIR,
  loadControlPlaneSnapshot,
  loadSnapshotFrom,
  removeStaleTempFiles,
  saveControlPlaneSnapshot,
  snapshotFile,
} from '../../src/lib/analytics/snapshot-files.ts';
import { ingestBounds } from '../../src/lib/analytics/input-bounds.ts';
import { PrometheusApi, PrometheusApiError, parseHeader } from '../../src/lib/analytics/prometheus-api.ts';
import { pullPrometheus, type PullProgress } from '../../src/lib/analytics/pull-prometheus.ts';
import { describeCounterRules } from '../../src/lib/analytics/ingest.ts';
import { formatCount } from '../../src/lib/analytics/format.ts';
import { mergeSnapshots, snapshotContains, SnapshotOverlapError } from '../../src/lib/analytics/snapshot.ts';
import type { InputFormat } from '../../src/lib/analytics/snapshot.ts';
import { EXIT_CONTENT, EXIT_OK, UsageError } from '../exit-codes.ts';
import { parseContentDir } from '../options.ts';
import { printDiagnostics } from '../report.ts';

const CONTROL_PLANE_EXTENSIONS = ['.yaml', '.yml', '.json'];

interface PullCommandOptions {
  content: string;
  controlPlane?: string;
  prometheus?: string;
  since: string;
  header: string[];
}

interface IngestOptions {
  content: string;
  format?: string;
  controlPlane?: string;
  instance?: string;
}

export function registerAnalyticsCommand(program: Command): void {
  const analytics = program
    .command('analytics')
    .description('aggregate Kong traffic into content/analytics/ for the analytics pages')
    .exitOverride();

  analytics
    .command('ingest')
    .description('add Kong logs (JSON lines) or Prometheus scrapes of one control plane to its analytics snapshot')
    .argument('<files...>', 'input files (`-` for stdin; gzip is detected)')
    .option('--content <dir>', 'content folder', 'content')
    .option('--format <format>', 'kong-log or prometheus')
    .option('--control-plane <name>', 'the control plane (a file in content/control-planes/) whose data planes wrote the input')
    .option('--instance <name>', 'prometheus: label the samples with this instance (one Kong node per run)')
    .exitOverride()
    .action(async (files: string[], opts: IngestOptions) => {
      process.exitCode = await runIngest(files, opts);
    });

  analytics
    .command('pull')
    .description("read Kong's prometheus-plugin metrics of one control plane from a Prometheus-compatible query API")
    .option('--content <dir>', 'content folder', 'content')
    .option('--control-plane <name>', 'the control plane (a file in content/control-planes/) whose services to pull')
    .option('--prometheus <url>', 'base URL of the query API (Prometheus, Thanos, Mimir, VictoriaMetrics)')
    .option('--since <when>', 'how far back: 12h, 30d, 2w, or an ISO time', '30d')
    .option('--header <header>', "'Name: value' sent with every request (never printed or stored); repeatable", collect, [])
    .exitOverride()
    .action(async (opts: PullCommandOptions) => {
      process.exitCode = await runPull(opts);
    });

  analytics
    .command('merge')
    .description('add snapshots ingested elsewhere (analytics or content folders) to this content folder')
    .argument('<shards...>', 'folders holding <control-plane>/traffic.jsonl, or content folders with analytics/')
    .option('--content <dir>', 'content folder', 'content')
    .exitOverride()
    .action(async (shards: string[], opts: { content: string }) => {
      process.exitCode = await runMerge(shards, opts.content);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function checkControlPlaneName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError(`--control-plane must be a file name in control-planes/ without extension, not "${name}"`);
  }
}

function contentFolder(dir: string): string {
  const contentDir = parseContentDir(dir);
  return contentDir;
}

async function runIngest(files: string[], opts: IngestOptions): Promise<number> {
  if (opts.format !== 'kong-log' && opts.format !== 'prometheus') {
    throw new UsageError(
      opts.format === undefined
        ? '--format is required: kong-log or prometheus'
        : `--format must be "kong-log" or "prometheus", not "${opts.format}"`,
    );
  }
  const format: InputFormat = opts.format;
  if (!opts.controlPlane) throw new UsageError('--control-plane is required (a file name in content/control-planes/)');
  const controlPlane = opts.controlPlane;
  checkControlPlaneName(controlPlane);
  if (opts.instance !== undefined && format !== 'prometheus') throw new UsageError('--instance only applies to --format prometheus');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (`-`) can only be read once');
  const contentDir = contentFolder(opts.content);

  const cp = await loadServices(contentDir, opts.content, controlPlane);
  if (typeof cp === 'number') return cp;
  const { services, cpFile } = cp;

  const inputs: IngestInput[] = [];
  for (const file of files) {
    if (file !== '-' && !fs.existsSync(file)) throw new UsageError(`input file not found: ${file}`);
    if (file !== '-' && fs.statSync(file).isDirectory()) throw new UsageError(`input is a folder, not a file: ${file}`);
    inputs.push(await fileInput(file));
  }

  // Debris of an ingest killed mid-save (SIGKILL gives no chance to clean up).
  await removeStaleTempFiles(path.join(contentDir, ANALYTICS_DIR), controlPlane);
  // One clock reading bounds both the snapshot (nothing of it dated ahead) and the input.
  const now = Date.now();
  const loaded = await loadControlPlaneSnapshot(contentDir, controlPlane, ingestBounds(now));
  if (loaded.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(loaded.diagnostics);
    console.error(`atrium: ${snapshotFile(controlPlane)} is damaged; fix or remove it, then ingest again (nothing was written)`);
    return EXIT_CONTENT;
  }
  const snapshot = loaded.snapshot;

  let reports;
  try {
    reports = await ingestInputs(snapshot, inputs, services, { format, instance: opts.instance, now });
  } catch (error) {
    console.error(`atrium: cannot read the input: ${(error as Error).message}; nothing was written`);
    return EXIT_CONTENT;
  }
  for (const report of reports) for (const line of describeIngestReport(report)) console.log(line);
  const unknownOnly = reports.every((r) => r.ingested === 0) && reports.some((r) => (r.skippedByKind['unknown-service'] ?? 0) > 0);
  if (unknownOnly) {
    console.error(
      `warning: no input matched a service of control plane "${controlPlane}"; check --control-plane ` +
        `(services are matched by id, then by name, against ${cpFile})`,
    );
  }
  if (reports.some((r) => r.record)) {
    await saveControlPlaneSnapshot(contentDir, snapshot);
    console.log(`wrote ${path.join(opts.content, snapshotFile(controlPlane))} (${snapshot.buckets.size} buckets: hourly for the last 7 days, daily before)`);
  } else {
    console.log('nothing new to add; the snapshot is unchanged');
  }
  return EXIT_OK;
}

/** The services of control plane CP from its decK file, or the exit code after saying why not. */
async function loadServices(
  contentDir: string,
  content: string,
  controlPlane: string,
): Promise<{ services: ServiceIndex; cpFile: string } | number> {
  const cpFile = CONTROL_PLANE_EXTENSIONS.map((ext) => `control-planes/${controlPlane}${ext}`).find((f) =>
    fs.existsSync(path.join(contentDir, f)),
  );
  if (!cpFile) {
    const known = fs.existsSync(path.join(contentDir, 'control-planes'))
      ? fs
          .readdirSync(path.join(contentDir, 'control-planes'))
          .filter((f) => CONTROL_PLANE_EXTENSIONS.includes(path.extname(f)))
          .map((f) => f.slice(0, -path.extname(f).length))
          .sort()
      : [];
    console.error(
      `control-planes/${controlPlane}.yaml: error: control plane "${controlPlane}" not found in ${content}` +
        (known.length ? `; known control planes: ${known.join(', ')}` : '; control-planes/ has no decK files'),
    );
    return EXIT_CONTENT;
  }
  const parsed = parseControlPlane(await readFile(path.join(contentDir, cpFile), 'utf8'), cpFile);
  if (!parsed.deck || parsed.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(parsed.diagnostics);
    return EXIT_CONTENT;
  }
  // Per operation (DESIGN §4b): the specs of the versions linking services of this control plane.
  const operations = await controlPlaneOperations(contentDir, controlPlane, parsed.deck);
  for (const problem of operations.problems) console.error(`warning: ${problem}`);
  const services = new ServiceIndex(listServices(parsed.deck), operations.index);
  if (services.size === 0) {
    console.error(`${cpFile}: error: the control plane has no services, so no traffic can be matched to one`);
    return EXIT_CONTENT;
  }
  return { services, cpFile };
}

/** `30d`, `12h`, `2w` before `now`, or an ISO time with a zone; undefined when neither. */
export function parseSince(text: string, now: number): number | undefined {
  const relative = /^(\d+)([hdw])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'h' | 'd' | 'w'];
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(text.trim())) return undefined;
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? undefined : t;
}

async function runPull(opts: PullCommandOptions): Promise<number> {
  if (!opts.controlPlane) throw new UsageError('--control-plane is required (a file name in content/control-planes/)');
  checkControlPlaneName(opts.controlPlane);
  if (!opts.prometheus) throw new UsageError('--prometheus is required: the base URL of a Prometheus-compatible query API');
  const headers: Record<string, string> = {};
  for (const text of opts.header) {
    const header = parseHeader(text);
    if (typeof header === 'string') throw new UsageError(header);
    headers[header.name] = header.value;
  }
  const now = Date.now();
  const start = parseSince(opts.since, now);
  if (start === undefined) throw new UsageError(`--since must be like 30d, 12h, 2w or an ISO time, not "${opts.since}"`);
  const bounds = ingestBounds(now);
  if (start < bounds.earliest) throw new UsageError(`--since ${opts.since} reaches back before 2000`);
  let api: PrometheusApi;
  try {
    api = new PrometheusApi({ url: opts.prometheus, headers });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const contentDir = contentFolder(opts.content);
  const controlPlane = opts.controlPlane;
  const cp = await loadServices(contentDir, opts.content, controlPlane);
  if (typeof cp === 'number') return cp;

  await removeStaleTempFiles(path.join(contentDir, ANALYTICS_DIR), controlPlane);
  const loaded = await loadControlPlaneSnapshot(contentDir, controlPlane, bounds);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(loaded.diagnostics);
    console.error(`atrium: ${snapshotFile(controlPlane)} is damaged; fix or remove it, then pull again (nothing was written)`);
    return EXIT_CONTENT;
  }
  const snapshot = loaded.snapshot;
  const interactive = process.stderr.isTTY === true;
  let shownTenth = -1;
  const onProgress = (p: PullProgress) => {
    const line = `pulling: ${p.done}/${p.total} chunks, ${formatCount(p.requests)} requests sent, ${formatCount(p.requests_counted)} Kong requests counted`;
    if (interactive) process.stderr.write(`\r${line}`);
    else if (Math.floor((p.done / p.total) * 10) > shownTenth) {
      shownTenth = Math.floor((p.done / p.total) * 10);
      process.stderr.write(`${line}\n`);
    }
  };
  let result;
  try {
    result = await pullPrometheus(snapshot, api, cp.services, { start, end: now, bounds, onProgress });
  } catch (error) {
    if (interactive) process.stderr.write('\n');
    if (!(error instanceof PrometheusApiError)) throw error;
    console.error(`atrium: ${error.message}; nothing was written`);
    return EXIT_CONTENT;
  }
  if (interactive) process.stderr.write('\n');
  const { report } = result;
  console.log(
    `${report.input}: ${formatCount(result.series)} series of ${result.services} services, ` +
      `${isoHour(result.start)} to ${isoHour(result.end)}, in ${formatCount(result.requests)} requests: ` +
      `${formatCount(report.requests)} requests counted` +
      (report.alreadyCountedSamples > 0 ? `, ${formatCount(report.alreadyCountedSamples)} hourly values already counted by an earlier pull` : '') +
      `, skipped ${formatCount(report.skipped)}`,
  );
  for (const line of describeCounterRules(report)) console.log(line);
  for (const s of report.firstSkips) console.log(`  skipped: ${s.reason}`);
  if (result.otherServices.length > 0) {
    console.log(
      `  ${result.otherServices.length} services in the API are not in control plane "${controlPlane}" and were left out ` +
        `(first: ${result.otherServices.slice(0, 3).join(', ')})`,
    );
  }
  console.log("  latency percentiles come from Kong's histogram buckets, interpolated within a bucket");
  if (result.series === 0) {
    console.error(`warning: no Kong series of a service of control plane "${controlPlane}" in ${report.input}; check --control-plane`);
  }
  await saveControlPlaneSnapshot(contentDir, snapshot);
  console.log(`wrote ${path.join(opts.content, snapshotFile(controlPlane))} (${snapshot.buckets.size} buckets: hourly for the last 7 days, daily before)`);
  return EXIT_OK;
}

function isoHour(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(':00.000Z', 'Z');
}

async function runMerge(shards: string[], content: string): Promise<number> {
  const contentDir = contentFolder(content);
  let status = EXIT_OK;
  for (const shard of shards) {
    if (!fs.existsSync(shard) || !fs.statSync(shard).isDirectory()) throw new UsageError(`shard folder not found: ${shard}`);
    const analyticsDir = fs.existsSync(path.join(shard, ANALYTICS_DIR)) ? path.join(shard, ANALYTICS_DIR) : shard;
    const controlPlanes = fs
      .readdirSync(analyticsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    for (const cp of controlPlanes) {
      const from = await loadSnapshotFrom(analyticsDir, cp, path.join(analyticsDir, cp, 'traffic.jsonl'));
      if (!from.exists) continue;
      const into = await loadControlPlaneSnapshot(contentDir, cp);
      const problems = [...from.diagnostics, ...into.diagnostics].filter((d) => d.severity === 'error');
      if (problems.length > 0) {
        printDiagnostics(problems);
        status = EXIT_CONTENT;
        continue;
      }
      if (snapshotContains(into.snapshot, from.snapshot)) {
        console.log(`${cp}: ${shard} is already merged; nothing added`);
        continue;
      }
      try {
        await saveControlPlaneSnapshot(contentDir, mergeSnapshots(into.snapshot, from.snapshot));
        console.log(`${cp}: merged ${from.snapshot.buckets.size} buckets from ${shard}`);
      } catch (error) {
        if (!(error instanceof SnapshotOverlapError)) throw error;
        console.error(`${cp}: error: cannot merge ${shard}: ${error.message}`);
        status = EXIT_CONTENT;
      }
    }
  }
  return status;
}

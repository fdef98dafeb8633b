/**
 * Generates the example portal's analytics: realistic Kong log lines (daily rhythm, an error
 * burst, a slow deploy) for 30 days ending at a fixed date, ingested into fresh snapshots in
 * `<content>/analytics/`. Deterministic: the same options write byte-identical snapshots.
 *
 *   node scripts/generate-analytics.ts [--content content] [--config traffic.json]
 *     [--control-plane prod ...] [--end 2026-11-20T00:00:00Z] [--days 30] [--seed 1] [--keep-logs DIR]
 *
 * Without --config every service of every control plane (or of the --control-plane ones) gets
 * traffic, sized from its name and from the control plane (names containing "prod" get full
 * traffic, "stag" a sixth, others a twentieth). A config file chooses exactly:
 *   { "end": "2026-11-20T00:00:00Z", "days": 30, "seed": 1,
 *     "services": [ { "control_plane": "prod", "name": "flights-service",
 *                     "requests_per_hour": 120, "upstream_median_ms": 45, "error_rate": 0.003 } ],
 *     "incidents": [ { "kind": "error-burst", "service": "flights-service",
 *                      "starts_hours_before_end": 129, "duration_hours": 2, "severity": 0.2 } ] }
 * Services are matched to the control plane's decK file by name (their decK id is used in the
 * log lines when the file has one).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { hash32, seededRandom } from '../src/lib/seeded-random.ts';
import { parseControlPlane } from '../src/lib/content/parse-control-plane.ts';
import { findServiceIn, listServices, readDeck, type Deck } from '../src/lib/gateway/deck.ts';
import { routerOf, routesServing } from '../src/lib/gateway/router/index.ts';
import { controlPlaneOperations } from '../src/lib/analytics/control-plane-operations.ts';
import type { ServiceLink } from '../src/lib/analytics/operation-matcher.ts';
import { ingestInputs, describeIngestReport } from '../src/lib/analytics/ingest.ts';
import { fileInput } from '../src/lib/analytics/input-stream.ts';
import { ServiceIndex, type ServiceRef } from '../src/lib/analytics/service-index.ts';
import { createSnapshot } from '../src/lib/analytics/snapshot.ts';
import { saveControlPlaneSnapshot } from '../src/lib/analytics/snapshot-files.ts';
import {
  DEFAULT_INCIDENTS,
  syntheticKongLogLines,
  type SyntheticOperation,
  type SyntheticService,
  type SyntheticTrafficOptions,
  type TrafficIncident,
} from '../src/lib/analytics/synthetic-traffic.ts';

export const DEFAULT_END = '2026-11-20T00:00:00Z';

interface TrafficConfig {
  end?: string;
  days?: number;
  seed?: number;
  services?: SyntheticService[];
  incidents?: TrafficIncident[];
}

/** A plausible traffic profile for a service, derived from its name (so it is stable). */
function defaultProfile(controlPlane: string, service: ServiceRef): SyntheticService {
  const random = seededRandom(hash32(`${controlPlane}/${service.name ?? service.id}`));
  const scale = /prod/i.test(controlPlane) ? 1 : /stag/i.test(controlPlane) ? 1 / 6 : 1 / 20;
  return {
    control_plane: controlPlane,
    name: service.name ?? service.id!,
    id: service.id,
    requests_per_hour: Math.max(2, Math.round((30 + random() * 90) * scale)),
    upstream_median_ms: Math.round(15 + random() * 120),
    error_rate: Math.round((0.001 + random() * 0.006) * 1000) / 1000,
  };
}

interface ControlPlaneFile {
  services: ServiceRef[];
  document: unknown;
}

async function controlPlaneServices(contentDir: string): Promise<Map<string, ControlPlaneFile>> {
  const dir = path.join(contentDir, 'control-planes');
  const out = new Map<string, ControlPlaneFile>();
  for (const file of (await readdir(dir)).sort()) {
    const ext = path.extname(file);
    if (!['.yaml', '.yml', '.json'].includes(ext)) continue;
    const parsed = parseControlPlane(await readFile(path.join(dir, file), 'utf8'), `control-planes/${file}`);
    if (!parsed.deck) throw new Error(`control-planes/${file} cannot be read: ${parsed.diagnostics[0]?.message ?? 'invalid'}`);
    out.set(file.slice(0, -ext.length), { services: listServices(parsed.deck), document: parsed.deck });
  }
  return out;
}

/**
 * What consumers call on a service: every spec operation of the versions linking it that a
 * route serves (Kong answers the others 404 without a service), on the first route Kong
 * tries, with a stable share of the traffic (reads more than writes) and latency.
 */
function syntheticOperations(deck: Deck, service: SyntheticService, links: readonly ServiceLink[], seed: number): SyntheticOperation[] {
  const found = findServiceIn(deck, service.id ?? service.name) ?? findServiceIn(deck, service.name);
  if (!found) return [];
  const router = routerOf(deck);
  const routes = router.live.filter((route) => route.deck.service === found.index);
  const out = new Map<string, SyntheticOperation>();
  for (const link of links) {
    if (findServiceIn(deck, link.service) !== found) continue;
    for (const op of link.operations) {
      const [serving] = routesServing(routes, router.candidates, { method: op.method.toLowerCase(), path: op.path });
      if (!serving) continue;
      const random = seededRandom(hash32(`${seed}/${service.control_plane}/${service.name}/${op.method} ${op.path}`));
      const route = serving.match.route.deck;
      out.set(`${op.method} ${op.path}`, {
        method: op.method,
        path: serving.paths[0]!,
        route: { ...(route.id ? { id: route.id } : {}), ...(route.name ? { name: route.name } : {}) },
        weight: (op.method.toLowerCase() === 'get' ? 3 : 1) * (0.2 + random() * 1.6),
        latency_factor: 0.4 + random() * 1.8,
      });
    }
  }
  return [...out.values()];
}

/** A stable number of distinct consumers for a service, bigger in production. */
function consumerCount(controlPlane: string, service: SyntheticService): number {
  const random = seededRandom(hash32(`${controlPlane}/${service.name}/consumers`));
  return Math.round((/prod/i.test(controlPlane) ? 30 : 6) * (0.5 + random()));
}

async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  let n = 0;
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    n++;
    if (batch.length === 2000) {
      if (!out.write(batch.join('\n') + '\n')) await once(out, 'drain');
      batch = [];
    }
  }
  if (batch.length) out.write(batch.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  return n;
}

export async function generateAnalytics(options: {
  contentDir: string;
  config?: TrafficConfig;
  controlPlanes?: string[];
  end?: string;
  days?: number;
  seed?: number;
  keepLogs?: string;
  log?: (line: string) => void;
}): Promise<void> {
  const log = options.log ?? console.log;
  const decks = await controlPlaneServices(options.contentDir);
  const config = options.config ?? {};
  const end = Date.parse(options.end ?? config.end ?? DEFAULT_END);
  if (Number.isNaN(end)) throw new Error('--end must be an ISO time, e.g. 2026-11-20T00:00:00Z');
  const days = options.days ?? config.days ?? 30;
  const seed = options.seed ?? config.seed ?? 1;
  const wanted = options.controlPlanes?.length ? options.controlPlanes : [...decks.keys()];

  const services: SyntheticService[] = config.services
    ? config.services.map((s) => {
        const known = decks.get(s.control_plane)?.services.find((d) => d.name === s.name || d.id === s.name);
        if (!known) throw new Error(`service "${s.name}" is not in control-planes/${s.control_plane}`);
        return { ...s, id: s.id ?? known.id };
      })
    : wanted.flatMap((cp) => (decks.get(cp)?.services ?? []).map((s) => defaultProfile(cp, s)));

  const workDir = options.keepLogs ?? (await mkdtemp(path.join(os.tmpdir(), 'atrium-generate-')));
  await mkdir(workDir, { recursive: true });
  try {
    for (const cp of [...new Set(services.map((s) => s.control_plane))].sort()) {
      if (!decks.has(cp)) throw new Error(`control plane "${cp}" has no file in control-planes/`);
      const operations = await controlPlaneOperations(options.contentDir, cp, decks.get(cp)!.document);
      // A version whose spec does not load still gets traffic, all of it unmatched: say so.
      for (const problem of operations.problems) console.error(`warning: ${problem}`);
      const deck = readDeck(decks.get(cp)!.document);
      const mine = services
        .filter((s) => s.control_plane === cp)
        .map((s) => ({ ...s, operations: s.operations ?? syntheticOperations(deck, s, operations.links, seed), consumers: s.consumers ?? consumerCount(cp, s) }));
      const traffic: SyntheticTrafficOptions = {
        services: mine,
        end,
        days,
        seed: seed + hash32(cp),
        incidents: config.incidents ?? DEFAULT_INCIDENTS,
      };
      const file = path.join(workDir, `${cp}.log`);
      const lines = await writeLines(file, syntheticKongLogLines(traffic));
      // A fresh snapshot: re-running the generator replaces the example data, never adds to it.
      const snapshot = createSnapshot(cp);
      const [report] = await ingestInputs(snapshot, [await fileInput(file)], new ServiceIndex(decks.get(cp)!.services, operations.index), {
        format: 'kong-log',
        // The generated traffic ends at `end`: that is its clock, whatever day the generator runs.
        now: end,
      });
      for (const line of describeIngestReport({ ...report!, input: `${cp} (${lines} generated lines)` })) log(line);
      const written = await saveControlPlaneSnapshot(options.contentDir, snapshot);
      log(`wrote ${path.relative(process.cwd(), written)} (${mine.length} services, ${snapshot.buckets.size} buckets: hourly for the last 7 days, daily before)`);
    }
  } finally {
    if (!options.keepLogs) await rm(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      content: { type: 'string', default: 'content' },
      config: { type: 'string' },
      'control-plane': { type: 'string', multiple: true },
      end: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      'keep-logs': { type: 'string' },
    },
  });
  const config = values.config ? (JSON.parse(await readFile(values.config, 'utf8')) as TrafficConfig) : undefined;
  await generateAnalytics({
    contentDir: path.resolve(values.content!),
    config,
    controlPlanes: values['control-plane'],
    end: values.end,
    days: values.days === undefined ? undefined : Number(values.days),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    keepLogs: values['keep-logs'],
  });
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`generate-analytics: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}

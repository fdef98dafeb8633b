/**
 * One measured `atrium build`: `node bin/atrium.js build` as a child process with its own
 * cache folder (ATRIUM_CACHE_DIR), then the built site measured on disk.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBuildOutput, type BuildSummary } from './build-output.ts';
import { measureProcess } from './measure-process.ts';
import { measureSite, type SiteFigures } from './measure-site.ts';
import { measureSearch, type SearchFigures } from './search-figures.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunRecord {
  scenario: string;
  run: 'cold' | 'warm';
  ok: boolean;
  exitCode: number | null;
  /** 1-minute load average when the build started: other work on a shared machine slows it. */
  loadAverage: number;
  wallSeconds: number;
  userSeconds?: number;
  systemSeconds?: number;
  pages: number;
  pagesPerSecond: number;
  /** Peak RSS of the Node build process itself. */
  nodeRssBytes: number;
  /** Largest single process (Node, Chromium, the JVM or Pagefind), as /usr/bin/time -v reports it. */
  peakRssBytes: number;
  peakRssSource: string;
  gnuTimeMaxRssBytes?: number;
  /** Largest RSS summed over the process tree at one moment (upper bound). */
  treePeakRssBytes: number;
  /** Peak RSS per process name (node, chromium, java for PlantUML, pagefind), sampled. */
  peakRssByProcess: Record<string, number>;
  summary?: BuildSummary;
  phasesMs: Record<string, number>;
  diagrams?: { rendered: number; cached: number };
  site?: SiteFigures;
  /** The search index: bytes per page and one query's download (issue 17). */
  search?: SearchFigures;
  /** Warm runs: files the build added or rewrote in the cache, by area. */
  cacheWrites?: Record<string, number>;
  /** Last lines of the output when the build failed. */
  error?: string;
}

export interface AtriumBuildInput {
  scenario: string;
  run: 'cold' | 'warm';
  contentDir: string;
  outDir: string;
  cacheDir: string;
  audience: 'public' | 'internal';
  echo?: boolean;
}

export async function runAtriumBuild(input: AtriumBuildInput): Promise<RunRecord> {
  const loadAverage = round(os.loadavg()[0]!, 2);
  const measured = await measureProcess(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/atrium.js'), 'build', '--content', input.contentDir, '--out', input.outDir, '--audience', input.audience],
    {
      // Any working directory works (a build renders in its own folder beside the output,
      // src/build/output-swap.ts); the repo's, as a user of the checkout would run it.
      cwd: REPO_ROOT,
      env: { ...process.env, ATRIUM_CACHE_DIR: input.cacheDir },
      ...(input.echo === false ? {} : { echo: '    │ ' }),
    },
  );
  const parsed = parseBuildOutput(measured.stdout);
  const ok = measured.exitCode === 0 && parsed.summary !== undefined;
  const wallSeconds = measured.wallMs / 1000;
  const pages = parsed.summary?.pages ?? 0;
  const record: RunRecord = {
    scenario: input.scenario,
    run: input.run,
    ok,
    exitCode: measured.exitCode,
    loadAverage,
    wallSeconds: round(wallSeconds, 2),
    ...(measured.userSeconds !== undefined ? { userSeconds: measured.userSeconds } : {}),
    ...(measured.systemSeconds !== undefined ? { systemSeconds: measured.systemSeconds } : {}),
    pages,
    pagesPerSecond: round(pages / wallSeconds, 1),
    nodeRssBytes: measured.peakRssByProcess.node ?? measured.peakRssBytes,
    peakRssBytes: measured.peakRssBytes,
    peakRssSource: measured.peakRssSource,
    ...(measured.gnuTimeMaxRssBytes !== undefined ? { gnuTimeMaxRssBytes: measured.gnuTimeMaxRssBytes } : {}),
    treePeakRssBytes: measured.treePeakRssBytes,
    peakRssByProcess: measured.peakRssByProcess,
    phasesMs: parsed.phases,
  };
  if (parsed.summary) {
    record.summary = parsed.summary;
    record.diagrams = { rendered: parsed.summary.diagramsRendered, cached: parsed.summary.diagramsCached };
  }
  if (ok) {
    record.site = await measureSite(input.outDir);
    const search = await measureSearch(input.outDir);
    if (search) record.search = search;
  }
  else record.error = (measured.stderr || measured.stdout).trim().split('\n').slice(-8).join('\n');
  return record;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

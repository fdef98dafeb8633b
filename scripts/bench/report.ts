/** The compact tables `npm run bench` prints, and the results.json it writes. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliStartRecord } from './cli-start.ts';
import type { MachineInfo } from './machine.ts';
import type { PageType } from './measure-site.ts';
import type { RunRecord } from './run-build.ts';
import type { ScenarioResult } from './scenarios.ts';
import type { PeerRun } from './starlight.ts';
import type { TargetCheck } from './targets.ts';

export interface ScalePoint {
  products: number;
  pages: number;
  wallSeconds: number;
  /** The Node build process: what must stay sub-linear. */
  nodeRssBytes: number;
  peakRssByProcess: Record<string, number>;
  treePeakRssBytes: number;
}

export interface Comparison {
  spec: string;
  specFile: string;
  starlight?: PeerRun;
  atrium?: RunRecord;
  skipped?: string;
}

export interface BenchResults {
  machine: MachineInfo;
  options: Record<string, unknown>;
  scenarios: ScenarioResult[];
  scale?: { points: ScalePoint[]; note: string };
  comparison?: Comparison;
  analytics?: string[];
  cliStart?: CliStartRecord[];
  targets: TargetCheck[];
}

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`;
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** Left-aligned first column, right-aligned figures. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

type Row = Pick<RunRecord, 'ok' | 'wallSeconds' | 'pages' | 'pagesPerSecond' | 'nodeRssBytes' | 'treePeakRssBytes' | 'peakRssByProcess' | 'site'> & {
  label: string;
  loadAverage?: number;
  diagrams?: { rendered: number; cached: number };
  cacheWrites?: Record<string, number>;
};

export function runsTable(rows: Row[]): string {
  return table(
    ['run', 'wall', 'load', 'pages', 'pages/s', 'node RSS', 'largest other process', 'tree RSS', 'output', 'largest page', 'diagrams r/c', 'cache writes'],
    rows.map((r) => [
      r.label,
      r.ok ? `${r.wallSeconds.toFixed(1)} s` : 'FAILED',
      r.loadAverage === undefined ? '-' : r.loadAverage.toFixed(1),
      String(r.pages),
      r.pagesPerSecond.toFixed(1),
      mib(r.nodeRssBytes),
      largestHelper(r.peakRssByProcess),
      r.treePeakRssBytes ? mib(r.treePeakRssBytes) : '-',
      r.site ? mib(r.site.outputBytes) : '-',
      r.site ? `${kib(r.site.largestPage.bytes)} ${shortPath(r.site.largestPage.path)}` : '-',
      r.diagrams ? `${r.diagrams.rendered}/${r.diagrams.cached}` : '-',
      r.cacheWrites ? Object.entries(r.cacheWrites).map(([k, v]) => `${k} ${v}`).join(', ') || 'none' : '-',
    ]),
  );
}

const JS_COLUMNS: PageType[] = ['catalog', 'product', 'docs', 'version', 'reference', 'operation'];

export function jsTable(rows: Row[]): string {
  return table(
    ['JS per page (median)', ...JS_COLUMNS],
    rows.filter((r) => r.site).map((r) => [r.label, ...JS_COLUMNS.map((t) => (r.site!.jsBytesByPageType[t] ? kib(r.site!.jsBytesByPageType[t]!.median) : '-'))]),
  );
}

/** The search index per run: bytes per page, and the largest one-query download of the sampled queries. */
export function searchTable(runs: readonly RunRecord[]): string {
  return table(
    ['search index', 'pages', 'data', 'per page', 'query download (max)', 'of it: code', 'meta', 'index', 'fragments', 'filters'],
    runs.filter((r) => r.search).map((r) => {
      const s = r.search!;
      const q = [...s.queries].sort((a, b) => b.bytes - a.bytes)[0];
      const part = (k: string) => (q?.byKind[k] ? kib(q.byKind[k]!) : '-');
      return [`${r.scenario} ${r.run}`, String(s.pages), mib(s.dataBytes), `${s.bytesPerPage} B`, q ? `${kib(q.bytes)} "${q.query}"` : '-', part('code'), part('meta'), part('index'), part('fragment'), part('filter')];
    }),
  );
}

export function recordRows(runs: readonly RunRecord[]): Row[] {
  return runs.map((r) => ({ ...r, label: `${r.scenario} ${r.run}` }));
}

export function peerRow(run: PeerRun, label: string): Row {
  return { ...run, label };
}

export function scaleTable(points: readonly ScalePoint[]): string {
  const first = points[0];
  return table(
    ['products', 'pages', 'wall', 'node RSS', 'node RSS / first', 'products / first', 'largest other process', 'tree RSS'],
    points.map((p) => [
      String(p.products),
      String(p.pages),
      `${p.wallSeconds.toFixed(1)} s`,
      mib(p.nodeRssBytes),
      first ? `${(p.nodeRssBytes / first.nodeRssBytes).toFixed(2)}×` : '-',
      first ? `${(p.products / first.products).toFixed(2)}×` : '-',
      largestHelper(p.peakRssByProcess),
      p.treePeakRssBytes ? mib(p.treePeakRssBytes) : '-',
    ]),
  );
}

export function targetsList(checks: readonly TargetCheck[]): string {
  return checks.map((c) => `${c.met ? '✓' : '✗'} ${c.target}: ${c.actual}`).join('\n');
}

export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(results, null, 2) + '\n');
}

/** The biggest process other than Node (Chromium, PlantUML's JVM, Pagefind), by sampled peak. */
function largestHelper(byProcess: Record<string, number>): string {
  const [name, bytes] = Object.entries(byProcess).filter(([n]) => n !== 'node').sort((a, b) => b[1] - a[1])[0] ?? [];
  return name ? `${name} ${mib(bytes!)}` : '-';
}

function shortPath(p: string): string {
  const s = p.replace(/\/index\.html$/, '/');
  return s.length > 48 ? `…${s.slice(-47)}` : s;
}

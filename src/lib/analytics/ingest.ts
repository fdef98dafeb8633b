/**
 * One ingest run over several inputs of one format into a control plane's snapshot, and
 * the lines the CLI prints about it.
 */
import type { IngestReport } from './ingest-report.ts';
import { ingestKongLog } from './ingest-kong-log.ts';
import { ingestPrometheus } from './ingest-prometheus.ts';
import type { IngestInput } from './input-stream.ts';
import type { ServiceIndex } from './service-index.ts';
import { ingestBounds } from './input-bounds.ts';
import type { ControlPlaneSnapshot, InputFormat } from './snapshot.ts';
import { formatCount } from './format.ts';

export interface IngestOptions {
  format: InputFormat;
  /** Prometheus only: an `instance` label for every sample (one Kong node's scrapes). */
  instance?: string;
  /** The ingest's clock (epoch ms): input dated more than a day after it is skipped. Default: now. */
  now?: number;
}

/**
 * Reads every input into `snapshot` (mutated). Inputs are read one after another, so the
 * same file given twice is counted once. Throws on an unreadable input (I/O error, broken
 * gzip); callers then keep the snapshot on disk as it was.
 */
export async function ingestInputs(
  snapshot: ControlPlaneSnapshot,
  inputs: readonly IngestInput[],
  services: ServiceIndex,
  options: IngestOptions,
): Promise<IngestReport[]> {
  const bounds = ingestBounds(options.now ?? Date.now());
  if (options.format === 'prometheus') {
    return ingestPrometheus(snapshot, inputs, services, {
      extraLabels: options.instance ? { instance: options.instance } : undefined,
      bounds,
    });
  }
  const reports: IngestReport[] = [];
  for (const input of inputs) reports.push(await ingestKongLog(snapshot, input, services, bounds));
  return reports;
}

/** A few lines per input for the terminal. */
export function describeIngestReport(report: IngestReport): string[] {
  const what = report.format === 'kong-log' ? 'lines' : 'samples';
  const lines: string[] = [];
  const fully = report.alreadyIngestedLines > 0 && report.alreadyIngestedLines === report.linesRead;
  if (fully) {
    lines.push(
      `${report.input}: already ingested (${formatCount(report.alreadyIngestedLines)} lines with the same content); nothing added`,
    );
    return lines;
  }
  const parts = [`read ${formatCount(report.linesRead)} lines`];
  if (report.alreadyIngestedLines > 0) parts.push(`already ingested ${formatCount(report.alreadyIngestedLines)}`);
  parts.push(`ingested ${formatCount(report.ingested)} ${what}`);
  if (report.format === 'prometheus') parts.push(`${formatCount(report.requests)} requests`);
  parts.push(`skipped ${formatCount(report.skipped)}`);
  lines.push(`${report.input}: ${parts.join(', ')}`);
  if (report.format === 'prometheus') lines.push(...describeCounterRules(report));
  if (report.unmatched > 0) {
    lines.push(
      `  ${formatCount(report.unmatched)} requests matched no operation of the linked spec by route or by method and path; ` +
        `counted as "(unmatched)" (first: ${report.firstUnmatched})`,
    );
  }
  if (report.unlinked > 0) {
    lines.push(`  ${formatCount(report.unlinked)} requests of services no version links: counted for the service, not per operation`);
  }
  if (report.skipped > 0) {
    const kinds = Object.entries(report.skippedByKind)
      .map(([kind, n]) => `${kind} ${formatCount(n)}`)
      .join(', ');
    lines.push(`  skipped by reason: ${kinds}`);
    for (const s of report.firstSkips) lines.push(`  ${report.input}:${s.line}: skipped: ${s.reason}`);
    if (report.skipped > report.firstSkips.length) {
      lines.push(`  … and ${formatCount(report.skipped - report.firstSkips.length)} more skipped`);
    }
  }
  return lines;
}

/** What the counter rules did: baselines and resets, said plainly (counter-rules.ts). */
export function describeCounterRules(report: IngestReport): string[] {
  const lines: string[] = [];
  if (report.baselineSeries > 0 && report.requests === 0 && report.resets === 0) {
    lines.push(
      `  only a baseline: the first scrape of each of ${formatCount(report.baselineSeries)} series says how much ` +
        'Kong served since it started, not when; requests are counted from the next scrape on',
    );
  } else if (report.baselineSeries > 0) {
    lines.push(`  ${formatCount(report.baselineSeries)} series started at their first scrape (a baseline, not counted)`);
  }
  if (report.resets > 0) lines.push(`  ${formatCount(report.resets)} counter resets (Kong restarted); counted from zero`);
  return lines;
}

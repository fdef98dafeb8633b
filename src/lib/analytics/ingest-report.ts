/**
 * What an ingest tells the user about one input: lines read, counted, skipped (with the
 * first few reasons and line numbers, so a bad log can be found and fixed) and already
 * counted by an earlier ingest.
 */
import type { IngestRecord, InputFormat } from './snapshot.ts';

export type SkipKind =
  | 'blank'
  | 'malformed-json'
  | 'not-an-object'
  | 'missing-time'
  | 'missing-status'
  | 'no-service'
  | 'unknown-service'
  | 'too-long'
  | 'incomplete-last-line'
  | 'malformed-sample'
  | 'no-scrape-time'
  | 'stale-sample'
  /** Outside the bounds of input-bounds.ts: */
  | 'time-out-of-range'
  | 'bad-latency'
  | 'bad-size'
  | 'counter-jump'
  /** Not HTTP traffic, or a Kong too old to name a service: */
  | 'stream-session'
  | 'legacy-api';

export interface SkippedLine {
  line: number;
  kind: SkipKind;
  reason: string;
}

export const FIRST_SKIPS_KEPT = 10;

export interface IngestReport {
  input: string;
  format: InputFormat;
  linesRead: number;
  /** Lines 1..n of this input were counted by an earlier ingest. */
  alreadyIngestedLines: number;
  /** Kong log: lines counted. Prometheus: samples used. */
  ingested: number;
  /** Requests added to the snapshot. */
  requests: number;
  /** Prometheus: series whose first observation was only a baseline (counts start after it). */
  baselineSeries: number;
  /** Prometheus: counter resets (Kong restarts) seen, summed over series. */
  resets: number;
  /** Prometheus pull: samples an earlier pull already counted. */
  alreadyCountedSamples: number;
  skipped: number;
  skippedByKind: Partial<Record<SkipKind, number>>;
  /** The first FIRST_SKIPS_KEPT skipped lines, in line order. */
  firstSkips: SkippedLine[];
  /** Kong log: requests counted as "(unmatched)": no operation of a linked version's spec. */
  unmatched: number;
  /** The first of them, as `line 12: OPTIONS /flights`. */
  firstUnmatched?: string;
  /** Kong log: requests of services no version links, so there was no spec to match. */
  unlinked: number;
  /** The ledger entry this ingest adds; absent when there was nothing new. */
  record?: IngestRecord;
}

export function emptyReport(input: string, format: InputFormat): IngestReport {
  return {
    input,
    format,
    linesRead: 0,
    alreadyIngestedLines: 0,
    ingested: 0,
    requests: 0,
    baselineSeries: 0,
    resets: 0,
    alreadyCountedSamples: 0,
    skipped: 0,
    skippedByKind: {},
    firstSkips: [],
    unmatched: 0,
    unlinked: 0,
  };
}

export function noteSkip(report: IngestReport, line: number, kind: SkipKind, reason: string): void {
  report.skipped++;
  report.skippedByKind[kind] = (report.skippedByKind[kind] ?? 0) + 1;
  if (report.firstSkips.length < FIRST_SKIPS_KEPT) report.firstSkips.push({ line, kind, reason });
}

/** Forgets counts gathered so far (the lines turned out to be counted by an earlier ingest). */
export function resetCounts(report: IngestReport): void {
  report.ingested = 0;
  report.requests = 0;
  report.baselineSeries = 0;
  report.resets = 0;
  report.alreadyCountedSamples = 0;
  report.skipped = 0;
  report.skippedByKind = {};
  report.firstSkips = [];
  report.unmatched = 0;
  report.unlinked = 0;
  delete report.firstUnmatched;
}

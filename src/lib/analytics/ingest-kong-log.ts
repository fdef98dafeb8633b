/**
 * `--format kong-log`: streams Kong JSON log lines into a control plane's snapshot.
 * Memory depends on the number of services × hours (× operations) in the input, never on its
 * size. Each line is also counted under its operation (operation-matcher.ts) when a version
 * links the service, and its consumer, if it names one, is noted by key (consumer-key.ts).
 */
import { emptyReport, noteSkip, resetCounts, type IngestReport } from './ingest-report.ts';
import { decodedChunks, type IngestInput } from './input-stream.ts';
import { ingestBounds, timeProblem, type IngestBounds } from './input-bounds.ts';
import { consumerKey } from './consumer-key.ts';
import { parseKongLogLine, type KongLogRecord } from './kong-log-line.ts';
import { readLines, type KnownPrefixes } from './line-reader.ts';
import type { ServiceIndex } from './service-index.ts';
import { addBucket, type ControlPlaneSnapshot, type InputFormat } from './snapshot.ts';
import { BucketAccumulator, operationCounts, UNMATCHED, type TrafficCounts } from './traffic-bucket.ts';

function countLine(counts: TrafficCounts, r: KongLogRecord): void {
  counts.status.set(r.status, (counts.status.get(r.status) ?? 0) + 1);
  counts.request_bytes += r.requestBytes;
  counts.response_bytes += r.responseBytes;
  if (r.responseLatency !== undefined) counts.response_latency.add(r.responseLatency);
  if (r.upstreamLatency !== undefined) counts.upstream_latency.add(r.upstreamLatency);
  if (r.kongLatency !== undefined) counts.kong_latency.add(r.kongLatency);
}

/** Ledger prefixes of one input format, for readLines. */
export function knownPrefixes(snapshot: ControlPlaneSnapshot, format: InputFormat): KnownPrefixes {
  const known = new Map<number, Set<string>>();
  for (const r of snapshot.ingested) {
    if (r.format !== format) continue;
    let hashes = known.get(r.lines[1]);
    if (!hashes) known.set(r.lines[1], (hashes = new Set()));
    hashes.add(r.sha256);
  }
  return known;
}

/**
 * Reads one input into `snapshot` (mutated: buckets added, ledger entry appended). Lines an
 * earlier ingest counted (same content hash) are recognised and not counted again. Lines
 * dated outside `bounds` (input-bounds.ts; by default from this machine's clock) are skipped.
 */
export async function ingestKongLog(
  snapshot: ControlPlaneSnapshot,
  input: IngestInput,
  services: ServiceIndex,
  bounds: IngestBounds = ingestBounds(Date.now()),
): Promise<IngestReport> {
  const report = emptyReport(input.name, 'kong-log');
  const buckets = new BucketAccumulator();
  const controlPlane = snapshot.control_plane;

  const result = await readLines(decodedChunks(input.open()), knownPrefixes(snapshot, 'kong-log'), {
    line(text, lineNumber, terminated) {
      const parsed = parseKongLogLine(text);
      if (!parsed.ok) {
        if (!terminated && (parsed.kind === 'malformed-json' || parsed.kind === 'blank')) {
          if (parsed.kind === 'malformed-json') {
            noteSkip(
              report,
              lineNumber,
              'incomplete-last-line',
              'the last line has no newline and is not complete JSON (Kong may still be writing it); ' +
                'the next ingest reads it',
            );
          }
          return false;
        }
        noteSkip(report, lineNumber, parsed.kind, parsed.reason);
        return true;
      }
      const r = parsed.record;
      const badTime = timeProblem(r.startedAt, bounds, '`started_at`');
      if (badTime) {
        // Kong writes epoch milliseconds; a hand-made log in seconds is the usual mistake.
        const inSeconds = r.startedAt < bounds.earliest && !timeProblem(r.startedAt * 1000, bounds);
        noteSkip(report, lineNumber, 'time-out-of-range', badTime + (inSeconds ? ' (this looks like seconds; Kong writes milliseconds)' : ''));
        return true;
      }
      if (r.serviceId === undefined && r.serviceName === undefined) {
        noteSkip(report, lineNumber, 'no-service', 'no `service` in the entry (the request matched no route)');
        return true;
      }
      const service = services.match(r.serviceId, r.serviceName);
      if (!service) {
        const named = [
          r.serviceId !== undefined ? `id "${r.serviceId}"` : '',
          r.serviceName !== undefined ? `name "${r.serviceName}"` : '',
        ]
          .filter(Boolean)
          .join(', ');
        noteSkip(report, lineNumber, 'unknown-service', `service ${named} is not in control plane "${controlPlane}"`);
        return true;
      }
      const bucket = buckets.bucket(service, r.startedAt);
      countLine(bucket, r);
      const operations = services.operationsOf(service);
      if (operations) {
        const key = operations.match(r);
        countLine(operationCounts(bucket, key), r);
        if (key === UNMATCHED) {
          report.unmatched++;
          report.firstUnmatched ??= `line ${lineNumber}: ${r.method ?? '(no method)'} ${r.path ?? '(no path)'}`;
        }
      } else report.unlinked++;
      if (r.consumer !== undefined) (bucket.consumers ??= new Set()).add(consumerKey(r.consumer));
      report.ingested++;
      report.requests++;
      return true;
    },
    overlong(lineNumber) {
      noteSkip(report, lineNumber, 'too-long', 'line longer than 1 MiB; not a Kong log entry');
    },
    alreadyIngested() {
      buckets.clear();
      resetCounts(report);
    },
  });

  report.linesRead = result.linesRead;
  report.alreadyIngestedLines = result.alreadyIngested;
  // Nothing usable (e.g. every line for another control plane): record nothing, so the same
  // input can be ingested once the control plane or its decK file is fixed.
  if (result.lines > result.alreadyIngested && report.ingested > 0) {
    for (const bucket of buckets.buckets()) addBucket(snapshot, bucket, true);
    report.record = { format: 'kong-log', sha256: result.sha256, lines: [result.alreadyIngested + 1, result.lines] };
    snapshot.ingested.push(report.record);
  }
  return report;
}

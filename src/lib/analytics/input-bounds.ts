/**
 * What analytics input may hold. One line of a log or scrape must not be able to move the
 * newest data point centuries ahead (every window then lies after all real traffic), write a
 * sum JSON cannot hold (`1e308` latencies add up to Infinity, written as `null`), or leave a
 * counter stale for ever. So every value is checked against a stated bound on the way in, and
 * a line outside it is skipped with its line number, like any other bad line:
 *
 * - times from 2000-01-01 to one day after the ingest's own clock (the day absorbs clock skew
 *   between data planes and the machine running the ingest; Kong did not exist before 2000);
 * - latencies from 0 to one day in milliseconds (Kong's own timeouts are far shorter);
 *   `latencies.proxy` -1 means "not proxied" and is the one negative value allowed;
 * - request and response sizes from 0 to 1 TiB;
 * - Prometheus counter and histogram values exact integers-or-floats below 2^53, growing by at
 *   most 1,000,000 requests (or 1 TiB) per second of scrape interval per series, and histogram
 *   sums by at most one day of latency per request.
 *
 * Snapshot files (`snapshot-format.ts`) are held to fixed bounds instead (2000 to 2100), so a
 * build never depends on the clock of the machine running it.
 */

export const DAY_MS = 86_400_000;
/** No Kong log or scrape is dated before this. */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1);
/** How far past the ingest's clock a time may be (clock skew between machines). */
export const CLOCK_SKEW_MS = DAY_MS;
/** The latest time a snapshot file may hold, whatever the clock says (fixed, for determinism). */
export const LATEST_SNAPSHOT_TIME_MS = Date.UTC(2100, 0, 1);
export const MAX_LATENCY_MS = DAY_MS;
export const MAX_MESSAGE_BYTES = 2 ** 40;
/** Per series and second of scrape interval. */
export const MAX_REQUESTS_PER_SECOND = 1_000_000;
export const MAX_BYTES_PER_SECOND = 2 ** 40;

/** The bounds of one ingest run: the clock is read once, at its start. */
export interface IngestBounds {
  earliest: number;
  latest: number;
  /** Why `latest` is where it is, for messages. */
  latestIs: string;
}

export function ingestBounds(now: number): IngestBounds {
  return { earliest: EARLIEST_TIME_MS, latest: now + CLOCK_SKEW_MS, latestIs: "a day after this machine's clock" };
}

/** The bounds a snapshot file is read with; an ingest passes its own clock's `ingestBounds` instead. */
export function snapshotBounds(): IngestBounds {
  return { earliest: EARLIEST_TIME_MS, latest: LATEST_SNAPSHOT_TIME_MS, latestIs: 'the latest date a snapshot may hold' };
}

/** Why `epochMs` cannot be a time of traffic, or undefined when it can. */
export function timeProblem(epochMs: number, bounds: IngestBounds, what = 'time'): string | undefined {
  if (!Number.isFinite(epochMs)) return `${what} is not a finite number`;
  if (epochMs < bounds.earliest) return `${what} ${describeTime(epochMs)} is before ${isoDate(bounds.earliest)}`;
  if (epochMs > bounds.latest) {
    return `${what} ${describeTime(epochMs)} is after ${isoDate(bounds.latest)} (${bounds.latestIs})`;
  }
  return undefined;
}

/** Why a latency in ms is not one, or undefined. */
export function latencyProblem(value: number, what: string): string | undefined {
  if (!Number.isFinite(value)) return `${what} is not a finite number`;
  if (value < 0) return `${what} ${value} is negative`;
  if (value > MAX_LATENCY_MS) return `${what} ${value} ms is more than a day`;
  return undefined;
}

/** Why a size in bytes is not one, or undefined. */
export function sizeProblem(value: number, what: string): string | undefined {
  if (!Number.isFinite(value)) return `${what} is not a finite number`;
  if (value < 0) return `${what} ${value} is negative`;
  if (value > MAX_MESSAGE_BYTES) return `${what} ${value} bytes is more than 1 TiB`;
  return undefined;
}

/** Why a Prometheus sample value cannot be a Kong counter or histogram value, or undefined. */
export function sampleValueProblem(value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return `value ${value} is not a finite number >= 0`;
  if (value > Number.MAX_SAFE_INTEGER) return `value ${value} is beyond 2^53, where counts are no longer exact`;
  return undefined;
}

/** A time as ISO text when it is one, else the number (out of the Date range). */
function describeTime(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? String(epochMs) : `${epochMs} (${date.toISOString()})`;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

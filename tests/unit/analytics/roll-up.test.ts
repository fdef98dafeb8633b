/** Snapshots stay small: hourly for the last 7 days, daily before, exactly. */
import { describe, expect, it } from 'vitest';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { metricsOf } from '../../../src/lib/analytics/metrics.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { createSnapshot, rollUpSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { parseSnapshot, serializeSnapshot } from '../../../src/lib/analytics/snapshot-format.ts';
import { kongLine } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NEWEST = Date.parse('2026-11-20T00:00:00Z');
const services = () => new ServiceIndex([{ id: 'f1', name: 'flights-service' }]);
const bounds = { earliest: 0, latest: NEWEST + DAY, latestIs: 'test' };

async function tenDays() {
  const snapshot = createSnapshot('prod');
  const lines: string[] = [];
  // Three requests an hour for ten days, latencies and statuses varying.
  for (let t = NEWEST - 10 * DAY + 10 * 60_000; t < NEWEST; t += 20 * 60_000) {
    const i = lines.length;
    lines.push(kongLine({ startedAt: t, status: i % 17 === 0 ? 503 : 200, request: 20 + (i % 50), proxy: 10 + (i % 40), kong: 1 + (i % 5), serviceId: 'f1' }));
  }
  await ingestKongLog(snapshot, bufferInput('a.log', lines.join('\n') + '\n'), services(), bounds);
  return snapshot;
}

const inWindow = (snapshot: ReturnType<typeof createSnapshot>, from: number) => [...snapshot.buckets.values()].filter((b) => b.hour >= from);

describe('rollUpSnapshot', () => {
  it('keeps the last 7 days hourly and sums the days before exactly', async () => {
    const snapshot = await tenDays();
    const before = { all: metricsOf(snapshot.buckets.values()), week: metricsOf(inWindow(snapshot, NEWEST - 7 * DAY)), day: metricsOf(inWindow(snapshot, NEWEST - DAY)) };
    const hourly = snapshot.buckets.size;
    rollUpSnapshot(snapshot);
    expect(hourly).toBe(240);
    expect(snapshot.buckets.size).toBe(7 * 24 + 3);
    const days = [...snapshot.buckets.values()].filter((b) => b.hours === 24).map((b) => new Date(b.hour).toISOString());
    expect(days).toEqual(['2026-11-10T00:00:00.000Z', '2026-11-11T00:00:00.000Z', '2026-11-12T00:00:00.000Z']);
    expect(metricsOf(snapshot.buckets.values())).toEqual(before.all);
    expect(metricsOf(inWindow(snapshot, NEWEST - 7 * DAY))).toEqual(before.week);
    expect(metricsOf(inWindow(snapshot, NEWEST - DAY))).toEqual(before.day);

    // Idempotent, and the file form round-trips.
    const text = serializeSnapshot(snapshot);
    rollUpSnapshot(snapshot);
    expect(serializeSnapshot(snapshot)).toBe(text);
    expect(text).toContain('{"hour":"2026-11-10T00:00:00Z","hours":24,"service":{"id":"f1"');
    const parsed = parseSnapshot(text, 'traffic.jsonl', 'prod');
    expect(parsed.diagnostics).toEqual([]);
    expect(serializeSnapshot(parsed.snapshot)).toBe(text);
    console.log(`10 days, one service: ${hourly} hourly buckets → ${snapshot.buckets.size} after roll-up`);
  });

  it('folds a late hour into its day, and refuses a day that does not start at midnight', async () => {
    const snapshot = await tenDays();
    rollUpSnapshot(snapshot);
    const late = Date.parse('2026-11-10T13:30:00Z');
    await ingestKongLog(snapshot, bufferInput('late.log', kongLine({ startedAt: late, status: 404, serviceId: 'f1' }) + '\n'), services(), bounds);
    rollUpSnapshot(snapshot);
    const day = [...snapshot.buckets.values()].find((b) => b.hour === Date.parse('2026-11-10T00:00:00Z'))!;
    expect(day.hours).toBe(24);
    expect(day.status.get(404)).toBe(1);
    expect([...snapshot.buckets.values()].filter((b) => b.hour > day.hour && b.hour < day.hour + DAY)).toEqual([]);

    const bad = serializeSnapshot(snapshot).replace('"hour":"2026-11-10T00:00:00Z","hours":24', '"hour":"2026-11-10T01:00:00Z","hours":24');
    expect(parseSnapshot(bad, 'traffic.jsonl', 'prod').diagnostics[0]!.message).toMatch(/"hours": 24 must start at 00:00 UTC/);
  });
});

import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import {
  createSnapshot,
  mergeSnapshots,
  snapshotContains,
  SnapshotOverlapError,
  type ControlPlaneSnapshot,
} from '../../../src/lib/analytics/snapshot.ts';
import { parseSnapshot, serializeSnapshot } from '../../../src/lib/analytics/snapshot-format.ts';
import {
  loadAnalyticsSnapshots,
  loadControlPlaneSnapshot,
  saveControlPlaneSnapshot,
} from '../../../src/lib/analytics/snapshot-files.ts';
import { syntheticKongLogLines } from '../../../src/lib/analytics/synthetic-traffic.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const END = Date.parse('2026-11-20T00:00:00Z');
const SERVICES = [
  { control_plane: 'prod', name: 'flights-service', id: '0cef4d36-9c39-5ac2-9d9f-190d8ea8a252', requests_per_hour: 30, upstream_median_ms: 40 },
  { control_plane: 'prod', name: 'bookings-service', requests_per_hour: 10, upstream_median_ms: 120 },
];
const index = () => new ServiceIndex(SERVICES.map(({ id, name }) => ({ id, name })));

function logText(seed: number, days = 2): string {
  return [...syntheticKongLogLines({ services: SERVICES, end: END, days, seed })].join('\n') + '\n';
}

async function ingested(...texts: string[]): Promise<ControlPlaneSnapshot> {
  const snapshot = createSnapshot('prod');
  for (const [i, text] of texts.entries()) await ingestKongLog(snapshot, bufferInput(`log-${i}`, text), index());
  return snapshot;
}

describe('snapshot text', () => {
  it('round-trips and is byte-stable', async () => {
    const snapshot = await ingested(logText(1));
    const text = serializeSnapshot(snapshot);
    const parsed = parseSnapshot(text, 'analytics/prod/traffic.jsonl', 'prod');
    expect(parsed.diagnostics).toEqual([]);
    expect(serializeSnapshot(parsed.snapshot)).toBe(text);
    const lines = text.trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ format_version: 1, control_plane: 'prod', bucket: '1h', relative_accuracy: 0.01 });
    expect(JSON.parse(lines[1]!).ingested.lines).toEqual([1, expect.any(Number)]);
    // One bucket per line, ordered by hour then service.
    const hours = lines.slice(2).map((l) => JSON.parse(l).hour as string);
    expect(hours).toEqual([...hours].sort());
    expect(hours.length).toBe(2 * 24 * 2);
    // Sketch bins in ascending numeric order, written as a sparse object.
    const bins = Object.keys(JSON.parse(lines[2]!).response_latency.bins);
    expect(lines[2]).toMatch(/"bins":\{"-?\d+":\d+/);
    expect(bins.map(Number)).toEqual([...bins.map(Number)].sort((a, b) => a - b));
  });

  it('reports each damaged line with its line number and keeps the rest', () => {
    const text = [
      '{"format_version":1,"control_plane":"prod","bucket":"1h","relative_accuracy":0.01}',
      '{"hour":"2026-11-19T10:00:00Z","service":{"name":"a"},"status":{"200":3}}',
      '{"hour":"2026-11-19T10:30:00Z","service":{"name":"a"},"status":{"200":3}}',
      'garbage',
      '{"hour":"2026-11-19T11:00:00Z","service":{"name":"a"},"status":{"200":1},"response_latency":{"count":2,"sum":3,"zero":0,"bins":{"5":1},"min":1,"max":2}}',
      '{"hour":"2026-11-19T12:00:00Z","service":{"name":"a"},"status":{"999":1}}',
    ].join('\n');
    const { snapshot, diagnostics } = parseSnapshot(text, 'analytics/prod/traffic.jsonl', 'prod');
    expect(diagnostics.map((d) => [d.line, d.message.slice(0, 30)])).toEqual([
      [3, '"hour" must be the start of a '],
      [4, 'not valid JSON (Unexpected tok'],
      [5, '"response_latency": `count` is'],
      [6, '"999" is not an HTTP status co'],
    ]);
    expect(diagnostics.every((d) => d.file === 'analytics/prod/traffic.jsonl' && d.severity === 'error')).toBe(true);
    expect(snapshot.buckets.size).toBe(1);
  });

  it('refuses a snapshot of another format version or control plane', () => {
    const v2 = parseSnapshot('{"format_version":2}\n', 'f', 'prod');
    expect(v2.diagnostics[0]!.message).toMatch(/unsupported format_version 2/);
    const other = parseSnapshot('{"format_version":1,"control_plane":"dev"}\n', 'f', 'prod');
    expect(other.diagnostics[0]!.message).toMatch(/for control plane "dev".*content\/analytics\/dev\//);
  });
});

describe('mergeSnapshots', () => {
  it('merging two shards equals one ingest of both inputs, byte for byte', async () => {
    const a = logText(21, 3);
    const b = logText(22, 3); // overlapping hours: the same buckets get traffic from both
    const one = await ingested(a, b);
    const merged = mergeSnapshots(await ingested(a), await ingested(b));
    expect(serializeSnapshot(merged)).toBe(serializeSnapshot(one));
    const reversed = mergeSnapshots(await ingested(b), await ingested(a));
    expect(serializeSnapshot(reversed)).toBe(serializeSnapshot(one));
  });

  it('refuses to merge shards that counted the same input, and knows an already merged shard', async () => {
    const a = logText(31, 1);
    const shard = await ingested(a);
    const both = await ingested(a, logText(32, 1));
    expect(() => mergeSnapshots(both, shard)).toThrow(SnapshotOverlapError);
    expect(snapshotContains(both, shard)).toBe(true);
    expect(snapshotContains(shard, both)).toBe(false);
  });
});

describe('snapshot files', () => {
  it('saves atomically: a failed save leaves the previous file and no temporary file', async () => {
    const content = await tempDir();
    const snapshot = await ingested(logText(41, 1));
    const file = await saveControlPlaneSnapshot(content, snapshot);
    const before = await readFile(file, 'utf8');

    const broken = createSnapshot('prod');
    broken.buckets = new Map([['x', null as never]]);
    await expect(saveControlPlaneSnapshot(content, broken)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(path.dirname(file))).toEqual(['traffic.jsonl']);

    const loaded = await loadControlPlaneSnapshot(content, 'prod');
    expect(loaded.exists).toBe(true);
    expect(serializeSnapshot(loaded.snapshot)).toBe(before);
  });

  it('loads every control plane folder and reports damaged files', async () => {
    const content = await tempDir();
    await saveControlPlaneSnapshot(content, await ingested(logText(51, 1)));
    await mkdir(path.join(content, 'analytics', 'dev'), { recursive: true });
    await writeFile(path.join(content, 'analytics', 'dev', 'traffic.jsonl'), '{"format_version":1}\nnope\n');
    const { snapshots, diagnostics } = await loadAnalyticsSnapshots(content);
    expect([...snapshots.keys()]).toEqual(['dev', 'prod']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'analytics/dev/traffic.jsonl', line: 2, severity: 'error' }),
    ]);
    expect((await loadAnalyticsSnapshots(path.join(content, 'missing'))).snapshots.size).toBe(0);
  });
});

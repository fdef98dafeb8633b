import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerAnalyticsCommand } from '../../../scripts/commands/analytics.ts';
import { UsageError } from '../../../scripts/exit-codes.ts';
import { syntheticKongLogLines } from '../../../src/lib/analytics/synthetic-traffic.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const KONGAIR = path.resolve(import.meta.dirname, '../../fixtures/shared/kongair/kong.yaml');
const FLIGHTS = { control_plane: 'prod', name: 'flights-service', id: '0cef4d36-9c39-5ac2-9d9f-190d8ea8a252', requests_per_hour: 20, upstream_median_ms: 40 };

/** Runs `atrium analytics …` the way scripts/cli.ts does, capturing output and exit code. */
async function atrium(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const program = new Command('atrium').exitOverride().configureOutput({ writeErr: (s) => void err.push(s), writeOut: (s) => void out.push(s) });
  registerAnalyticsCommand(program);
  process.exitCode = undefined;
  let code: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) err.push(error.message);
    else if (!(error instanceof CommanderError)) throw error;
    code = 2;
  } finally {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function contentWithProd(): Promise<string> {
  const content = await tempDir();
  await mkdir(path.join(content, 'control-planes'), { recursive: true });
  await copyFile(KONGAIR, path.join(content, 'control-planes', 'prod.yaml'));
  return content;
}

async function logFile(dir: string, name: string, seed: number, extra: string[] = []): Promise<{ file: string; lines: number }> {
  const lines = [...syntheticKongLogLines({ services: [FLIGHTS], end: Date.parse('2026-11-20T00:00:00Z'), days: 1, seed }), ...extra];
  const file = path.join(dir, name);
  await writeFile(file, lines.join('\n') + '\n');
  return { file, lines: lines.length };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('atrium analytics ingest', () => {
  it('ingests a log, prints what it did, and counts the same log once', async () => {
    const content = await contentWithProd();
    const { file, lines } = await logFile(content, 'access.log', 1, ['', 'oops']);
    const first = await atrium('analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', file);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`${file}: read ${(lines).toLocaleString('en-US')} lines, ingested ${(lines - 2).toLocaleString('en-US')} lines, skipped 2`);
    expect(first.out).toContain('skipped by reason: blank 1, malformed-json 1');
    expect(first.out).toContain(`${file}:${lines}: skipped: not valid JSON`);
    expect(first.out).toMatch(/wrote .*analytics\/prod\/traffic\.jsonl \(24 buckets: hourly for the last 7 days, daily before\)/);
    const snapshot = await readFile(path.join(content, 'analytics/prod/traffic.jsonl'), 'utf8');

    const again = await atrium('analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', file);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`${file}: already ingested (${lines.toLocaleString('en-US')} lines with the same content); nothing added`);
    expect(again.out).toContain('nothing new to add');
    expect(await readFile(path.join(content, 'analytics/prod/traffic.jsonl'), 'utf8')).toBe(snapshot);
  });

  it('reads gzip files and warns when nothing matches the control plane', async () => {
    const content = await contentWithProd();
    const lines = [...syntheticKongLogLines({ services: [{ ...FLIGHTS, name: 'elsewhere', id: 'e' }], end: Date.parse('2026-11-20T00:00:00Z'), days: 1, seed: 2 })];
    await writeFile(path.join(content, 'other.log.gz'), gzipSync(lines.join('\n')));
    const result = await atrium('analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', path.join(content, 'other.log.gz'));
    expect(result.code).toBe(0);
    expect(result.out).toContain(`skipped by reason: unknown-service ${lines.length.toLocaleString('en-US')}`);
    expect(result.err).toContain('no input matched a service of control plane "prod"');
    // Nothing was counted, so nothing is recorded: the log can be ingested once the decK file knows the service.
    expect(result.out).toContain('nothing new to add');
    expect((await atrium('analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', path.join(content, 'other.log.gz'))).out).not.toContain('already ingested');
  });

  it('exits 1 for an unknown control plane or a damaged snapshot, without writing', async () => {
    const content = await contentWithProd();
    const { file } = await logFile(content, 'a.log', 3);
    const unknown = await atrium('analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'staging', file);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('control plane "staging" not found');
    expect(unknown.err).toContain('known control planes: prod');

    await mkdir(path.join(content, 'analytics/prod'), { recursive: true });
    await writeFile(path.join(content, 'analytics/prod/traffic.jsonl'), '{"format_version":1}\n{broken\n');
    const damaged = await atrium('analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', file);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toMatch(/analytics\/prod\/traffic\.jsonl:2:1: error: not valid JSON/);
    expect(await readFile(path.join(content, 'analytics/prod/traffic.jsonl'), 'utf8')).toBe('{"format_version":1}\n{broken\n');
  });

  it('exits 2 on bad usage', async () => {
    const content = await contentWithProd();
    const { file } = await logFile(content, 'a.log', 4);
    const base = ['analytics', 'ingest', '--content', content];
    expect((await atrium(...base, '--control-plane', 'prod', file)).code).toBe(2);
    expect((await atrium(...base, '--format', 'csv', '--control-plane', 'prod', file)).err).toContain('--format must be "kong-log" or "prometheus"');
    expect((await atrium(...base, '--format', 'kong-log', file)).code).toBe(2);
    expect((await atrium(...base, '--format', 'kong-log', '--control-plane', '../prod', file)).code).toBe(2);
    expect((await atrium(...base, '--format', 'kong-log', '--control-plane', 'prod')).code).toBe(2);
    const missing = await atrium(...base, '--format', 'kong-log', '--control-plane', 'prod', path.join(content, 'nope.log'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('input file not found');
  });
});

describe('atrium analytics merge', () => {
  it('merges shards ingested elsewhere into the same snapshot as one ingest, once', async () => {
    const one = await contentWithProd();
    const shardA = await contentWithProd();
    const shardB = await contentWithProd();
    const a = await logFile(one, 'a.log', 5);
    const b = await logFile(one, 'b.log', 6);
    const ingest = (content: string, ...files: string[]) =>
      atrium('analytics', 'ingest', '--content', content, '--format', 'kong-log', '--control-plane', 'prod', ...files);
    await ingest(one, a.file, b.file);
    await ingest(shardA, a.file);
    await ingest(shardB, b.file);

    const merged = await atrium('analytics', 'merge', '--content', shardA, shardB);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/prod: merged \d+ buckets/);
    const read = (content: string) => readFile(path.join(content, 'analytics/prod/traffic.jsonl'), 'utf8');
    expect(await read(shardA)).toBe(await read(one));

    const twice = await atrium('analytics', 'merge', '--content', shardA, path.join(shardB, 'analytics'));
    expect(twice.out).toContain('already merged');
    expect(await read(shardA)).toBe(await read(one));
  });
});

import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuildOutput } from '../../../scripts/bench/build-output.ts';
import { cacheWrites, snapshotCache } from '../../../scripts/bench/cache-writes.ts';
import { GNU_TIME, measureProcess, parseGnuTime } from '../../../scripts/bench/measure-process.ts';
import { BenchUsageError, parseBenchOptions } from '../../../scripts/bench/options.ts';
import type { RunRecord } from '../../../scripts/bench/run-build.ts';
import { checkTargets } from '../../../scripts/bench/targets.ts';
import { existsSync } from 'node:fs';

const BUILD_OUTPUT = `atrium build: content → dist (public)
  load     3 product(s), 3 control plane(s) in 86 ms
  specs    9 spec(s), 360 operation(s) in 453 ms
  docs     60 doc(s) in 9117 ms; diagrams 12 rendered, 0 cached
  render   452 page(s) in 2534 ms
  files    portal.json, specs, sitemap, llms.txt in 167 ms
  index    452 page(s) searchable in 808 ms
atrium build: 452 page(s), 360 operation(s), 60 doc(s); diagrams 12 rendered, 3 from cache; 0 error(s), 2 warning(s); 13.2 s
`;

describe('parseBuildOutput', () => {
  it('reads the phase lines and the summary line of atrium build', () => {
    const parsed = parseBuildOutput(BUILD_OUTPUT);
    expect(parsed.phases).toEqual({ load: 86, specs: 453, docs: 9117, render: 2534, files: 167, index: 808 });
    expect(parsed.summary).toEqual({ pages: 452, operations: 360, docs: 60, diagramsRendered: 12, diagramsCached: 3, errors: 0, warnings: 2, seconds: 13.2 });
  });

  it('has no summary for a failed build', () => {
    expect(parseBuildOutput('atrium build failed: 1 error(s); dist was left as it was.').summary).toBeUndefined();
  });
});

describe('parseGnuTime', () => {
  it('reads peak RSS, CPU times, exit status and h:mm:ss elapsed', () => {
    const report = parseGnuTime(`\tCommand being timed: "node x"
\tUser time (seconds): 4.18
\tSystem time (seconds): 1.27
\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02:07.28
\tMaximum resident set size (kbytes): 701636
\tExit status: 3
`);
    expect(report).toEqual({ maxRssBytes: 701636 * 1024, userSeconds: 4.18, systemSeconds: 1.27, exitStatus: 3, elapsedSeconds: 3727.28 });
  });
});

describe('measureProcess', () => {
  it('counts a crash as a failure even when the exit status reads 0 (V8 out-of-memory abort)', async () => {
    const m = await measureProcess(process.execPath, ['-e', 'process.stderr.write("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory\\n")'], { cwd: os.tmpdir() });
    expect(m.exitCode).not.toBe(0);
  });

  it('counts a child killed by a signal as a failure', async () => {
    const m = await measureProcess(process.execPath, ['-e', 'process.kill(process.pid, "SIGKILL")'], { cwd: os.tmpdir() });
    expect(m.exitCode).not.toBe(0);
  });

  it('measures a child that holds 300 MB as using at least that much, and its exit code', async () => {
    const m = await measureProcess(process.execPath, ['-e', 'const b = Buffer.alloc(300e6, 1); setTimeout(() => process.exit(b[0] + 6), 600)'], { cwd: os.tmpdir() });
    expect(m.exitCode).toBe(7);
    expect(m.peakRssBytes).toBeGreaterThan(300e6);
    expect(m.peakRssBytes).toBeLessThan(1.5e9);
    if (existsSync(GNU_TIME)) {
      // GNU time's figure and the sampled VmHWM both see the 300 MB; the larger one is the peak.
      expect(m.gnuTimeMaxRssBytes).toBeGreaterThan(300e6);
      expect(['gnu-time', 'proc-vmhwm']).toContain(m.peakRssSource);
    } else {
      expect(m.peakRssSource).toBe('proc-vmhwm');
    }
    if (existsSync('/proc/self')) {
      expect(m.treePeakRssBytes).toBeGreaterThan(300e6);
      expect(m.peakRssByProcess.node).toBeGreaterThan(300e6);
      expect(m.peakRssByProcess.time).toBeUndefined();
    }
    expect(m.wallMs).toBeGreaterThan(500);
  });
});

describe('cacheWrites', () => {
  it('counts files added or rewritten, by cache area', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-bench-cache-'));
    try {
      await mkdir(path.join(dir, 'specs'));
      await mkdir(path.join(dir, 'diagrams/ab'), { recursive: true });
      await writeFile(path.join(dir, 'specs/a.json'), '1');
      await writeFile(path.join(dir, 'diagrams/ab/x.json'), '1');
      await utimes(path.join(dir, 'specs/a.json'), 1000, 1000);
      const before = await snapshotCache(dir);
      expect(cacheWrites(before, await snapshotCache(dir))).toEqual({});
      await writeFile(path.join(dir, 'specs/a.json'), '1'); // rewritten with the same bytes: still a write
      await writeFile(path.join(dir, 'diagrams/ab/y.json'), '2');
      expect(cacheWrites(before, await snapshotCache(dir))).toEqual({ specs: 1, diagrams: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseBenchOptions', () => {
  it('defaults to every scenario at issue 9 size', () => {
    const o = parseBenchOptions([], '/repo');
    expect(o.scenarios).toEqual(['synthetic', 'github', 'stripe']);
    expect(o.size).toEqual({ products: 100, versions: 3, operations: 40, docs: 20 });
    expect(o.warm).toBe(true);
    expect(o.results).toBe(path.resolve('/repo/bench/results.json'));
  });

  it('reads sizes, lists and negations, and refuses nonsense with a usage error', () => {
    const o = parseBenchOptions(['--scenario', 'github,synthetic', '--products', '25', '--no-warm', '--compare', 'starlight'], '/repo');
    expect(o.scenarios).toEqual(['github', 'synthetic']);
    expect(o.size.products).toBe(25);
    expect(o.warm).toBe(false);
    expect(o.compare).toBe('starlight');
    expect(parseBenchOptions(['--scenario', 'none', '--scale'], '/repo').scenarios).toEqual([]);
    expect(() => parseBenchOptions(['--products', '0'], '/repo')).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--scenario', 'petstore'], '/repo')).toThrow(/unknown scenario `petstore`/);
    expect(() => parseBenchOptions(['--compare', 'docusaurus'], '/repo')).toThrow(BenchUsageError);
  });
});

describe('checkTargets', () => {
  const run = (over: Partial<RunRecord>): RunRecord => ({
    scenario: 'github', run: 'cold', ok: true, exitCode: 0, loadAverage: 1, wallSeconds: 10, pages: 100, pagesPerSecond: 10,
    nodeRssBytes: 1e9, peakRssBytes: 1e9, peakRssSource: 'gnu-time', treePeakRssBytes: 0, peakRssByProcess: {}, phasesMs: { specs: 100 }, ...over,
  });
  const thirty = { products: 30, versions: 3, operations: 40, docs: 20 };

  it('passes and fails on the issue 17 thresholds', () => {
    const checks = checkTargets(
      [
        run({ wallSeconds: 19.9, peakRssBytes: 1.2e9, treePeakRssBytes: 1.6e9 }),
        run({ scenario: 'stripe', wallSeconds: 15.1 }),
        run({ scenario: 'synthetic', wallSeconds: 100, diagrams: { rendered: 40, cached: 0 } }),
        run({ scenario: 'synthetic', run: 'warm', wallSeconds: 15, diagrams: { rendered: 1, cached: 39 }, cacheWrites: { specs: 2 } }),
      ],
      undefined,
      thirty,
    );
    const met = Object.fromEntries(checks.map((c) => [c.target, c.met]));
    expect(met).toEqual({
      'GitHub REST spec cold ≤ 20 s': true,
      'GitHub REST spec ≤ 1.5 GB for the whole process tree': false,
      'Stripe cold ≤ 15 s': false,
      '30-product portal: one-doc edit ≤ max(8 s, 0.15 × cold)': true,
      'synthetic warm: no unchanged diagram re-rendered': false,
      'synthetic warm: no unchanged spec re-parsed': false,
    });
  });

  it('holds the one-doc-edit limit to max(8 s, 0.15 × cold), and the 10 s limit to the 15k-page default size only', () => {
    const warm = (cold: number, edit: number, size = thirty) =>
      checkTargets([run({ scenario: 'synthetic', wallSeconds: cold }), run({ scenario: 'synthetic', run: 'warm', wallSeconds: edit })], undefined, size).find((c) =>
        c.target.includes('one-doc edit'),
      );
    expect(warm(30, 8)?.met).toBe(true);
    expect(warm(30, 8.1)?.met).toBe(false);
    expect(warm(100, 15)?.met).toBe(true);
    expect(warm(100, 15.1)?.met).toBe(false);
    expect(warm(300, 9.9, { products: 100, versions: 3, operations: 40, docs: 20 })).toMatchObject({ target: '15k-page portal: one-doc edit ≤ 10 s', met: true });
    expect(warm(300, 9.9, { products: 10, versions: 3, operations: 40, docs: 20 })).toBeUndefined();
  });

  it('compares with the peer only when both built, on time and memory', () => {
    const box = { atriumSeconds: 5, peerSeconds: 40, spec: 'Box' };
    expect(checkTargets([], { ...box, atriumPeakRssBytes: 8e8, peerPeakRssBytes: 1e9 })[0]).toMatchObject({ met: true });
    expect(checkTargets([], { ...box, atriumPeakRssBytes: 1.1e9, peerPeakRssBytes: 1e9 })[0]).toMatchObject({ met: false });
    expect(checkTargets([], { ...box, atriumSeconds: 6.1, atriumPeakRssBytes: 8e8, peerPeakRssBytes: 1e9 })[0]).toMatchObject({ met: false });
    expect(checkTargets([], { atriumSeconds: 5, spec: 'Box' })).toEqual([]);
  });
});

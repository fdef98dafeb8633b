/**
 * Astro started before the site resolves (src/builder/astro-build.ts), for content with large
 * specs: the same output as Astro started after resolving, and a content error found while
 * resolving still fails the build cleanly, keeping the page cache of the last build.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EARLY_START_SPEC_BYTES } from '../../src/builder/astro-build.ts';
import { REPO_ROOT, listFiles, runAtrium, tempDir } from '../helpers/cli.ts';

let dir: string;

/** One product, one version linked to KongAir's flights service; its spec as JSON followed by `padding` spaces. */
async function writePortal(root: string, padding: number): Promise<string> {
  await fs.mkdir(path.join(root, 'control-planes'), { recursive: true });
  await fs.copyFile(path.join(REPO_ROOT, 'tests/fixtures/shared/kongair/kong.yaml'), path.join(root, 'control-planes/prod.yaml'));
  await fs.writeFile(path.join(root, 'portal.yaml'), 'title: Test portal\nenvironments:\n  - name: production\n    control_plane: prod\n');
  const version = path.join(root, 'products/flights/versions/v1');
  await fs.mkdir(version, { recursive: true });
  await fs.writeFile(path.join(root, 'products/flights/product.yaml'), 'name: Flights\npublished: true\n');
  await fs.writeFile(path.join(version, 'version.yaml'), 'publish_status: published\ngateway_services:\n  - control_plane: prod\n    service: flights-service\n');
  const { parse } = await import('yaml');
  const spec = parse(await fs.readFile(path.join(REPO_ROOT, 'tests/fixtures/shared/kongair/flights.openapi.yaml'), 'utf8'));
  const file = path.join(version, 'openapi.json');
  await fs.writeFile(file, JSON.stringify(spec, null, 2) + ' '.repeat(padding));
  return file;
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(root)) out[file] = crypto.createHash('sha256').update(await fs.readFile(path.join(root, file))).digest('hex');
  return out;
}

beforeAll(async () => {
  dir = await tempDir();
});

describe('Astro started before the site resolves', () => {
  it('writes what a build that starts Astro after resolving writes', { timeout: 120_000 }, async () => {
    await writePortal(path.join(dir, 'small'), 0);
    await writePortal(path.join(dir, 'large'), EARLY_START_SPEC_BYTES);
    const env = { ATRIUM_CACHE_DIR: path.join(dir, 'cache-a') };
    const late = await runAtrium(['build', '--content', path.join(dir, 'small'), '--out', path.join(dir, 'small-out')], { env });
    expect(late.code, late.stderr).toBe(0);
    const early = await runAtrium(['build', '--content', path.join(dir, 'large'), '--out', path.join(dir, 'large-out')], { env: { ATRIUM_CACHE_DIR: path.join(dir, 'cache-b') } });
    expect(early.code, early.stderr).toBe(0);
    expect(await snapshot(path.join(dir, 'large-out'))).toEqual(await snapshot(path.join(dir, 'small-out')));
  });

  it('fails on an error found while resolving, leaving the output, no run folder and the page cache as they were', { timeout: 180_000 }, async () => {
    const content = path.join(dir, 'broken');
    const out = path.join(dir, 'broken-out');
    const env = { ATRIUM_CACHE_DIR: path.join(dir, 'cache-c') };
    const spec = await writePortal(content, EARLY_START_SPEC_BYTES);
    const first = await runAtrium(['build', '--content', content, '--out', out], { env });
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);

    // An unresolvable $ref is an error found late (in the resolve phase), after Astro started.
    const text = await fs.readFile(spec, 'utf8');
    await fs.writeFile(spec, text.replace('"paths": {', '"paths": {\n    "/broken": { "$ref": "./nowhere.json#/x" },'));
    const second = await runAtrium(['build', '--content', content, '--out', out], { env });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/openapi\.json:\d+:\d+: error: .*nowhere\.json/);
    expect(await snapshot(out)).toEqual(before);
    expect((await fs.readdir(dir)).filter((n) => n.includes('.atrium-'))).toEqual([]);

    // The pages of the first build were kept: built again as it was, no page but the catalog and 404 is rendered.
    await fs.writeFile(spec, text);
    const third = await runAtrium(['build', '--content', content, '--out', out], { env });
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/render +\d+ page\(s\) in \d+ ms: 2 rendered \(\/, \/404\.html\)/);
    expect(await snapshot(out)).toEqual(before);
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/lib/openapi/index.ts';

describe('content-hash cache', () => {
  let base: string;
  let root: string;
  let cacheDir: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'atrium-spec-cache-'));
    root = join(base, 'content');
    cacheDir = join(base, 'cache');
    await mkdir(join(root, 'schemas'), { recursive: true });
    await writeFile(
      join(root, 'openapi.yaml'),
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: schemas/x.yaml\n',
    );
    await writeFile(join(root, 'schemas', 'x.yaml'), 'type: string\n');
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  /** Marks the stored result so that a load served from the cache can be told apart. */
  async function markCachedResult(): Promise<void> {
    const dir = join(cacheDir, 'specs');
    const [result] = (await readdir(dir)).filter((f) => !f.includes('manifest'));
    const cached = JSON.parse(await readFile(join(dir, result), 'utf8'));
    cached.spec.bundled.info.title = 'served from cache';
    await writeFile(join(dir, result), JSON.stringify(cached));
  }

  it('serves an unchanged spec from the cache, with the same hash and diagnostics', async () => {
    const first = await loadSpec({ root, file: 'openapi.yaml', cacheDir });
    expect(first.diagnostics.map((d) => d.code)).toEqual(['spec-operation-id-missing']);
    await markCachedResult();
    const second = await loadSpec({ root, file: 'openapi.yaml', cacheDir });
    expect(second.spec!.bundled.info).toEqual({ title: 'served from cache', version: '1' });
    // The 3.1-shaped view is made from the stored bundled document again, not stored twice.
    expect(second.spec!.openapi.info).toBe(second.spec!.bundled.info);
    expect(second.spec!.hash).toBe(first.spec!.hash);
    expect(second.diagnostics).toEqual(first.diagnostics);
  });

  it('loads again when a referenced file changes, and the hash changes with it', async () => {
    const first = await loadSpec({ root, file: 'openapi.yaml', cacheDir });
    await markCachedResult();
    await writeFile(join(root, 'schemas', 'x.yaml'), 'type: integer\n');
    const second = await loadSpec({ root, file: 'openapi.yaml', cacheDir });
    expect(second.spec!.bundled.info).toEqual({ title: 't', version: '1' });
    expect((second.spec!.bundled as any).components.schemas.x).toEqual({ type: 'integer' });
    expect(second.spec!.hash).not.toBe(first.spec!.hash);
  });

  it('gives the same hash for the same files without a cache', async () => {
    const a = await loadSpec({ root, file: 'openapi.yaml' });
    const b = await loadSpec({ root, file: 'openapi.yaml' });
    expect(a.spec!.hash).toBe(b.spec!.hash);
  });

  it('does not cache a spec with errors', async () => {
    await writeFile(join(root, 'schemas', 'x.yaml'), 'type: [\n');
    const { spec } = await loadSpec({ root, file: 'openapi.yaml', cacheDir });
    expect(spec).toBeUndefined();
    await expect(readdir(join(cacheDir, 'specs'))).rejects.toThrow();
  });
});

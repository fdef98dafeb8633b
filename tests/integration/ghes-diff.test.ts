/**
 * Real check (issue 7): GitHub Enterprise Server 3.18 → 3.19, from the `@octokit/openapi`
 * npm package (~28 MB, fetched once with `npm pack` and cached in
 * node_modules/.cache/atrium/octokit-openapi/). The diff must take seconds, and its added
 * and removed operations must equal a set difference computed here in a few lines.
 * The npm registry is reachable wherever `npm install` works, so an unreachable registry fails
 * the test with the reason instead of skipping it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs, toDiffJson, type OperationRef } from '../../src/lib/diff/index.ts';
import { loadSpec } from '../../src/lib/openapi/index.ts';

const run = promisify(execFile);
/** Pinned so the check is reproducible; this version ships ghes-3.18 and ghes-3.19. */
const PACKAGE = '@octokit/openapi@23.0.2';
const FILES = ['ghes-3.18.json', 'ghes-3.19.json'];
const CACHE = path.join(process.env.ATRIUM_CACHE_DIR ?? path.join(process.cwd(), 'node_modules', '.cache', 'atrium'), 'octokit-openapi-23.0.2');

/** The two spec files, downloading them once; a reason string when that is not possible. */
async function fetchSpecs(): Promise<string | undefined> {
  if (FILES.every((f) => existsSync(path.join(CACHE, f)))) return undefined;
  const work = await mkdtemp(path.join(os.tmpdir(), 'atrium-octokit-'));
  try {
    await run('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], { timeout: 180_000 });
    const tarball = (await readdir(work)).find((f) => f.endsWith('.tgz'));
    if (!tarball) return `npm pack ${PACKAGE} produced no tarball`;
    await run('tar', ['xzf', path.join(work, tarball), '-C', work, ...FILES.map((f) => `package/generated/${f}`)], { timeout: 120_000 });
    await mkdir(CACHE, { recursive: true });
    for (const f of FILES) await rename(path.join(work, 'package', 'generated', f), path.join(CACHE, f));
    return undefined;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    return `could not fetch ${PACKAGE} (offline or npm/tar unavailable): ${message}`;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The independent count: method + path with parameter names erased, straight from the JSON. */
function operationKeys(doc: any): Set<string> {
  const keys = new Set<string>();
  for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      if (item?.[method]) keys.add(`${method} ${p.replace(/\{[^}]*\}/g, '{}')}`);
    }
  }
  // GitHub's specs are 3.0 and carry their webhooks as `x-webhooks`: the diff sees them too.
  for (const [name, item] of Object.entries<any>(doc['x-webhooks'] ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) if (item?.[method]) keys.add(`webhook ${method} ${name}`);
  }
  return keys;
}

const keyOf = (op: OperationRef) =>
  op.webhook !== undefined ? `webhook ${op.method} ${op.webhook}` : `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;

describe('GitHub Enterprise Server 3.18 → 3.19', () => {
  let unavailable: string | undefined;
  beforeAll(async () => {
    unavailable = await fetchSpecs();
  }, 300_000);

  it('diffs in seconds, and added/removed equal an independent set difference', async () => {
    if (unavailable) throw new Error(`${unavailable}; run it where \`npm pack ${PACKAGE}\` works`);
    const [oldText, newText] = await Promise.all(FILES.map((f) => readFile(path.join(CACHE, f), 'utf8')));
    const oldRaw = JSON.parse(oldText);
    const newRaw = JSON.parse(newText);

    let started = performance.now();
    const raw = diffSpecs(oldRaw, newRaw);
    const rawMs = performance.now() - started;

    // The CLI's path: through the spec loader (bundle, validate, lint), then the diff.
    started = performance.now();
    const [oldLoaded, newLoaded] = await Promise.all(FILES.map((file) => loadSpec({ root: CACHE, file })));
    const loadMs = performance.now() - started;
    expect(oldLoaded.spec, 'ghes-3.18 loads').toBeDefined();
    expect(newLoaded.spec, 'ghes-3.19 loads').toBeDefined();
    started = performance.now();
    const loaded = diffSpecs(oldLoaded.spec!.openapi, newLoaded.spec!.openapi);
    const loadedMs = performance.now() - started;
    console.info(
      `[ghes.test] diff of raw JSON ${rawMs.toFixed(0)} ms; loadSpec of both ${loadMs.toFixed(0)} ms; diff of loaded ${loadedMs.toFixed(0)} ms; ` +
        `${raw.added.length} added, ${raw.removed.length} removed, ${raw.changed.length} changed`,
    );
    expect(rawMs).toBeLessThan(10_000);
    expect(loadedMs).toBeLessThan(10_000);

    const before = operationKeys(oldRaw);
    const after = operationKeys(newRaw);
    const expectedAdded = [...after].filter((k) => !before.has(k)).sort();
    const expectedRemoved = [...before].filter((k) => !after.has(k)).sort();
    expect(raw.added.map(keyOf).sort()).toEqual(expectedAdded);
    expect(raw.removed.map(keyOf).sort()).toEqual(expectedRemoved);
    expect(expectedAdded.length).toBeGreaterThan(0);

    // Changed operations exist in both versions and are never also added or removed.
    for (const op of raw.changed) {
      expect(before.has(keyOf(op)) && after.has(keyOf(op)), keyOf(op)).toBe(true);
      expect(op.changes.length).toBeGreaterThan(0);
    }
    // A change known to be in this release: a request array gained bounds (breaking).
    const detach = raw.changed.find((op) => op.method === 'delete' && op.path === '/orgs/{org}/code-security/configurations/detach');
    expect(detach?.changes.map((c) => [c.kind, c.breaking, c.message])).toEqual([
      ['request-constraint-changed', true, 'request body (application/json): property `selected_repository_ids` minItems changed from none to 1'],
      ['request-constraint-changed', true, 'request body (application/json): property `selected_repository_ids` maxItems changed from none to 250'],
    ]);

    // The loader keeps internal refs and changes nothing a diff can see.
    expect(toDiffJson(loaded)).toEqual(toDiffJson(raw));
  }, 180_000);
});

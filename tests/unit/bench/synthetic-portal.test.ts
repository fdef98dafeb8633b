import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load-content.ts';
import { resolveVersionEnvironments } from '../../../src/lib/site/environments.ts';
import { loadSpec } from '../../../src/lib/openapi/index.ts';
import {
  appendParagraph,
  diagramCount,
  editedDocPath,
  syntheticPortalFiles,
  writeSyntheticPortal,
  type SyntheticPortalSize,
} from '../../../scripts/bench/synthetic/portal.ts';

const SIZE: SyntheticPortalSize = { products: 4, versions: 3, operations: 19, docs: 12 };

describe('synthetic portal', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-bench-test-'));
    await writeSyntheticPortal(dir, SIZE);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is deterministic: the same size gives the same files, byte for byte', () => {
    const a = [...syntheticPortalFiles(SIZE)];
    const b = [...syntheticPortalFiles(SIZE)];
    expect(a.map((f) => f.path)).toEqual(b.map((f) => f.path));
    expect(a.map((f) => f.text)).toEqual(b.map((f) => f.text));
    const other = [...syntheticPortalFiles({ ...SIZE, products: 5 })];
    expect(other.length).toBeGreaterThan(a.length);
  });

  it('loads as valid content with every version linked to a real gateway service', async () => {
    const content = await loadContent(dir);
    expect(content.diagnostics).toEqual([]);
    expect(content.products).toHaveLength(SIZE.products);
    for (const product of content.products) {
      expect(product.docs).toHaveLength(SIZE.docs);
      expect(product.versions.map((v) => v.slug)).toEqual(['v1', 'v2', 'v3']);
      for (const version of product.versions) {
        const envs = resolveVersionEnvironments(content, version.gateway_services);
        // The newest version is in development and staging only; older ones everywhere.
        expect(envs.map((e) => e.name)).toEqual(version.slug === 'v3' ? ['development', 'staging'] : ['development', 'staging', 'production']);
        for (const env of envs) {
          expect(env.resolved).toBe(true);
          expect(env.base_urls.length).toBeGreaterThan(0);
          expect(env.auth.length).toBeGreaterThan(0);
          expect(env.rate_limits.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('writes specs that load without errors or warnings, with the requested operations and recursive schemas', async () => {
    const content = await loadContent(dir);
    const formats = new Set<string>();
    for (const version of content.products.flatMap((p) => p.versions)) {
      const result = await loadSpec({ root: dir, file: version.spec! });
      expect(result.diagnostics).toEqual([]);
      const openapi = result.spec!.openapi as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
      // The version as written (the bundled download); `openapi` is the upgraded 3.1-shaped view.
      formats.add(`${(result.spec!.bundled as { openapi: string }).openapi} ${path.extname(version.spec!)}`);
      const operations = Object.values(openapi.paths).flatMap((item) => Object.keys(item));
      expect(operations).toHaveLength(SIZE.operations);
      expect(JSON.stringify(openapi.components.schemas.TreeNode)).toContain('#/components/schemas/TreeNode');
      expect(JSON.stringify(openapi.components.schemas.CategoryLink)).toContain('#/components/schemas/Category');
    }
    // YAML and JSON, OpenAPI 3.0 and 3.1 all appear.
    expect([...formats].sort()).toEqual(['3.0.3 .json', '3.0.3 .yaml', '3.1.0 .yaml']);
  });

  it('puts one Mermaid and one PlantUML diagram in every ten docs', async () => {
    const docs = [...syntheticPortalFiles(SIZE)].filter((f) => f.path.includes('/docs/'));
    const mermaid = docs.filter((f) => f.text.includes('```mermaid')).length;
    const plantuml = docs.filter((f) => f.text.includes('```plantuml')).length;
    expect({ mermaid, plantuml }).toEqual(diagramCount(SIZE));
    expect(diagramCount(SIZE)).toEqual({ mermaid: SIZE.products, plantuml: SIZE.products });
    // Every diagram source is distinct, so a cold build really renders each one.
    const sources = docs.flatMap((f) => [...f.text.matchAll(/```(?:mermaid|plantuml)\n[\s\S]*?```/g)].map((m) => m[0]));
    expect(new Set(sources).size).toBe(sources.length);
  });

  it('edits the chosen doc by appending a paragraph, leaving the rest intact', async () => {
    const file = editedDocPath(SIZE);
    const before = await readFile(path.join(dir, file), 'utf8');
    expect(before).not.toMatch(/```(mermaid|plantuml)/);
    await appendParagraph(dir, file, 1);
    const after = await readFile(path.join(dir, file), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
  });
});

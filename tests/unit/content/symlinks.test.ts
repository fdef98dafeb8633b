/** Links that lead out of the content folder are reported by name and never read. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load-content.ts';

async function portalWithLinks(): Promise<{ root: string; secret: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-links-'));
  const secret = path.join(dir, 'secret.yaml');
  await fs.writeFile(secret, 'openapi: 3.0.0\ninfo: {title: outside-marker, version: "1"}\npaths: {}\n');
  const root = path.join(dir, 'content');
  await fs.mkdir(path.join(root, 'control-planes'), { recursive: true });
  await fs.mkdir(path.join(root, 'products/p/versions/v1'), { recursive: true });
  await fs.mkdir(path.join(root, 'products/p/docs'), { recursive: true });
  await fs.writeFile(path.join(root, 'portal.yaml'), 'title: T\n');
  await fs.writeFile(path.join(root, 'products/p/product.yaml'), 'name: P\n');
  await fs.writeFile(path.join(root, 'products/p/versions/v1/version.yaml'), 'publish_status: published\n');
  await fs.symlink(secret, path.join(root, 'products/p/versions/v1/openapi.yaml'));
  await fs.symlink(secret, path.join(root, 'products/p/docs/leak.md'));
  await fs.symlink(secret, path.join(root, 'control-planes/prod.yaml'));
  return { root, secret };
}

describe('symbolic links out of the content folder', () => {
  it('are errors naming the link, for docs, decK files and specs', async () => {
    const { root } = await portalWithLinks();
    const model = await loadContent(root);
    const outside = model.diagnostics.filter((d) => d.severity === 'error' && /outside the content folder/.test(d.message));
    expect(outside.map((d) => d.file).sort()).toEqual([
      'control-planes/prod.yaml',
      'products/p/docs/leak.md',
      'products/p/versions/v1/version.yaml',
    ]);
    expect(model.products[0]!.docs).toEqual([]);
    expect(model.products[0]!.versions[0]!.spec).toBeUndefined();
    expect(JSON.stringify(model)).not.toContain('outside-marker');
  });
});

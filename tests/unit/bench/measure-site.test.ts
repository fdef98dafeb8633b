import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atriumPageType, measureSite, scriptRefs, staticImports } from '../../../scripts/bench/measure-site.ts';
import { starlightPageType } from '../../../scripts/bench/starlight.ts';

describe('page types', () => {
  it('follows the URL layout of DESIGN §6', () => {
    expect(atriumPageType('index.html')).toBe('catalog');
    expect(atriumPageType('404.html')).toBe('other');
    expect(atriumPageType('products/flights/index.html')).toBe('product');
    expect(atriumPageType('products/flights/docs/index.html')).toBe('docs');
    expect(atriumPageType('products/flights/docs/guides/auth/index.html')).toBe('docs');
    expect(atriumPageType('products/flights/analytics/index.html')).toBe('analytics');
    expect(atriumPageType('products/flights/v2/index.html')).toBe('version');
    expect(atriumPageType('products/flights/v2/docs/migrating/index.html')).toBe('docs');
    expect(atriumPageType('products/flights/v2/changes/index.html')).toBe('changes');
    expect(atriumPageType('products/flights/v2/reference/index.html')).toBe('reference');
    expect(atriumPageType('products/flights/v2/reference/list-flights/index.html')).toBe('operation');
    expect(atriumPageType('internal/health/index.html')).toBe('internal');
  });

  it('maps starlight-openapi pages too', () => {
    expect(starlightPageType('api/index.html')).toBe('reference');
    expect(starlightPageType('api/operations/tags/files/index.html')).toBe('reference');
    expect(starlightPageType('api/operations/get-files-id/index.html')).toBe('operation');
  });
});

describe('scriptRefs and staticImports', () => {
  it('counts external and inline JavaScript but not JSON data blocks', () => {
    const refs = scriptRefs(
      '<script type="module" src="/_astro/a.js"></script><script>let x=1;</script>' +
        '<script type="application/ld+json">{"a":1}</script><SCRIPT type="text/javascript" src=\'b.js\'></SCRIPT>',
    );
    expect(refs.sources).toEqual(['/_astro/a.js', 'b.js']);
    expect(refs.inlineBytes).toBe('let x=1;'.length);
  });

  it('finds static imports in minified modules and ignores dynamic import()', () => {
    const code = 'import{_ as e}from"./preload.js";import"./side.js";export*from "./re.js";e(()=>import("./lazy.js"),[]);';
    expect(staticImports(code)).toEqual(['./preload.js', './side.js', './re.js']);
  });
});

describe('measureSite', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-bench-site-'));
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    };
    await write('_astro/base.js', 'import"./shared.js";console.log(1)'); // 34 bytes
    await write('_astro/shared.js', 'export const s=1;'); // 17 bytes
    await write('_astro/explorer.js', 'import"./shared.js";' + 'x'.repeat(1000));
    await write('_astro/lazy.js', 'y'.repeat(5000));
    await write('index.html', '<script type="module" src="/_astro/base.js"></script>');
    await write('products/p/v1/reference/index.html', '<script type="module" src="/_astro/base.js"></script><script type="module" src="/_astro/explorer.js"></script><script>go()</script>');
    await write('products/p/v1/reference/op/index.html', '<script type="module" src="/_astro/base.js"></script>' + 'z'.repeat(2000));
    await write('products/p/v1/reference/big/index.html', 'z'.repeat(1024 * 1024 + 1));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sums script files with their static imports once, plus inline scripts, per page type', async () => {
    const site = await measureSite(dir);
    expect(site.htmlPages).toBe(4);
    expect(site.jsBytesByPageType.catalog).toMatchObject({ pages: 1, median: 34 + 17 });
    // shared.js is imported by both modules but downloaded once.
    expect(site.jsBytesByPageType.reference).toMatchObject({ pages: 1, median: 34 + 17 + 1020 + 'go()'.length });
    expect(site.jsBytesByPageType.operation).toMatchObject({ pages: 2, median: 0, max: 51, maxPage: 'products/p/v1/reference/op/index.html' });
    expect(site.largestPage).toEqual({ path: 'products/p/v1/reference/big/index.html', bytes: 1024 * 1024 + 1 });
    expect(site.pagesOver1MB).toBe(1);
    expect(site.files).toBe(8);
  });
});

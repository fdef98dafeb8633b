/**
 * Highlighted reference code kept on disk by content hash (code-highlight.ts over
 * lib/hashed-cache.ts): a later build reads a block back instead of running Shiki again, and
 * gets the same HTML and the same page `<style>`; a corrupt entry is highlighted again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const CURL = "curl https://api.example.com/things \\\n  --header 'apikey: <YOUR_API_KEY>'";

/** A fresh module, as a new build process has: nothing highlighted in memory yet. */
async function freshHighlighter(cacheDir?: string) {
  vi.resetModules();
  const { referenceHighlighter, highlightedCodeWritten } = await import('../../../src/lib/reference/code-highlight.ts');
  written = highlightedCodeWritten;
  return referenceHighlighter(cacheDir ? { cacheDir } : {});
}
/** The disk cache is written behind the build: wait for the module last loaded. */
let written: () => Promise<void> = () => Promise.resolve();

/** The packs of the disk cache (lib/packed-cache.ts) and the entries they hold. */
function packs(dir: string): string[] {
  const root = path.join(dir, 'reference-code');
  return fs.existsSync(root) ? fs.readdirSync(root).filter((f) => f.endsWith('.pack')).map((f) => path.join(root, f)) : [];
}
function entries(dir: string): string[] {
  return packs(dir).flatMap((file) => (JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]!) as [string, number][]).map(([key]) => key));
}
/** Rewrites the bytes of the pack holding `find`, keeping every offset (same length). */
function rewritePack(dir: string, find: string, replace: string) {
  expect(replace.length).toBe(find.length);
  const file = packs(dir).find((f) => fs.readFileSync(f, 'utf8').includes(find))!;
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(find, replace));
}

describe('reference code highlighting across builds', () => {
  it('writes each distinct block once and reads it back in a later build, byte for byte', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-code-cache-'));
    const first = await freshHighlighter(dir);
    const html = String(first.code(CURL, 'bash'));
    first.code(CURL, 'bash');
    first.code('{\n  "id": 1\n}', 'json');
    expect(html).toContain('class="shiki');
    await written();
    expect(entries(dir)).toHaveLength(2);
    const css = first.css();
    expect(css).toMatch(/^<style>\.c[0-9a-f]{6}\{--shiki-light:/);

    const later = await freshHighlighter(dir);
    expect(String(later.code(CURL, 'bash'))).toBe(html);
    later.code('{\n  "id": 1\n}', 'json');
    expect(later.css()).toBe(css);
    await written();
    expect(entries(dir)).toHaveLength(2);

    // The later build really read the entry: a changed entry is what it returns.
    rewritePack(dir, 'api.example.com', 'api.EXAMPLE.com');
    const changed = String((await freshHighlighter(dir)).code(CURL, 'bash'));
    expect(changed).toContain('api.EXAMPLE.com');
    expect(changed.replace('EXAMPLE', 'example')).toBe(html);

    // A corrupt entry is a miss: highlighted again, the same as the first time.
    rewritePack(dir, '{"html":"<pre class=\\"shiki', '["html":"<pre class=\\"shiki');
    expect(String((await freshHighlighter(dir)).code(CURL, 'bash'))).toBe(html);
    expect(String((await freshHighlighter()).code(CURL, 'bash'))).toBe(html);
  });

  it('gives changed code a new entry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-code-cache-'));
    const highlight = await freshHighlighter(dir);
    const a = String(highlight.code(CURL, 'bash'));
    const b = String(highlight.code(CURL.replace('things', 'thing'), 'bash'));
    expect(b).not.toBe(a);
    await written();
    expect(entries(dir)).toHaveLength(2);
  });
});

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

function entries(dir: string): string[] {
  const root = path.join(dir, 'reference-code');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')) : [];
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
    const file = path.join(dir, 'reference-code', entries(dir).find((f) => fs.readFileSync(path.join(dir, 'reference-code', f), 'utf8').includes('curl'))!);
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as { html: string; styles: [string, string][] };
    fs.writeFileSync(file, JSON.stringify({ ...entry, html: '<pre>from disk</pre>' }));
    expect(String((await freshHighlighter(dir)).code(CURL, 'bash'))).toBe('<pre>from disk</pre>');

    // A corrupt entry is a miss: highlighted again, the same as the first time.
    fs.writeFileSync(file, '{"html":');
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

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiagramCache, diagramCacheKey } from '../../../src/lib/markdown/diagrams/diagram-cache.ts';
import { tempDir } from './helpers.ts';

describe('diagram cache', () => {
  it('keys on every part, so one changed character or theme gives a new key', () => {
    const base = diagramCacheKey(['mermaid', '11.0.0', 'default', 'graph TD; A-->B']);
    expect(diagramCacheKey(['mermaid', '11.0.0', 'default', 'graph TD; A-->B'])).toBe(base);
    expect(diagramCacheKey(['mermaid', '11.0.0', 'default', 'graph TD; A-->C'])).not.toBe(base);
    expect(diagramCacheKey(['mermaid', '11.0.0', 'dark', 'graph TD; A-->B'])).not.toBe(base);
    expect(diagramCacheKey(['mermaid', '11.0.1', 'default', 'graph TD; A-->B'])).not.toBe(base);
    expect(diagramCacheKey(['ab', 'c'])).not.toBe(diagramCacheKey(['a', 'bc']));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores and reads back drawings across cache instances (builds)', () => {
    const dir = tempDir();
    const key = diagramCacheKey(['x']);
    expect(createDiagramCache(dir).get(key)).toBeUndefined();
    createDiagramCache(dir).set(key, { light: '<svg>l</svg>', dark: '<svg>d</svg>' });
    expect(createDiagramCache(dir).get(key)).toEqual({ light: '<svg>l</svg>', dark: '<svg>d</svg>' });
    expect(fs.readdirSync(path.join(dir, key.slice(0, 2)))).toEqual([`${key}.json`]);
  });

  it('treats a corrupt entry as a miss', () => {
    const dir = tempDir();
    const key = diagramCacheKey(['y']);
    const cache = createDiagramCache(dir);
    cache.set(key, { light: '<svg/>' });
    fs.writeFileSync(path.join(dir, key.slice(0, 2), `${key}.json`), '{"light":');
    expect(cache.get(key)).toBeUndefined();
  });
});

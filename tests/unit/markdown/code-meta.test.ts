import { describe, expect, it } from 'vitest';
import { parseCodeMeta } from '../../../src/lib/markdown/code/meta.ts';

describe('parseCodeMeta', () => {
  it('reads a title and highlighted lines and ranges', () => {
    const meta = parseCodeMeta('title="client.ts" {1,3-4}');
    expect(meta.title).toBe('client.ts');
    expect([...meta.highlight]).toEqual([1, 3, 4]);
  });

  it('accepts single quotes and any order', () => {
    const meta = parseCodeMeta("{2} title='a b.ts'");
    expect(meta.title).toBe('a b.ts');
    expect([...meta.highlight]).toEqual([2]);
  });

  it('ignores what it does not understand instead of failing', () => {
    expect(parseCodeMeta('showLineNumbers {x-y}')).toEqual({ highlight: new Set() });
    expect(parseCodeMeta(undefined)).toEqual({ highlight: new Set() });
  });

  it('does not read braces inside the title as line ranges', () => {
    expect([...parseCodeMeta('title="{1-3}.ts"').highlight]).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../../src/lib/content/frontmatter.ts';

describe('splitFrontmatter', () => {
  it('splits YAML and body and keeps the body line', () => {
    expect(splitFrontmatter('---\ntitle: A\norder: 2\n---\n# A\n\ntext\n')).toEqual({
      yaml: 'title: A\norder: 2',
      yamlLineOffset: 1,
      body: '# A\n\ntext\n',
      bodyLine: 5,
      unclosed: false,
    });
  });

  it('handles CRLF, a byte-order mark and `...` as closing fence', () => {
    const split = splitFrontmatter('\uFEFF---\r\ntitle: A\r\n...\r\nbody\r\n');
    expect(split.yaml).toBe('title: A');
    expect(split.body).toBe('body\r\n');
    expect(split.bodyLine).toBe(4);
  });

  it('reports no frontmatter and unclosed frontmatter', () => {
    expect(splitFrontmatter('# Title\n---\n')).toMatchObject({ yaml: undefined, body: '# Title\n---\n', bodyLine: 1, unclosed: false });
    expect(splitFrontmatter('---\ntitle: A\n')).toMatchObject({ yaml: undefined, unclosed: true });
  });

  it('accepts an empty frontmatter', () => {
    expect(splitFrontmatter('---\n---\nx')).toMatchObject({ yaml: '', body: 'x', bodyLine: 3 });
  });
});

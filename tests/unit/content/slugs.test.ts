import { describe, expect, it } from 'vitest';
import { docSlug, isUrlSafeSegment, suggestSlug } from '../../../src/lib/content/slugs.ts';

describe('doc slugs', () => {
  it('drop the extension and collapse index to its folder', () => {
    expect(docSlug('guides/auth.md').slug).toBe('guides/auth');
    expect(docSlug('guides/index.mdx').slug).toBe('guides');
    expect(docSlug('index.md').slug).toBe('');
  });

  it('let frontmatter replace the last segment', () => {
    expect(docSlug('guides/auth.md', 'authentication').slug).toBe('guides/authentication');
    expect(docSlug('guides/index.md', 'how-to').slug).toBe('how-to');
    expect(docSlug('index.md', 'home').slug).toBe('home');
  });
});

describe('URL-safe segments', () => {
  it('accept lowercase letters, digits, - _ .', () => {
    for (const ok of ['v1', '2024-01', 'flights_api', '1.2.0', 'a']) expect(isUrlSafeSegment(ok), ok).toBe(true);
    for (const bad of ['V1', 'a b', '.hidden', '..', 'ümlaut', 'a/b', '', 'a%20']) expect(isUrlSafeSegment(bad), bad).toBe(false);
  });

  it('suggest a safe name', () => {
    expect(suggestSlug('Getting Started')).toBe('getting-started');
    expect(suggestSlug('Café Menu!')).toBe('cafe-menu');
    expect(suggestSlug('???')).toBe('page');
  });
});

import { describe, expect, it } from 'vitest';
import { neutralizeMarkup } from '../../../src/lib/site/site-files.ts';

describe('markdown twins and llms.txt', () => {
  it('make raw HTML that could run inert and keep the text', () => {
    const out = neutralizeMarkup('Hi <script>alert(1)</script> <IMG src=x onerror=y> [a](javascript:alert(2)) <b>bold</b> a < b');
    expect(out).toBe('Hi &lt;script>alert(1)&lt;/script> &lt;IMG src=x onerror=y> [a](#unsafe-link-removed) <b>bold</b> a < b');
  });
});

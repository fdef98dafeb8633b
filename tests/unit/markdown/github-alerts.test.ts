import { afterAll, describe, expect, it } from 'vitest';
import { inlineDoc, newRenderer, resolveLink } from './helpers.ts';

const renderer = newRenderer();
afterAll(() => renderer.close());
const html = async (body: string, format: 'md' | 'mdx' = 'md') => {
  const out = await renderer.render(inlineDoc(body, { format }), { resolveLink });
  expect(out.diagnostics).toEqual([]);
  return out.html;
};

describe('GitHub alerts', () => {
  it('render as the same admonition as the directive syntax', async () => {
    const alert = await html('> [!NOTE]\n> Keys rotate **daily**.\n');
    const directive = await html(':::note\nKeys rotate **daily**.\n:::\n');
    expect(alert).toBe(directive);
    expect(alert).toBe(
      '<aside class="atrium-admonition atrium-admonition-note" role="note" aria-label="Note"><p class="atrium-admonition-title">Note</p><p>Keys rotate <strong>daily</strong>.</p></aside>',
    );
  });

  it('map all five kinds onto the four admonition styles', async () => {
    const kinds = await Promise.all(
      ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'].map(async (kind) => /<aside class="([^"]+)" role="note" aria-label="([^"]+)">/.exec(await html(`> [!${kind}]\n> Text.\n`))!.slice(1)),
    );
    expect(kinds).toEqual([
      ['atrium-admonition atrium-admonition-note', 'Note'],
      ['atrium-admonition atrium-admonition-tip', 'Tip'],
      ['atrium-admonition atrium-admonition-note', 'Important'],
      ['atrium-admonition atrium-admonition-warning', 'Warning'],
      ['atrium-admonition atrium-admonition-danger', 'Caution'],
    ]);
  });

  it('accept any case, a blank line or hard break after the marker, several paragraphs, and MDX', async () => {
    expect(await html('> [!tip]\n>\n> One.\n>\n> Two.\n')).toBe(
      '<aside class="atrium-admonition atrium-admonition-tip" role="note" aria-label="Tip"><p class="atrium-admonition-title">Tip</p><p>One.</p><p>Two.</p></aside>',
    );
    expect(await html('> [!WARNING]  \n> Breaks.\n')).toContain('<p class="atrium-admonition-title">Warning</p><p>Breaks.</p>');
    expect(await html('> [!CAUTION]\n> From MDX.\n', 'mdx')).toContain('atrium-admonition-danger');
  });

  it('leave other blockquotes alone', async () => {
    expect(await html('> [!TIP] on one line\n')).toBe('<blockquote>\n<p>[!TIP] on one line</p>\n</blockquote>');
    expect(await html('> [!FOO]\n> x\n')).toContain('<blockquote>');
    expect(await html('> Just a quote.\n')).toBe('<blockquote>\n<p>Just a quote.</p>\n</blockquote>');
  });
});

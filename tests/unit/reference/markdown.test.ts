import { describe, expect, it } from 'vitest';
import { markdownToPlainText, renderMarkdown } from '../../../src/lib/reference/index.ts';
import { activeContent } from './helpers.ts';

describe('renderMarkdown', () => {
  it('renders GFM', () => {
    expect(renderMarkdown('Hello *world* and `code`')).toBe('<p>Hello <em>world</em> and <code>code</code></p>');
    expect(renderMarkdown('| a |\n|---|\n| 1 |')).toContain('<table>');
    expect(renderMarkdown('See https://example.com')).toContain('<a href="https://example.com">https://example.com</a>');
  });

  it('demotes headings below the page’s own', () => {
    expect(renderMarkdown('# Title\n\n## Sub')).toBe('<h3>Title</h3>\n<h4>Sub</h4>');
  });

  it('keeps harmless raw HTML and removes everything active', () => {
    const out = renderMarkdown(
      'a <b>bold</b> <script>alert(1)</script> <img src="https://e.com/i.png" onerror="alert(1)"> ' +
        '<a href="javascript:alert(1)">x</a> [y](javascript:alert(2)) <iframe src="https://e.com"></iframe> ' +
        '<details><summary>More</summary>hidden</details> <p style="color:red" onclick="x()">p</p>',
    );
    expect(out).toContain('<b>bold</b>');
    expect(out).toContain('<img src="https://e.com/i.png">');
    expect(out).toContain('<details><summary>More</summary>hidden</details>');
    expect(out).not.toContain('alert');
    expect(activeContent(out)).toEqual([]);
  });

  it('returns the same string for the same input (memoised)', () => {
    const text = 'memo *test* ' + Math.random();
    expect(renderMarkdown(text)).toBe(renderMarkdown(text));
    expect(renderMarkdown('   ')).toBe('');
  });
});

describe('markdownToPlainText', () => {
  it('strips markup and cuts at a word', () => {
    expect(markdownToPlainText('# Hi\n\nSome *text* [link](https://e.com).\n\nMore')).toBe('Hi Some text link. More');
    const long = markdownToPlainText('word '.repeat(100), 40);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('…')).toBe(true);
    expect(markdownToPlainText('<script>alert(1)</script>\n\nSafe <b>bold</b>')).toBe('Safe bold');
  });

  it('gives the same text after the HTML of the same markdown was rendered (one parse serves both)', () => {
    const texts = [
      '# Head\n\nA *b* `c` [d](https://e.com) <b>raw</b>\n\n| x | y |\n|---|---|\n| 1 | 2 |',
      '- one\n- two\n\n> quote ' + 'word '.repeat(60),
      '<script>alert(1)</script>\n\nSafe <b>bold</b>',
    ].map((t) => `${t} ${Math.random()}`);
    for (const text of texts) {
      // A trailing blank line changes the memo key, not the text: parsed on its own.
      const alone = markdownToPlainText(`${text}\n\n`, 120);
      renderMarkdown(text);
      expect(markdownToPlainText(text, 120)).toBe(alone);
      expect(markdownToPlainText(text, 1000)).toBe(markdownToPlainText(`${text}\n\n`, 1000));
    }
  });
});

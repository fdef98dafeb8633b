import { readFileSync } from 'node:fs';
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

describe('renderMarkdown of one plain line (rendered without parsing)', () => {
  // A trailing blank line changes nothing in the output but takes the parsing path: the pair
  // compares the shortcut with the pipeline.
  const viaPipeline = (line: string) => renderMarkdown(`${line}\n\n`);

  it('gives what the pipeline gives for the real descriptions of the fixture specs', () => {
    const strings = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const file of ['box-collaboration.json', 'stripe-price.json']) {
      walk(JSON.parse(readFileSync(new URL(`../../fixtures/reference/${file}`, import.meta.url), 'utf8')));
    }
    const lines = [...strings].filter((s) => /^[A-Za-z`][A-Za-z0-9 ,.;:()?%$/'"=+#`-]*$/.test(s));
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.filter((s) => s.includes('`')).length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(renderMarkdown(line), line).toBe(viaPipeline(line));
      expect(markdownToPlainText(line, 1e6), line).toBe(markdownToPlainText(`${line}\n\n`, 1e6));
    }
  });

  it('leaves lines with markup, autolinks or block starts to the pipeline', () => {
    const cases: [string, string][] = [
      ['The ID (e.g. "abc"), 100% - or 5$; see #12 + a=b.', '<p>The ID (e.g. "abc"), 100% - or 5$; see #12 + a=b.</p>'],
      ['Docs at https://example.com/x', '<p>Docs at <a href="https://example.com/x">https://example.com/x</a></p>'],
      ['Docs at www.example.com', '<p>Docs at <a href="http://www.example.com">www.example.com</a></p>'],
      ['Mail ops@example.com', '<p>Mail <a href="mailto:ops@example.com">ops@example.com</a></p>'],
      ['A *b* c', '<p>A <em>b</em> c</p>'],
      ['1. first', '<ol>\n<li>first</li>\n</ol>'],
      ['# Title', '<h3>Title</h3>'],
      ['Ends in spaces  ', '<p>Ends in spaces</p>'],
      ['Tom &amp; Jerry', '<p>Tom &#x26; Jerry</p>'],
      ['Set `a<b && c>d` to `true`.', '<p>Set <code>a&#x3C;b &#x26;&#x26; c>d</code> to <code>true</code>.</p>'],
      ['`id` of the `<script>` and `*x*` or `[y](z)`', '<p><code>id</code> of the <code>&#x3C;script></code> and <code>*x*</code> or <code>[y](z)</code></p>'],
      ['A ` b ` c', '<p>A <code>b</code> c</p>'],
      ['A `` b `` c and `odd', '<p>A <code>b</code> c and `odd</p>'],
      ['A `x` *y*', '<p>A <code>x</code> <em>y</em></p>'],
      ['A `x` https://e.com', '<p>A <code>x</code> <a href="https://e.com">https://e.com</a></p>'],
    ];
    for (const [line, out] of cases) {
      expect(renderMarkdown(line), line).toBe(out);
      expect(renderMarkdown(line), line).toBe(viaPipeline(line));
    }
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

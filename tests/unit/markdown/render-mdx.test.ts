import { afterAll, describe, expect, it } from 'vitest';
import { DOCS, fixtureDoc, inlineDoc, newRenderer, resolveLink } from './helpers.ts';

const renderer = newRenderer();
afterAll(() => renderer.close());
const render = (doc: Parameters<typeof renderer.render>[0]) => renderer.render(doc, { resolveLink });
const mdx = (body: string, bodyLine = 1) => inlineDoc(body, { file: `${DOCS}/guides/inline.mdx`, format: 'mdx', bodyLine });

describe('MDX allow-list', () => {
  it('renders built-in components, HTML elements, directives and comments', async () => {
    const out = await render(fixtureDoc(`${DOCS}/guides/components.mdx`));
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toContain(
      '<aside class="atrium-admonition atrium-admonition-warning" role="note" aria-label="Deprecated"><p class="atrium-admonition-title">Deprecated</p><p>Version <strong>v1</strong> sunsets soon.</p></aside>',
    );
    expect(out.html).toContain('<details><summary>More detail</summary><p>Hidden <em>content</em>.</p></details>');
    expect(out.html).toContain('<p>Press <kbd>Ctrl</kbd>+<kbd>K</kbd> to search.</p>');
    expect(out.html).toContain('<aside class="atrium-admonition atrium-admonition-tip" role="note" aria-label="Tip">');
    expect(out.html).not.toContain('Comments are fine');
  });

  it('sanitizes HTML elements written as JSX like raw HTML', async () => {
    const out = await render(mdx('<div className="x" title="t"><iframe src="https://evil.example" /><b>ok</b></div>\n\n<a href="javascript:alert(1)">x</a>\n'));
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toBe('<div title="t"><b>ok</b></div>\n<p><a>x</a></p>');
  });

  it('checks the Admonition type', async () => {
    const out = await render(mdx('<Admonition type="fun">Hi</Admonition>\n'));
    expect(out.diagnostics.map((d) => d.message)).toEqual(['<Admonition type="fun"> is not a known type; use one of note, tip, warning, danger']);
  });
});

describe('MDX code is refused with file:line', () => {
  it('refuses import, expressions and unknown components', async () => {
    const out = await render(fixtureDoc(`${DOCS}/guides/code.mdx`));
    expect(out.diagnostics.map((d) => ({ line: d.line, column: d.column, code: d.code, message: d.message }))).toEqual([
      {
        line: 5,
        column: 1,
        code: 'mdx-esm',
        message: 'MDX import/export is not supported: docs may not run code. Remove the statement; built-in components such as <Admonition> need no import',
      },
      { line: 9, column: 15, code: 'mdx-expression', message: 'MDX expressions are not supported; write the value as text, or escape the brace as \\{ (found {40 + 2})' },
      {
        line: 11,
        column: 1,
        code: 'mdx-component',
        message: '<Tabs> is not a built-in component; MDX docs may use <Admonition> and HTML elements (components cannot be imported)',
      },
    ]);
    expect(out.diagnostics.every((d) => d.severity === 'error' && d.file === `${DOCS}/guides/code.mdx`)).toBe(true);
    expect(out.html).not.toContain('42');
  });

  it('refuses expressions in attributes and spreads', async () => {
    const out = await render(mdx('Press <kbd onClick={() => steal()}>K</kbd> <span {...props}>x</span>\n', 10));
    expect(out.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [10, 'MDX expressions are not supported: give onClick a quoted string instead of {() => steal()} on <kbd>'],
      [10, 'MDX expressions are not supported: remove the spread {...props} from <span>'],
    ]);
  });

  it('reports MDX syntax errors with the line', async () => {
    const out = await render(mdx('# Title\n\n<div>\n\nnever closed\n', 4));
    expect(out.html).toBe('');
    expect(out.diagnostics).toEqual([
      {
        severity: 'error',
        file: `${DOCS}/guides/inline.mdx`,
        line: 6,
        column: 1,
        code: 'markdown-syntax',
        message: 'MDX syntax error: Expected a closing tag for `<div>` (3:1-3:6)',
      },
    ]);
  });
});

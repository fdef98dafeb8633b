import { describe, expect, it } from 'vitest';
import { searchableHtml } from '../../../src/lib/site/searchable-page.ts';

const page = (main: string, extra = '') =>
  `<!doctype html><html lang="en"><head><title>T</title><script>var x = "<main data-pagefind-body>";</script></head><body>` +
  `<header><nav>Site nav</nav></header><aside class="sidebar">Sidebar <a href="/">APIs</a></aside>${extra}` +
  `<main id="main" data-pagefind-body>${main}</main><aside class="toc">On this page</aside><footer>Built with Atrium</footer></body></html>`;

describe('searchableHtml: the part of a page Pagefind reads', () => {
  it('keeps the body element and the html lang, not the chrome around it', () => {
    const record = searchableHtml(page('<h1 id="t">Title</h1><p>Content</p>'))!;
    expect(record).toBe('<!doctype html><html lang="en"><body> <main data-pagefind-body> <h1>Title</h1><p>Content</p></main></body></html>');
  });

  it('is undefined for a page without a body marker (not searchable), and skips the marker in scripts and text', () => {
    expect(searchableHtml('<html><body><main><p>data-pagefind-body</p><script>x = " data-pagefind-body"</script></main></body></html>')).toBeUndefined();
  });

  it('cuts what Pagefind excludes whole: ignore="all", script, style, svg, nav, form', () => {
    const main =
      '<p>Keep one</p><aside data-pagefind-ignore="all"><div><div>samples</div></div><h2 id="x">Schemas</h2></aside>' +
      '<style>.a>b{}</style><script type="module">if (a < b) document.write("</div>")</script>' +
      '<svg viewBox="0 0 1 1"><style>text{}</style><g><text>diagram</text></g><svg/></svg><svg class="icon"/>' +
      '<nav class="breadcrumbs"><ol><li>APIs</li></ol></nav><form><label>Q</label></form><p>Keep two</p>';
    const record = searchableHtml(page(main))!;
    expect(record).toContain('<p>Keep one</p><p>Keep two</p></main>');
    expect(record).not.toMatch(/samples|Schemas|diagram|APIs|\.a>b|document\.write/);
  });

  it('keeps of each tag what Pagefind reads: data-pagefind-* and the attributes they name, an image\'s src and alt', () => {
    const record = searchableHtml(
      page(
        '<h2 id="x" class="a" data-id="drop">H</h2><p title="id=1" style="x">P id="2"<sup><a id=f1 href="#f">1</a></sup></p>' +
          '<span data-pagefind-meta="method[data-value]" data-value="GET" class="m"></span><img src="/a.png" alt="A" width="2">' +
          '<p data-pagefind-index-attrs="title" title="T" lang="de">x</p><div data-pagefind-ignore id=\'y\'>d<i data-pagefind-meta="m">m</i></div>',
      ),
    )!;
    expect(record).toContain(
      ' <h2>H</h2><p>P id="2"<sup> <a>1</a></sup></p><span data-pagefind-meta="method[data-value]" data-value="GET"></span><img src="/a.png" alt="A">' +
        '<p data-pagefind-index-attrs="title" title="T">x</p><div data-pagefind-ignore>d<i data-pagefind-meta="m">m</i></div>',
    );
  });

  it('keeps elements ignored for the index only (their meta and filters still count)', () => {
    const main = '<div data-pagefind-ignore><span data-pagefind-meta="method[data-value]" data-value="GET"></span>Copy</div><p>Text</p>';
    expect(searchableHtml(page(main))).toContain(main);
  });

  it('cuts elements ignored for the index only when they hold no meta or filter: their text is all Pagefind would skip', () => {
    const main =
      '<p>Keep one</p><details class="ref-example" data-pagefind-ignore open><summary>Example</summary><pre><code>{"sample": 1}</code></pre></details>' +
      "<button data-pagefind-ignore='index'>Try it</button><span data-pagefind-ignore=index>Copy</span><p>Keep two</p>";
    const record = searchableHtml(page(main))!;
    expect(record).toContain('<p>Keep one</p><p>Keep two</p></main>');
    expect(record).not.toMatch(/sample|Example|Try it|Copy/);
  });

  it('balances nested elements of the body tag name', () => {
    const record = searchableHtml(
      '<html lang="de"><body><div class="page"><div data-pagefind-body><div><div>a</div></div><p>b</p></div><div>after</div></div></body></html>',
    );
    expect(record).toBe('<!doctype html><html lang="de"><body><div data-pagefind-body><div><div>a</div></div><p>b</p></div></body></html>');
  });

  it('hands a body that never closes over whole, so nothing is lost', () => {
    const broken = '<html><body><main data-pagefind-body><p>text';
    expect(searchableHtml(broken)).toBe(broken);
  });
});

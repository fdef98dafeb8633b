import { describe, expect, it } from 'vitest';
import { cleanSvg, renameIds, svgToHtml } from '../../../src/lib/markdown/diagrams/svg.ts';

describe('cleanSvg', () => {
  it('drops the XML prolog, comments, scripts, handlers and unsafe links', () => {
    const svg = cleanSvg(
      '<?xml version="1.0" encoding="UTF-8"?><!-- source and Java version --><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" contentScriptType="application/ecmascript">' +
        '<script>alert(2)</script><a href="javascript:alert(3)"><text>a</text></a><a href="https://ok.example"><text>b</text></a>' +
        '<style>@import url(https://evil.example/x.css);.n{fill:url(#g)}.m{background:url(https://evil.example/t.png)}</style>' +
        '<foreignObject><div onclick="x()"><iframe src="https://evil.example"></iframe>label</div></foreignObject></svg>',
    )!;
    const html = svgToHtml(svg);
    expect(html).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><a><text>a</text></a><a href="https://ok.example"><text>b</text></a>' +
        '<style>.n{fill:url(#g)}.m{background:none}</style><foreignObject><div>label</div></foreignObject></svg>',
    );
  });

  it('returns undefined when there is no SVG', () => {
    expect(cleanSvg('Syntax Error?')).toBeUndefined();
  });
});

describe('renameIds', () => {
  it('renames ids by position and every reference to them: url(#), href, aria and <style> selectors', () => {
    const svg = cleanSvg(
      '<svg id="m1" aria-labelledby="t1"><title id="t1">T</title><style>#m1 .edge{marker-end:url(#arrow)} #m10{x:1}</style>' +
        '<defs><marker id="arrow"></marker><linearGradient id="g"></linearGradient></defs>' +
        '<path marker-end="url(#arrow)" fill="url(#g)" stroke="#arrow2"></path><use href="#g"></use></svg>',
    )!;
    renameIds(svg, 'atrium-d2-');
    expect(svgToHtml(svg)).toBe(
      '<svg id="atrium-d2-0" aria-labelledby="atrium-d2-1"><title id="atrium-d2-1">T</title>' +
        '<style>#atrium-d2-0 .edge{marker-end:url(#atrium-d2-2)} #m10{x:1}</style>' +
        '<defs><marker id="atrium-d2-2"></marker><linearGradient id="atrium-d2-3"></linearGradient></defs>' +
        '<path marker-end="url(#atrium-d2-2)" fill="url(#atrium-d2-3)" stroke="#arrow2"></path><use href="#atrium-d2-3"></use></svg>',
    );
  });

  it('gives the same drawing the same ids whatever a renderer numbered them', () => {
    const a = cleanSvg('<svg id="m"><g id="actor1"></g><line id="actor2"></line></svg>')!;
    const b = cleanSvg('<svg id="m"><g id="actor5"></g><line id="actor6"></line></svg>')!;
    renameIds(a, 'p-');
    renameIds(b, 'p-');
    expect(svgToHtml(a)).toBe(svgToHtml(b));
  });
});

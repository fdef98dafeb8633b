/**
 * Colouring one distinct (grammar state, line) at a time (reference/line-highlight.ts) must
 * give exactly what Shiki gives for the whole block, in every sample language, whatever
 * blocks came before: the same line inside a string and outside it, lines that open and
 * close multi-line constructs, empty lines.
 */
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CODE_THEMES, createCodeHighlighter } from '../../../src/lib/markdown/code/highlighter.ts';
import { classify, createLineHighlighter, MAX_LINE_LENGTH, sameStack } from '../../../src/lib/reference/line-highlight.ts';
import type { SampleRequest } from '../../../src/lib/reference/sample-request.ts';
import { renderSnippet, SNIPPET_LANGUAGES } from '../../../src/lib/reference/snippets.ts';

type Shiki = ReturnType<ReturnType<typeof createCodeHighlighter>['highlighter']>;
let shiki: Shiki;
let ids: Map<string, string>;

beforeAll(async () => {
  const highlighter = createCodeHighlighter();
  ids = await highlighter.prepare([...SNIPPET_LANGUAGES.map((l) => l.highlight), 'json']);
  shiki = highlighter.highlighter();
});

/** Shiki over the whole block, with the same options and classes. */
function wholeBlock(code: string, lang: string) {
  const tree = shiki.codeToHast(code, { lang, themes: CODE_THEMES, defaultColor: false, tokenizeTimeLimit: 0, tokenizeMaxLineLength: MAX_LINE_LENGTH }) as Root;
  const styles = new Map<string, string>();
  classify(tree, styles);
  return { html: toHtml(tree), styles: [...styles].sort() };
}

function request(over: Partial<SampleRequest>): SampleRequest {
  return {
    method: 'POST',
    url: 'https://api.example.com/v1/things?limit=10',
    headers: [['apikey', '<YOUR_API_KEY>']],
    basicAuth: false,
    clientCertificate: false,
    notes: [],
    baseUrlSource: 'environment',
    ...over,
  };
}

const BODY = { name: 'a "quoted" name', tags: ['x', 'y'], nested: { deep: { deeper: [1, 2, { k: null }] } }, text: 'line one\nline two' };

/** Samples in every language for requests that differ in body, headers and notes. */
function corpus(): [string, string][] {
  const requests = [
    request({ body: { kind: 'json', mediaType: 'application/json', value: BODY } }),
    request({ method: 'GET', notes: ['Sign the request with HMAC.'] }),
    request({ body: { kind: 'json', mediaType: 'application/json', value: { name: 'other', tags: [] } } }),
    request({
      basicAuth: true,
      body: { kind: 'form', mediaType: 'application/x-www-form-urlencoded', fields: [{ name: 'a', value: '1', file: false }, { name: 'b', value: '"2"', file: false }] },
    }),
  ];
  const blocks: [string, string][] = [];
  for (const req of requests) for (const language of SNIPPET_LANGUAGES) blocks.push([ids.get(language.highlight)!, renderSnippet(language, req)]);
  blocks.push(['json', JSON.stringify(BODY, null, 2)], ['json', JSON.stringify({ text: BODY.text, list: [BODY, BODY] }, null, 2)]);
  // The same lines inside a multi-line construct and outside it, and blank lines.
  blocks.push(['javascript', 'const a = `\n  "name": "x",\n`;\n\n  "name": "x",\nfoo();']);
  blocks.push(['python', 'x = """\nimport requests\n"""\nimport requests\n\n\nprint(x)']);
  blocks.push(['bash', "cat <<'EOF'\ncurl https://x\nEOF\ncurl https://x"]);
  blocks.push(['json', '']);
  return blocks;
}

describe('colouring each distinct line once', () => {
  it('gives Shiki’s HTML and styles for every block, in any order', () => {
    const blocks = corpus();
    for (const order of [blocks, [...blocks].reverse()]) {
      const lines = createLineHighlighter(shiki, CODE_THEMES);
      for (const [lang, code] of order) {
        const got = lines.highlight(code, lang);
        const want = wholeBlock(code, lang);
        expect(got.html, `${lang}: ${code.slice(0, 40)}`).toBe(want.html);
        expect([...got.styles].sort()).toEqual(want.styles);
      }
    }
  });

  it('tokenises a line seen before from the same state only once', () => {
    const lines = createLineHighlighter(shiki, CODE_THEMES);
    // A line is tokenised with codeToTokens (and written as Shiki's tree would be).
    const calls = vi.spyOn(shiki, 'codeToTokens');
    const a = '{\n  "id": 1,\n  "name": "a"\n}';
    const b = '{\n  "id": 1,\n  "name": "b"\n}';
    lines.highlight(a, 'json');
    const afterFirst = calls.mock.calls.length;
    expect(afterFirst).toBe(4);
    const html = lines.highlight(b, 'json').html;
    // Only `  "name": "b"` is new; `{`, `  "id": 1,` and `}` come from the same states.
    expect(calls.mock.calls.length - afterFirst).toBe(1);
    expect(html).toBe(wholeBlock(b, 'json').html);
    calls.mockRestore();
  });

  it('leaves a line of MAX_LINE_LENGTH characters uncoloured and colours the next', () => {
    const lines = createLineHighlighter(shiki, CODE_THEMES);
    const long = `  "blob": "${'A'.repeat(MAX_LINE_LENGTH)}",`;
    const html = lines.highlight(`{\n${long}\n  "id": 1\n}`, 'json').html;
    const rows = html.split('\n');
    expect(rows[1]).toMatch(/^<span class="line"><span( class="c[0-9a-f]{6}")?>[^<]*<\/span><\/span>$/);
    expect(rows[2]!.match(/<span class="c[0-9a-f]{6}">/g)!.length).toBeGreaterThan(1);
  });

  it('writes one class attribute on <pre>, holding Shiki’s classes and the colour class', () => {
    const html = createLineHighlighter(shiki, CODE_THEMES).highlight('curl https://x', 'bash').html;
    const pre = html.slice(0, html.indexOf('>') + 1);
    expect(pre.match(/ class=/g)).toHaveLength(1);
    expect(pre).toMatch(/^<pre class="shiki shiki-themes github-light-high-contrast github-dark c[0-9a-f]{6}"/);
  });
});

describe('sameStack', () => {
  const scopes = (name: string) => ({ name, equals: (o: { name: string } | null) => o?.name === name });
  const frame = (over: Record<string, unknown> = {}, parent: unknown = null) =>
    ({ parent, depth: parent ? 2 : 1, ruleId: 5, endRule: null, beginRuleCapturedEOL: false, nameScopesList: scopes('a'), contentNameScopesList: scopes('a'), ...over }) as never;

  it('tells apart stacks that differ in any frame field that decides the next line', () => {
    const base = frame({}, frame());
    expect(sameStack(base, frame({}, frame()))).toBe(true);
    expect(sameStack(base, frame({ beginRuleCapturedEOL: true }, frame()))).toBe(false);
    expect(sameStack(base, frame({ endRule: '"' }, frame()))).toBe(false);
    expect(sameStack(base, frame({ ruleId: 6 }, frame()))).toBe(false);
    expect(sameStack(base, frame({}, frame({ nameScopesList: scopes('b') })))).toBe(false);
    expect(sameStack(base, frame({ contentNameScopesList: scopes('c') }, frame()))).toBe(false);
    expect(sameStack(base, frame())).toBe(false);
  });
});

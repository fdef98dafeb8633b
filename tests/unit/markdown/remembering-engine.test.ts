/**
 * The remembering engine (markdown/code/remembering-engine.ts) must colour exactly as Shiki's
 * own Oniguruma engine does, and make the second theme's searches without the regex engine.
 */
import { createHighlighter, type RegexEngine } from 'shiki';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { describe, expect, it } from 'vitest';
import { CODE_THEMES } from '../../../src/lib/markdown/code/highlighter.ts';
import { rememberingEngine } from '../../../src/lib/markdown/code/remembering-engine.ts';

const LANGS = ['json', 'bash', 'javascript', 'python', 'go', 'java', 'csharp', 'php', 'ruby', 'kotlin', 'swift', 'markdown'];
const options = (lang: string) => ({ lang, themes: CODE_THEMES, defaultColor: false as const, tokenizeTimeLimit: 0 });

/** Counts the searches that reach the wrapped engine. */
function counting(engine: RegexEngine) {
  const count = { searches: 0 };
  const wrapped: RegexEngine = {
    createString: (s) => engine.createString(s),
    createScanner(patterns) {
      const scanner = engine.createScanner(patterns);
      return {
        findNextMatchSync(string, start, opts) {
          count.searches++;
          return scanner.findNextMatchSync(string, start, opts);
        },
      };
    },
  };
  return { engine: wrapped, count };
}

async function highlighters() {
  const plain = counting(await createOnigurumaEngine(import('shiki/wasm')));
  const remembered = counting(await createOnigurumaEngine(import('shiki/wasm')));
  return {
    plain: await createHighlighter({ themes: [CODE_THEMES.light, CODE_THEMES.dark], langs: LANGS, engine: plain.engine }),
    plainCount: plain.count,
    remembering: await createHighlighter({ themes: [CODE_THEMES.light, CODE_THEMES.dark], langs: LANGS, engine: rememberingEngine(remembered.engine) }),
    rememberedCount: remembered.count,
  };
}

const JSON_BODY = JSON.stringify({ name: 'a "quoted" name', tags: ['x', 'y'], nested: { deep: [1, 2, { k: null, t: true }] }, text: 'one\ntwo' }, null, 2);
const CORPUS: [string, string][] = [
  ['json', JSON_BODY],
  ['bash', `curl -X POST 'https://api.example.com/v1/things' \\\n  -H 'Content-Type: application/json' \\\n  --data '${JSON_BODY}'`],
  ['javascript', 'const a = `\n  "name": ${x},\n`;\n/* open\n still */ foo(a, /re[g]+/u);\nawait fetch("https://x", { method: "POST" });'],
  ['python', 'x = """\nimport requests\n"""\nimport requests\n\n@decorator\ndef f(a: int) -> str:\n    return f"{a!r}"'],
  ['go', 'package main\n\nimport (\n\t"fmt"\n)\n\nfunc main() {\n\tfmt.Println(`raw\nstring`)\n}'],
  ['java', 'var r = HttpRequest.newBuilder()\n    .uri(URI.create("https://x"))\n    .method("POST", HttpRequest.BodyPublishers.ofString("{\\"a\\":1}"))\n    .build();'],
  ['csharp', 'using var client = new HttpClient();\nvar content = new StringContent(@"{\n  ""a"": 1\n}");'],
  ['php', '<?php\n$client = new \\GuzzleHttp\\Client();\n$r = $client->request(\'POST\', "https://x/{$id}", [\n  \'body\' => <<<EOT\n{"a": 1}\nEOT,\n]);'],
  ['ruby', 'require "net/http"\nuri = URI("https://x")\nbody = <<~JSON\n  {"a": 1}\nJSON\nputs "#{uri}"'],
  ['kotlin', 'val body = """\n  {"a": 1}\n""".toRequestBody()\nval r = Request.Builder().url("https://x").build()'],
  ['swift', 'import Foundation\nlet s = """\n  {"a": 1}\n  """\nvar r = URLRequest(url: URL(string: "https://x")!)'],
  ['markdown', '# Title\n\n```js\nconst a = 1;\n```\n\n- *item* with `code`'],
  // Longer than the strings remembered: the second theme searches again and still agrees.
  ['json', JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `n${i % 7}` })), null, 2)],
];

describe('the remembering regex engine', () => {
  it('colours every language exactly as Shiki’s own engine', async () => {
    const { plain, remembering } = await highlighters();
    for (const [lang, code] of CORPUS) {
      expect(remembering.codeToHtml(code, options(lang)), `${lang}: ${code.slice(0, 30)}`).toBe(plain.codeToHtml(code, options(lang)));
    }
    // Again in the other order and one line at a time: answers kept from other blocks change nothing.
    for (const [lang, code] of [...CORPUS].reverse()) {
      for (const line of code.split('\n')) expect(remembering.codeToHtml(line, options(lang))).toBe(plain.codeToHtml(line, options(lang)));
    }
  });

  it('searches once for both themes', async () => {
    const { plain, plainCount, remembering, rememberedCount } = await highlighters();
    const [lang, code] = CORPUS[1]!;
    const single = { lang, theme: CODE_THEMES.light, tokenizeTimeLimit: 0 };
    plain.codeToHtml(code, single);
    const oneTheme = plainCount.searches;
    plainCount.searches = 0;
    plain.codeToHtml(code, options(lang));
    expect(plainCount.searches).toBe(2 * oneTheme);
    remembering.codeToHtml(code, options(lang));
    expect(rememberedCount.searches).toBe(oneTheme);
  });
});

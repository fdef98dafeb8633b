/**
 * One Shiki highlighter per renderer, created on the first code block, with only the
 * languages docs actually use loaded (grammars are the expensive part). Light and dark
 * colours are emitted together as CSS variables (`defaultColor: false`), and markdown.css
 * picks one, so switching theme needs no re-render. Each search of the grammars is made once
 * for both themes (remembering-engine.ts).
 */
import { bundledLanguages, createHighlighter, type HighlighterGeneric } from 'shiki';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { rememberingEngine } from './remembering-engine.ts';

// The high-contrast GitHub light theme keeps every token at WCAG AA (4.5:1) on our code background.
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark' } as const;

const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

export interface CodeHighlighter {
  /** Loads the grammars for `langs`; returns the Shiki language id to use for each. */
  prepare(langs: Iterable<string>): Promise<Map<string, string>>;
  highlighter(): HighlighterGeneric<string, string>;
}

export function createCodeHighlighter(): CodeHighlighter {
  let instance: Promise<HighlighterGeneric<string, string>> | undefined;
  let ready: HighlighterGeneric<string, string> | undefined;
  const loading = new Map<string, Promise<void>>();

  async function get(): Promise<HighlighterGeneric<string, string>> {
    // Shiki's own engine (Oniguruma), answering the second theme's searches from the first's.
    // Its JavaScript engine measured no faster here (per line: 17.7 s against 16.1 s of CPU for
    // GitHub's 17,000 request samples) and cannot run every grammar's expressions.
    instance ??= createHighlighter({
      themes: [CODE_THEMES.light, CODE_THEMES.dark],
      langs: [],
      engine: createOnigurumaEngine(import('shiki/wasm')).then(rememberingEngine),
    }) as Promise<HighlighterGeneric<string, string>>;
    ready = await instance;
    return ready;
  }

  return {
    async prepare(langs) {
      const highlighter = await get();
      const chosen = new Map<string, string>();
      for (const requested of langs) {
        const lang = requested.toLowerCase();
        // Unknown languages are shown as plain text: a fence tagged `http` or `promql`
        // must never fail the build.
        const id = PLAIN.has(lang) || !(lang in bundledLanguages) ? 'text' : lang;
        chosen.set(requested, id);
        if (id === 'text' || loading.has(id)) continue;
        loading.set(id, highlighter.loadLanguage(id as keyof typeof bundledLanguages));
      }
      await Promise.all([...chosen.values()].filter((id) => id !== 'text').map((id) => loading.get(id)));
      return chosen;
    },
    highlighter() {
      if (!ready) throw new Error('code highlighter used before prepare()');
      return ready;
    },
  };
}

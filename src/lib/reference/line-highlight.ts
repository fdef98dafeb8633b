/**
 * Shiki colouring that tokenises each distinct line once per grammar state, for code that
 * repeats line by line across a spec's pages: the same headers, imports and client calls in
 * eleven languages on every operation, the same JSON fields in every example. Of GitHub's
 * 370,000 sample lines about 30,000 are distinct, and the grammar's regular expressions are
 * nearly all of a block's cost.
 *
 * Exact, not approximate: TextMate tokenises a line from the state the line before left, so
 * (state, line) decides the line's tokens and the state after it. Two states are the same
 * when every frame of their stacks is (sameStack): a stricter test than vscode-textmate's own
 * `StateStack.equals`, which VS Code uses to stop re-tokenising once an edit's end state
 * matches the old one. A line missed is coloured by Shiki itself
 * (`codeToHast` of that line from that state), so the colours, styles and whitespace merging
 * are Shiki's; the output equals Shiki's for the whole block (tests/unit/reference).
 *
 * Each colour declaration becomes a class named by its hash (see code-highlight.ts for why).
 */
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { getTokenStyleObject, stringifyTokenStyle, type GrammarState, type HighlighterGeneric, type ThemedToken } from 'shiki';

export interface HighlightedCode {
  html: string;
  /** Class name → the style it stands for, for each class the HTML uses. */
  styles: [string, string][];
}

type Shiki = HighlighterGeneric<string, string>;

interface Themes extends Record<string, string> {
  light: string;
  dark: string;
}

/** Only Shiki's colour declarations (`--shiki-light:#24292E` …) are turned into classes. */
const SHIKI_STYLE = /^(?:\s*(?:--shiki-[a-z-]+|color|background-color)\s*:\s*[#\w. -]+;?)+\s*$/i;

/** A build sees a few dozen distinct styles in hundreds of thousands of tokens: hash each once. */
const classNames = new Map<string, string>();

function classOf(style: string): string {
  let name = classNames.get(style);
  if (!name) classNames.set(style, (name = `c${createHash('sha256').update(style).digest('hex').slice(0, 6)}`));
  return name;
}

/** Moves Shiki's inline colour styles into classes, recording each in `styles`. */
export function classify(node: Root | RootContent, styles: Map<string, string>): void {
  if (node.type !== 'root' && node.type !== 'element') return;
  if (node.type === 'element') {
    const properties = (node as Element).properties;
    const style = properties.style;
    if (typeof style === 'string' && SHIKI_STYLE.test(style)) {
      const name = classOf(style);
      styles.set(name, style);
      delete properties.style;
      // Shiki names the <pre>'s classes as `class`, hast's own as `className`: extend whichever
      // is there, or the element gets two class attributes and browsers read only the first.
      if (typeof properties.class === 'string') properties.class = `${properties.class} ${name}`;
      else {
        const existing = properties.className;
        properties.className = [...(Array.isArray(existing) ? existing : existing ? [String(existing)] : []), name];
      }
    }
  }
  for (const child of node.children) classify(child, styles);
}

/** The fields of vscode-textmate's StateStackImpl that decide how the next line is tokenised. */
interface Stack {
  parent: Stack | null;
  depth: number;
  ruleId: number;
  endRule: string | null;
  beginRuleCapturedEOL: boolean;
  nameScopesList: ScopeList | null;
  contentNameScopesList: ScopeList | null;
}
interface ScopeList {
  equals(other: ScopeList | null): boolean;
}

function sameScopes(a: ScopeList | null, b: ScopeList | null): boolean {
  return a === b || (a !== null && b !== null && a.equals(b));
}

/**
 * Every frame alike: its rule, the end pattern it waits for (with back-references filled),
 * whether its begin matched the line end (decides `\G` on the next line) and its scopes with
 * their theme attributes. Only the in-line positions (`_enterPos`, `_anchorPos`) are left out:
 * vscode-textmate resets them before each line.
 */
export function sameStack(a: Stack | null, b: Stack | null): boolean {
  while (a !== b) {
    if (!a || !b) return false;
    if (a.depth !== b.depth || a.ruleId !== b.ruleId || a.endRule !== b.endRule || a.beginRuleCapturedEOL !== b.beginRuleCapturedEOL) return false;
    if (!sameScopes(a.nameScopesList, b.nameScopesList) || !sameScopes(a.contentNameScopesList, b.contentNameScopesList)) return false;
    a = a.parent;
    b = b.parent;
  }
  return true;
}

interface LineResult {
  html: string;
  styles: [string, string][];
  /** Id of the (canonical) state after the line. */
  next: number;
}

/**
 * Lines this long or longer are shown uncoloured, as Shiki does for them: a grammar's
 * expressions cost more than linearly in the line's length, and an example's long string
 * (a base64 blob, a JSON body escaped into one Java string) took seconds to tens of seconds
 * per line — C#'s grammar 2 s for a 1,000-character line, 13 s for 2,000. VS Code has the
 * same cut (`editor.maxTokenizationLineLength`).
 */
export const MAX_LINE_LENGTH = 1000;

/**
 * Shiki's `mergeWhitespaces` (code-to-hast.ts): a whitespace-only token joins the next one,
 * unless either is underlined or struck through.
 */
function mergeWhitespace(line: ThemedToken[]): ThemedToken[] {
  const out: ThemedToken[] = [];
  let carry = '';
  let firstOffset: number | undefined;
  line.forEach((token, i) => {
    const couldMerge = !(token.fontStyle && (token.fontStyle & 4 || token.fontStyle & 8));
    if (couldMerge && /^\s+$/.test(token.content) && line[i + 1]) {
      firstOffset ??= token.offset;
      carry += token.content;
    } else if (carry) {
      if (couldMerge) out.push({ ...token, offset: firstOffset!, content: carry + token.content });
      else out.push({ content: carry, offset: firstOffset! }, token);
      firstOffset = undefined;
      carry = '';
    } else out.push(token);
  });
  return out;
}

/** Distinct states and lines kept per highlighter; past these, blocks are coloured whole. */
const MAX_STATES = 20_000;
const MAX_LINES = 400_000;

/**
 * `highlight(code, lang)` for a Shiki highlighter that has `lang` and both themes loaded.
 * One per highlighter: the memo holds that highlighter's grammar states.
 */
export function createLineHighlighter(shiki: Shiki, themes: Themes) {
  const themeNames = [themes.light, themes.dark];
  /** Canonical states by id; id 0 is a grammar's initial state (no state passed). */
  const states: (GrammarState | undefined)[] = [undefined];
  const stateIds = new Map<string, number[]>();
  const lines = new Map<string, LineResult>();
  const frames = new Map<string, { open: string; close: string; styles: [string, string][] }>();

  function stackOf(state: GrammarState, theme: string): Stack | undefined {
    // Shiki keeps one vscode-textmate stack per theme; `getInternalStack` is how its own
    // codeToTokensWithThemes reads them.
    return (state as unknown as { getInternalStack(theme: string): Stack | undefined }).getInternalStack(theme);
  }

  function canonical(lang: string, state: GrammarState | undefined): number | undefined {
    if (!state) return 0;
    const stacks = themeNames.map((t) => stackOf(state, t));
    if (stacks.some((s) => !s || typeof s.depth !== 'number')) return undefined;
    const bucket = `${lang}\0${stacks.map((s) => s!.depth).join(',')}`;
    let ids = stateIds.get(bucket);
    if (!ids) stateIds.set(bucket, (ids = []));
    for (const id of ids) {
      const known = states[id]!;
      if (themeNames.every((t, i) => sameStack(stackOf(known, t)!, stacks[i]!))) return id;
    }
    if (states.length >= MAX_STATES) return undefined;
    states.push(state);
    ids.push(states.length - 1);
    return states.length - 1;
  }

  function hast(code: string, lang: string, grammarState?: GrammarState): Root {
    // No time limit: past Shiki's default 500 ms a line's rest becomes one uncoloured token
    // and the state is cut short, which happens to the first line a grammar sees on a busy
    // machine (its expressions compile then), and would be remembered for every later one.
    return shiki.codeToHast(code, {
      lang,
      themes,
      defaultColor: false,
      tokenizeTimeLimit: 0,
      tokenizeMaxLineLength: MAX_LINE_LENGTH,
      ...(grammarState ? { grammarState } : {}),
    }) as Root;
  }

  function whole(code: string, lang: string): HighlightedCode {
    const tree = hast(code, lang);
    const own = new Map<string, string>();
    classify(tree, own);
    return { html: toHtml(tree), styles: [...own] };
  }

  /** `<pre …><code>` and `</code></pre>` as Shiki writes them for these themes. */
  function frame(lang: string) {
    const known = frames.get(lang);
    if (known) return known;
    const tree = hast('', lang);
    const pre = tree.children[0] as Element;
    (pre.children[0] as Element).children = [];
    const own = new Map<string, string>();
    classify(tree, own);
    const [open, close] = toHtml(tree).split('</code>') as [string, string];
    const made = { open, close: `</code>${close}`, styles: [...own] };
    frames.set(lang, made);
    return made;
  }

  /** The line's `<span class="line">`, as codeToHast, classify and toHtml would write it. */
  function lineHtml(lang: string, text: string, grammarState: GrammarState | undefined): { html: string; styles: [string, string][]; state: GrammarState | undefined } {
    const { tokens, grammarState: after } = shiki.codeToTokens(text, {
      lang,
      themes,
      defaultColor: false,
      tokenizeTimeLimit: 0,
      tokenizeMaxLineLength: MAX_LINE_LENGTH,
      ...(grammarState ? { grammarState } : {}),
    });
    const merged = tokens.length === 1 ? mergeWhitespace(tokens[0]!) : undefined;
    const own = new Map<string, string>();
    let html = '<span class="line">';
    for (const token of merged ?? []) {
      const style = stringifyTokenStyle(token.htmlStyle || getTokenStyleObject(token));
      // Anything but Shiki's own colours (attributes, other styles): Shiki's tree writes it.
      if ((token.htmlAttrs && Object.keys(token.htmlAttrs).length) || (style && !SHIKI_STYLE.test(style))) return viaTree(lang, text, grammarState);
      const content = token.content.replace(/[&<]/g, (c) => (c === '&' ? '&#x26;' : '&#x3C;'));
      if (!style) html += `<span>${content}</span>`;
      else {
        const name = classOf(style);
        own.set(name, style);
        html += `<span class="${name}">${content}</span>`;
      }
    }
    if (!merged) return viaTree(lang, text, grammarState);
    return { html: `${html}</span>`, styles: [...own], state: after };
  }

  function viaTree(lang: string, text: string, grammarState: GrammarState | undefined) {
    const tree = hast(text, lang, grammarState);
    const code = (tree.children[0] as Element).children[0] as Element;
    const span = code.children.find((c): c is Element => c.type === 'element') as Element;
    const own = new Map<string, string>();
    classify(span, own);
    return { html: toHtml(span as ElementContent), styles: [...own], state: shiki.getLastGrammarState(tree) };
  }

  function line(lang: string, stateId: number, text: string): LineResult | undefined {
    const key = `${lang}\0${stateId}\0${text}`;
    const known = lines.get(key);
    if (known) return known;
    if (text === '') return { html: '<span class="line"></span>', styles: [], next: stateId };
    const made = lineHtml(lang, text, states[stateId]);
    const next = canonical(lang, made.state);
    if (next === undefined) return undefined;
    const result = { html: made.html, styles: made.styles, next };
    if (lines.size >= MAX_LINES) lines.delete(lines.keys().next().value!);
    lines.set(key, result);
    return result;
  }

  return {
    highlight(code: string, lang: string): HighlightedCode {
      // Shiki joins lines with "\n" whatever ended them; other line ends take the whole path.
      if (lang === 'text' || code.includes('\r')) return whole(code, lang);
      const { open, close, styles: frameStyles } = frame(lang);
      const styles = new Map(frameStyles);
      const parts: string[] = [];
      let state = 0;
      for (const text of code.split('\n')) {
        const done = line(lang, state, text);
        if (!done) return whole(code, lang);
        parts.push(done.html);
        for (const [name, style] of done.styles) styles.set(name, style);
        state = done.next;
      }
      return { html: `${open}${parts.join('\n')}${close}`, styles: [...styles] };
    },
  };
}

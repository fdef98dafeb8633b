/**
 * A regex engine for Shiki that answers a repeated search from memory. Shiki colours code in
 * two themes by tokenising it once per theme (`codeToTokensWithThemes`), and the grammar's
 * searches are the same both times: which pattern matches where depends on the grammar, the
 * line and the position, never on the theme, which only colours the scopes found. So the
 * second theme's searches repeat the first's, and they were half of a build's colouring time.
 *
 * Exact: a scanner's answer for (string, start position, options) is a pure function of
 * them, and vscode-textmate only reads the match it gets. Answers are kept for the last
 * MAX_STRINGS strings searched (a line of a block is one string), all scanners together, so
 * the dark pass of a block finds the light pass's answers when the block has at most that
 * many lines; a longer block is searched again, as without this. Past the bound every
 * scanner forgets at once, so memory stays that of a few hundred lines.
 */
import type { PatternScanner, RegexEngine } from 'shiki';

type Match = ReturnType<PatternScanner['findNextMatchSync']>;

const MAX_STRINGS = 256;

export function rememberingEngine(engine: RegexEngine): RegexEngine {
  /** Strings searched since the last reset, each with its number. */
  let strings = new Map<string, number>();
  /** The answers of each scanner that searched since then, to forget at the next reset. */
  const holding = new Set<Map<number, Map<number, Match>>>();

  function numberOf(text: string): number {
    let number = strings.get(text);
    if (number === undefined) {
      if (strings.size >= MAX_STRINGS) {
        for (const answers of holding) answers.clear();
        holding.clear();
        strings = new Map();
      }
      strings.set(text, (number = strings.size));
    }
    return number;
  }

  return {
    createString: (text) => engine.createString(text),
    createScanner(patterns) {
      const scanner = engine.createScanner(patterns);
      /** String number → (start position, options) → answer. */
      const answers = new Map<number, Map<number, Match>>();
      return {
        findNextMatchSync(string, startPosition, options) {
          const number = numberOf(typeof string === 'string' ? string : string.content);
          let known = answers.get(number);
          if (!known) {
            answers.set(number, (known = new Map()));
            holding.add(answers);
          }
          // Options are a bit mask of four flags (vscode-textmate's FindOption).
          const key = startPosition * 16 + (options ?? 0);
          let match = known.get(key);
          if (match === undefined) {
            match = scanner.findNextMatchSync(string, startPosition, options);
            known.set(key, match);
          }
          return match;
        },
        dispose() {
          answers.clear();
          holding.delete(answers);
          scanner.dispose?.();
        },
      };
    },
  };
}

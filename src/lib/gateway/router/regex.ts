/**
 * Kong route regexes (PCRE, as OpenResty's `ngx.re` runs them) as JavaScript RegExps.
 *
 * Most route regexes are the common subset — classes, groups, quantifiers, `(?<name>…)` named
 * captures, which `deck file openapi2kong` writes — and mean the same in both engines. The rest is
 * translated when the meaning is certain and refused otherwise, so a route is never matched by a
 * regex that means something else in JavaScript:
 * - `(?P<name>…)` (Python/PCRE spelling) → `(?<name>…)`;
 * - `\A` → `^`, `\z` → `$` (no multiline, so they mean the same here);
 * - a leading `(?i)` → the `i` flag;
 * - refused: `\Z`, possessive quantifiers (`a++`), atomic groups `(?>…)`, other inline flags,
 *   `\K`, `\G`, recursion `(?R)`, conditionals `(?(…)…)`, POSIX classes `[[:alpha:]]`, `\Q…\E`.
 *
 * Kong anchors route paths at the start (`^` is implied) but not at the end.
 */

export type TranslatedRegex = { ok: true; regex: RegExp } | { ok: false; reason: string };

const UNSUPPORTED: { pattern: RegExp; what: string }[] = [
  { pattern: /\\Z/, what: '`\\Z`' },
  { pattern: /\\[KG]/, what: '`\\K` / `\\G`' },
  { pattern: /\\Q/, what: '`\\Q…\\E` quoting' },
  { pattern: /\(\?>/, what: 'an atomic group `(?>…)`' },
  { pattern: /\(\?(?:R|\d|\+\d|&)/, what: 'recursion `(?R)`' },
  { pattern: /\(\?\(/, what: 'a conditional group `(?(…)…)`' },
  { pattern: /\(\?[a-zA-Z^-]+\)/, what: 'an inline flag group such as `(?x)`' },
  { pattern: /\(\?[a-zA-Z-]+:/, what: 'a flag group such as `(?i:…)`' },
  { pattern: /\[\[:[a-z]+:\]\]/, what: 'a POSIX class such as `[[:alpha:]]`' },
  { pattern: /(?:[*+?}])\+/, what: 'a possessive quantifier such as `a++`' },
];

/**
 * The route path regex (without Kong's `~` marker) as a RegExp anchored at the start, the way
 * Kong's router applies it. `anchorStart: false` leaves it unanchored (the expressions
 * router's `~` operator searches).
 */
export function translateKongRegex(source: string, anchorStart = true): TranslatedRegex {
  let body = source;
  let flags = 'u';
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    flags += 'i';
  }
  // Look at the pattern without escaped backslashes so `\\Z` (a backslash then Z) is not `\Z`.
  const unescaped = body.replace(/\\\\/g, '');
  for (const { pattern, what } of UNSUPPORTED) {
    if (pattern.test(unescaped)) return { ok: false, reason: `uses ${what}, which Atrium cannot evaluate like PCRE` };
  }
  body = body.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>').replace(/(^|[^\\])\\A/g, '$1^').replace(/(^|[^\\])\\z/g, '$1$');
  const anchored = anchorStart ? `^(?:${body})` : body;
  try {
    return { ok: true, regex: new RegExp(anchored, flags) };
  } catch {
    // Unicode mode is strict about stray escapes PCRE accepts (`\-` outside a class, `\/`…); try without it.
    try {
      return { ok: true, regex: new RegExp(anchored, flags.replace('u', '')) };
    } catch (error) {
      return { ok: false, reason: `is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})` };
    }
  }
}

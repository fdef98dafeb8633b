/**
 * "Did you mean …?" suggestions for misspelt keys and names. A small edit distance is
 * enough here: the candidate lists are short (schema keys, service names, version names).
 */

/**
 * Edit distance where an insertion, deletion, substitution or swap of two neighbouring
 * characters each cost 1 (optimal string alignment), so `titel` is one edit from `title`.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `input`, when it is close enough to be a plausible typo:
 * at most a third of the input's length away (at least 1, at most 3 edits), compared
 * case-insensitively. Failing that, the only candidate that starts with the input (`prod`
 * → `production`). Ties go to the earlier candidate, so results are deterministic.
 */
export function closestMatch(input: string, candidateNames: Iterable<string>): string | undefined {
  const candidates = [...candidateNames];
  const needle = input.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(needle.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined && needle.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(needle));
    if (prefixed.length === 1) best = prefixed[0];
  }
  return best;
}

/** `; did you mean \`x\`?` or '' — ready to append to a message. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : `; did you mean \`${match}\`?`;
}

/** `\`a\`, \`b\`, \`c\`` (at most `max` items, then "and N more"), for "known values are …". */
export function listNames(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

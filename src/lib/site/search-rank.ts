/**
 * Search results in the order a reader expects from a palette: a result whose title (or, for
 * an operation, its `METHOD /path` or path) is exactly the query comes first, then titles that
 * start with it, then titles holding every word of it, then the rest — each tier in Pagefind's
 * own relevance order. Shared by the portal's search box and `atrium mcp`'s search tool.
 */
export interface RankableHit {
  title: string;
  /** Other names the page answers to exactly: an operation's `GET /flights` and `/flights`. */
  aliases?: string[];
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?:;,]+$/, '');

function tier(query: string, hit: RankableHit): number {
  const title = normalise(hit.title);
  // Page titles carry their place ("List flights · Flights v2"); the name before it counts too.
  const names = [title, normalise(hit.title.split(' · ')[0]!), ...(hit.aliases ?? []).map(normalise)];
  if (names.includes(query)) return 0;
  if (names.some((n) => n.startsWith(query))) return 1;
  const words = query.split(' ').filter(Boolean);
  if (words.length > 0 && words.every((w) => title.includes(w))) return 2;
  return 3;
}

export function rankByTitle<T extends RankableHit>(query: string, hits: readonly T[]): T[] {
  const q = normalise(query);
  if (!q) return [...hits];
  return hits
    .map((hit, i) => ({ hit, i, t: tier(q, hit) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((r) => r.hit);
}

/** An operation's exact names, from the `method` and `path` meta its page gives the index. */
export function operationAliases(method: string | undefined, path: string | undefined): string[] {
  if (!method || !path) return [];
  return [`${method.toUpperCase()} ${path}`, path];
}

/**
 * Display order of a product's versions: explicit `order` first (lower first), then a
 * semver-aware natural sort of names, so v1 < v2 < v10 and 1.2.0 < 1.10.0 < 2.0.0, and a
 * pre-release comes before its release (2.0.0-beta < 2.0.0).
 */

const SEMVER_LIKE = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?$/i;

/** Compares two version names; negative when `a` comes first. */
export function compareVersionNames(a: string, b: string): number {
  const sa = SEMVER_LIKE.exec(a);
  const sb = SEMVER_LIKE.exec(b);
  if (sa && sb) {
    const na = sa[1].split('.').map(Number);
    const nb = sb[1].split('.').map(Number);
    for (let i = 0; i < Math.max(na.length, nb.length); i++) {
      const diff = (na[i] ?? 0) - (nb[i] ?? 0);
      if (diff !== 0) return diff;
    }
    const pa = sa[2];
    const pb = sb[2];
    if (pa === undefined && pb !== undefined) return 1;
    if (pa !== undefined && pb === undefined) return -1;
    if (pa !== undefined && pb !== undefined) return naturalCompare(pa, pb);
    return naturalCompare(a, b);
  }
  return naturalCompare(a, b);
}

/** Natural order: digit runs compare as numbers, the rest case-insensitively, then by code point. */
export function naturalCompare(a: string, b: string): number {
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    const bothNumbers = /^\d/.test(x) && /^\d/.test(y);
    const diff = bothNumbers ? Number(x) - Number(y) : compareText(x.toLowerCase(), y.toLowerCase());
    if (diff !== 0) return diff;
  }
  return ca.length - cb.length || compareText(a, b);
}

function chunks(s: string): string[] {
  return s.match(/\d+|\D+/g) ?? [];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by `order` (missing last), then by name, then by folder, without mutating the input. */
export function sortVersions<T extends { order?: number; name: string; slug: string }>(versions: readonly T[]): T[] {
  return [...versions].sort(
    (a, b) =>
      (a.order ?? Infinity) - (b.order ?? Infinity) ||
      compareVersionNames(a.name, b.name) ||
      compareText(a.slug, b.slug),
  );
}

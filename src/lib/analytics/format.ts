/**
 * Numbers as the analytics pages show them. Written out by hand rather than with
 * Intl/toLocaleString so the output does not depend on the build machine's ICU data or locale
 * (builds are byte-for-byte reproducible).
 */

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digits = sign ? whole!.slice(1) : whole!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction ? `.${fraction}` : '');
}

/** 0.012345 → "1.23%". */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(2)}%`;
}

/** Milliseconds with precision that suits the size: "0.85 ms", "12.3 ms", "412 ms", "1,204 ms". */
export function formatMs(ms: number): string {
  if (ms >= 100) return `${formatCount(Math.round(ms))} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Requests per minute over a window of `hours`. */
export function formatRate(requests: number, hours: number): string {
  const perMinute = requests / (hours * 60);
  return perMinute >= 100 ? formatCount(Math.round(perMinute)) : perMinute.toFixed(2);
}

/** "2026-11-20T00:00:00Z" → "2026-11-20 00:00 UTC". */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

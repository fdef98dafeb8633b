/**
 * Deterministic names and choices for the synthetic portal. Everything is derived from
 * indexes (and a seeded PRNG where variety helps), so two runs with the same options
 * write byte-identical content and their timings are comparable.
 */

const DOMAINS = [
  'payments', 'orders', 'billing', 'shipping', 'inventory', 'catalog', 'identity', 'loyalty',
  'pricing', 'reviews', 'search', 'messaging', 'ledger', 'fleet', 'bookings', 'weather',
] as const;

const RESOURCES = [
  'account', 'invoice', 'parcel', 'warehouse', 'item', 'customer', 'voucher', 'refund',
  'shipment', 'ticket', 'device', 'report', 'subscription', 'quote', 'route', 'member',
] as const;

/** `payments-007`: unique per index, readable in URLs and tables. */
export function productSlug(index: number): string {
  return `${DOMAINS[index % DOMAINS.length]}-${String(index + 1).padStart(3, '0')}`;
}

export function productName(index: number): string {
  const domain = DOMAINS[index % DOMAINS.length]!;
  return `${domain[0]!.toUpperCase()}${domain.slice(1)} ${index + 1}`;
}

/** Resource names of one spec: distinct within the spec, rotating between products. */
export function resourceName(product: number, resource: number): string {
  const base = RESOURCES[(product + resource) % RESOURCES.length]!;
  const round = Math.floor(resource / RESOURCES.length);
  return round === 0 ? base : `${base}${round + 1}`;
}

export function pascal(name: string): string {
  return name.replace(/(^|[-_])([a-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());
}

const WORDS = (
  'request response gateway token limit client header service route plugin version schema field value ' +
  'cursor page retry timeout payload event webhook consumer partner sandbox production staging deploy ' +
  'release latency budget quota region replica cache index queue batch stream record audit policy'
).split(' ');

/** A sentence of `words` words from the seeded PRNG, capitalised and full-stopped. */
export function sentence(random: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const text = picked.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export function paragraph(random: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random, 8 + Math.floor(random() * 8))).join(' ');
}

/**
 * URL slugs for operation pages. They must be stable (a link shared today still works after
 * an unrelated operation is added), URL-safe and unique within one spec.
 */

/** Lower-case ASCII letters, digits and single hyphens; accents are folded, the rest dropped. */
export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Hands out slugs in call order; a repeat gets `-2`, `-3`… (the first keeps the plain slug). */
export class SlugAllocator {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  allocate(wanted: string): string {
    const base = wanted || 'operation';
    let slug = base;
    for (let n = 2; this.taken.has(slug); n++) slug = `${base}-${n}`;
    this.taken.add(slug);
    return slug;
  }
}

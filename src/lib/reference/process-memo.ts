/**
 * Memos shared by every copy of the reference modules in one process. A build loads src/lib
 * twice: the CLI imports it as it is (resolving the site, markdown twins) and Astro's
 * prerender bundle carries its own copy for the pages. Without a shared slot each copy
 * renders a spec's component schemas and generates its examples again (Stripe: ~2 s).
 *
 * Only for values that are a pure function of their key and of this source, which both
 * copies are built from; keys are the spec objects themselves (WeakMaps), so nothing
 * outlives the build's model.
 */
export function processMemo<T>(name: string, create: () => T): T {
  const slot = Symbol.for(`atrium.reference.${name}`);
  const global = globalThis as { [key: symbol]: unknown };
  return (global[slot] ??= create()) as T;
}

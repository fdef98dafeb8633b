/**
 * `fn` over `items`, at most `limit` at a time, results in the items' order. For work that mostly
 * waits on the disk (reading cached results, crawling folders): one at a time, a build waits for
 * each read in turn; all at once, thousands of reads queue on libuv's four threads and hold
 * every result in memory together.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

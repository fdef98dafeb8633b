/**
 * Coalesces single requests into batches. Starting a renderer (a Chromium page, a JVM)
 * costs far more than one diagram, so requests that arrive while a batch is running —
 * from other docs rendered concurrently — wait and go together in the next one.
 */
export type BatchRunner<I, O> = (items: I[]) => Promise<O[]>;

export function createBatcher<I, O>(run: BatchRunner<I, O>, maxBatch = 64): { add(item: I): Promise<O>; idle(): Promise<void> } {
  let pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let running: Promise<void> | undefined;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || running) return;
    scheduled = true;
    // setImmediate lets every doc that is already parsing add its diagrams first.
    setImmediate(() => {
      scheduled = false;
      running = flush().finally(() => {
        running = undefined;
        if (pending.length > 0) schedule();
      });
    });
  }

  async function flush(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(maxBatch);
      try {
        const results = await run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
  }

  return {
    add(item) {
      return new Promise<O>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        schedule();
      });
    },
    async idle() {
      while (running || scheduled) await (running ?? new Promise((r) => setImmediate(r)));
    },
  };
}

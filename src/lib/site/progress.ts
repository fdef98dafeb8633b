/**
 * Progress for long phases without flooding the log: at most one line every few seconds,
 * with done/total and the rate, and nothing at all for phases that finish quickly.
 */
export interface Progress {
  tick(count?: number): void;
  done(): void;
}

export function createProgress(
  label: string,
  total: number,
  log: ((line: string) => void) | undefined,
  everyMs = 5_000,
): Progress {
  if (!log) return { tick() {}, done() {} };
  const started = Date.now();
  let count = 0;
  let last = started;
  return {
    tick(n = 1) {
      count += n;
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      const rate = count / ((now - started) / 1000);
      log(`${label.padEnd(8)} ${count.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${rate.toFixed(0)}/s)`);
    },
    done() {
      last = Number.POSITIVE_INFINITY;
    },
  };
}

/**
 * A build stopped by SIGINT, SIGTERM or SIGHUP removes what it wrote and exits with the code a
 * shell gives a process killed by that signal (128 + its number: 130, 143, 129), so scripts
 * and CI see an interruption, not a success or a content error. Cleanups run synchronously,
 * so no other work of the build runs in between; a swap in progress finishes first, so the
 * output folder is never left missing.
 */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface Interruption {
  /** Runs when a signal stops the build, latest first, before the process exits. */
  onStop(cleanup: () => void): void;
  /** Work a signal must not cut short; the signal takes effect when it ends. */
  uninterrupted<T>(work: () => Promise<T>): Promise<T>;
  /** Back to the default signal handling. */
  dispose(): void;
}

/** @param describe the line printed on stderr when a signal stops the build */
export function stopOnSignal(describe: (signal: StopSignal) => string): Interruption {
  const cleanups: (() => void)[] = [];
  let shielded = 0;
  let pending: StopSignal | undefined;

  const stop = (signal: StopSignal): never => {
    for (const cleanup of [...cleanups].reverse()) {
      try {
        cleanup();
      } catch {
        // Exiting anyway; a later build removes what is left (see removeStaleRuns).
      }
    }
    console.error(describe(signal));
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]).map((signal) => {
    const handler = () => {
      if (shielded > 0) pending = signal;
      else stop(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });

  return {
    onStop: (cleanup) => void cleanups.push(cleanup),
    async uninterrupted(work) {
      shielded++;
      try {
        return await work();
      } finally {
        shielded--;
        if (shielded === 0 && pending) stop(pending);
      }
    },
    dispose() {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}

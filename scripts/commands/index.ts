import type { Command } from 'commander';

/** Each command lives in its own module and only declares options and calls src/lib/. */
export function registerCommands(program: Command): void {
  void program;
}

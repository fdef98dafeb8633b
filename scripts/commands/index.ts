import type { Command } from 'commander';

/**
 * Each command lives in its own module and only declares options and calls src/lib/. They
 * are loaded on demand: a run imports only the module of the command it names (every
 * module only for `--help` and the like), so `atrium build` does not pay for loading the
 * analytics, management or MCP code before its first line.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  build: async () => (await import('./build.ts')).registerBuildCommand,
  check: async () => (await import('./check.ts')).registerCheckCommand,
  dev: async () => (await import('./dev.ts')).registerDevCommand,
  diff: async () => (await import('./diff.ts')).registerDiffCommand,
  mcp: async () => (await import('./mcp.ts')).registerMcpCommand,
  analytics: async () => (await import('./analytics.ts')).registerAnalyticsCommand,
  product: async () => (await import('./product.ts')).registerProductCommand,
  version: async () => (await import('./version.ts')).registerVersionCommand,
};

/** @param argv the arguments after `atrium`; the first that is not an option names the command (no option of `atrium` itself takes a value). */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const named = argv.find((arg) => !arg.startsWith('-'));
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program);
}

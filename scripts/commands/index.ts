import type { Command } from 'commander';
import { registerBuildCommand } from './build.ts';
import { registerCheckCommand } from './check.ts';
import { registerDevCommand } from './dev.ts';
import { registerAnalyticsCommand } from './analytics.ts';
import { registerDiffCommand } from './diff.ts';
import { registerMcpCommand } from './mcp.ts';
import { registerProductCommand } from './product.ts';
import { registerVersionCommand } from './version.ts';

/** Each command lives in its own module and only declares options and calls src/lib/. */
export function registerCommands(program: Command): void {
  registerBuildCommand(program);
  registerCheckCommand(program);
  registerDevCommand(program);
  registerDiffCommand(program);
  registerMcpCommand(program);
  registerAnalyticsCommand(program);
  registerProductCommand(program);
  registerVersionCommand(program);
}

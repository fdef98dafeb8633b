/**
 * `atrium mcp [--portal DIR=dist]` (DESIGN §7): a Model Context Protocol server on stdio over
 * an already built portal folder. stdout carries protocol messages only, so anything else a
 * library might print goes to stderr; the command ends when the client closes stdin.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT_OK } from '../exit-codes.ts';

function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export async function runMcpServer(portal: string): Promise<void> {
  // A stray console.log would corrupt the JSON-RPC stream: route console output to stderr.
  for (const name of ['log', 'info', 'debug'] as const) console[name] = (...args: unknown[]) => console.error(...args);
  // One failed call must not end the agent's session: a stray rejection is logged, not fatal.
  process.on('unhandledRejection', (reason) => console.error(`atrium mcp: ${(reason as Error)?.message ?? String(reason)}`));
  const dir = path.resolve(portal);
  if (!fs.existsSync(path.join(dir, 'portal.json'))) {
    console.error(`atrium mcp: ${portal} is not a built portal yet (no portal.json); every tool will say so until it is built`);
  }
  // Loaded here, not at import, so other commands do not pay for the SDK.
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const { createPortalServer } = await import('../../src/lib/mcp/server.ts');
  const server = createPortalServer(dir, { version: packageVersion(), log: (line) => console.error(line) });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(transport);
  const stop = () => void server.close();
  process.stdin.once('end', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await closed;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('serve a built portal to coding agents over the Model Context Protocol (stdio)')
    .option('--portal <dir>', 'built portal folder (the --out of atrium build)', 'dist')
    .action(async (opts: { portal: string }) => {
      await runMcpServer(opts.portal);
      process.exitCode = EXIT_OK;
    });
}

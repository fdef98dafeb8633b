/**
 * The `atrium` command line: declares commands and hands each to its module in
 * scripts/commands/. Exit codes (DESIGN §7, scripts/exit-codes.ts): 0 success, 1 content
 * errors, 2 bad usage, 70 internal error. Unexpected crashes print one line asking for a
 * report; the trace only under ATRIUM_DEBUG=1.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.ts';

export { EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError };

export async function createProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('atrium')
    .description('Static developer portals for APIs behind Kong Gateway')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, argv);
  // Commander would call process.exit on a usage error; map every level to exit code 2 instead.
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await createProgram(argv);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      console.error(`atrium: ${error.message}`);
      return EXIT_USAGE;
    }
    reportInternalError(error);
    return EXIT_INTERNAL;
  }
}

/** An error Atrium did not expect: one line asking for a report; the stack only under ATRIUM_DEBUG=1. */
export function reportInternalError(error: unknown): void {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  console.error(
    `atrium: internal error (a bug in Atrium, not in your content): ${message} — please report it with the command you ran` +
      (process.env.ATRIUM_DEBUG ? '.' : ' and its output with ATRIUM_DEBUG=1.'),
  );
  if (process.env.ATRIUM_DEBUG) console.error(error instanceof Error ? error.stack : error);
}

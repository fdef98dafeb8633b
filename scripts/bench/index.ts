/**
 * `npm run bench -- [options]`: Atrium's performance benchmark (not a test). Builds a
 * synthetic portal and real-world specs cold and warm as child processes, measuring wall
 * time, peak memory, output size and JavaScript per page; see options.ts for the flags
 * and run-benchmark.ts for the flow. Figures go to bench/results.json.
 */
import { BenchUsageError, parseBenchOptions, USAGE } from './options.ts';
import { runBenchmark } from './run-benchmark.ts';
import { REPO_ROOT } from './run-build.ts';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseBenchOptions(argv, REPO_ROOT);
  } catch (error) {
    if (error instanceof BenchUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  await runBenchmark(options);
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`bench: ${(error as Error).stack ?? error}`);
      process.exitCode = 1;
    },
  );
}

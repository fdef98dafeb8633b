/**
 * `atrium diff OLD_SPEC NEW_SPEC [--format text|json|markdown] [--fail-on breaking]`
 * (DESIGN §7): what changed between two specs, for a terminal, a pull-request comment or a
 * CI gate. Exit codes: 0 done, 1 breaking changes with `--fail-on breaking`, 2 bad input
 * (a missing or invalid spec, an unknown option value), reported in one line per problem.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, sortDiagnostics } from '../../src/lib/diagnostics/diagnostic.ts';
import { diffSpecs, formatDiffMarkdown, formatDiffText, toDiffJson } from '../../src/lib/diff/index.ts';
import type { OpenApiDocument } from '../../src/lib/diff/index.ts';
import { loadSpec } from '../../src/lib/openapi/index.ts';

const EXIT_OK = 0;
const EXIT_BREAKING = 1;
const EXIT_BAD_INPUT = 2;

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

interface DiffOptions {
  format: string;
  failOn?: string;
}

/** Bad input found by the command: printed as one line, exit code 2. */
class BadInput extends Error {}

/**
 * The confinement root for a spec named on the command line: the working directory when
 * the file is inside it (so `$ref: ../common/errors.yaml` within the repository works),
 * else the file's own folder.
 */
export function specRoot(file: string, cwd = process.cwd()): { root: string; file: string } {
  const absolute = path.resolve(cwd, file);
  const fromCwd = path.relative(cwd, absolute);
  if (fromCwd !== '' && !fromCwd.startsWith('..') && !path.isAbsolute(fromCwd)) return { root: cwd, file: fromCwd };
  return { root: path.dirname(absolute), file: path.basename(absolute) };
}

async function loadForDiff(label: 'old' | 'new', file: string): Promise<OpenApiDocument> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch {
    throw new BadInput(`the ${label} spec ${file} does not exist`);
  }
  if (!isFile) throw new BadInput(`the ${label} spec ${file} is not a file`);
  const where = specRoot(file);
  const { spec, diagnostics } = await loadSpec(where);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!spec || errors.length > 0) {
    // Positions are relative to the confinement root; show them relative to where the user is.
    const shown = sortDiagnostics(errors).map((d) =>
      formatDiagnostic({ ...d, file: d.file ? path.relative(process.cwd(), path.join(where.root, d.file)) || d.file : file }),
    );
    throw new BadInput(
      [`the ${label} spec ${file} cannot be read as OpenAPI or Swagger:`, ...shown.map((line) => `  ${line}`)].join('\n'),
    );
  }
  return spec.openapi;
}

export async function runDiff(oldFile: string, newFile: string, options: DiffOptions): Promise<number> {
  if (!FORMATS.includes(options.format as Format)) {
    throw new BadInput(`--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`);
  }
  if (options.failOn !== undefined && options.failOn !== 'breaking') {
    throw new BadInput(`--fail-on only accepts "breaking", not "${options.failOn}"`);
  }
  const [oldApi, newApi] = await Promise.all([loadForDiff('old', oldFile), loadForDiff('new', newFile)]);
  const diff = diffSpecs(oldApi, newApi);
  const format = options.format as Format;
  if (format === 'json') process.stdout.write(`${JSON.stringify(toDiffJson(diff), null, 2)}\n`);
  else if (format === 'markdown') process.stdout.write(formatDiffMarkdown(diff));
  else process.stdout.write(formatDiffText(diff));
  return options.failOn === 'breaking' && diff.breaking ? EXIT_BREAKING : EXIT_OK;
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('what changed between two OpenAPI/Swagger specs; breaking changes flagged')
    .argument('<old-spec>', 'the previous version of the spec')
    .argument('<new-spec>', 'the new version of the spec')
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'text')
    .option('--fail-on <level>', 'exit 1 when a change at this level is found: breaking')
    .action(async (oldFile: string, newFile: string, options: DiffOptions) => {
      try {
        process.exitCode = await runDiff(oldFile, newFile, options);
      } catch (error) {
        if (!(error instanceof BadInput)) throw error;
        console.error(`atrium: ${error.message}`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}

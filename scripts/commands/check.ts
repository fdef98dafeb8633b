import type { Command } from 'commander';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { resolveSite } from '../../src/lib/site/resolve-site.ts';
import { defaultCacheDir } from '../../src/builder/build-portal.ts';
import { applyStrict, hasErrors } from '../../src/builder/strict.ts';
import { stopOnSignal } from '../../src/builder/interrupt.ts';
import { formatDiagnostic, sortDiagnostics, toJsonDiagnostic } from '../../src/lib/diagnostics/diagnostic.ts';
import { EXIT_CONTENT, EXIT_OK, UsageError } from '../exit-codes.ts';
import { parseContentDir, parsePrograms, withProgramOptions } from '../options.ts';
import { countLine, printDiagnostics } from '../report.ts';

export function registerCheckCommand(program: Command): void {
  withProgramOptions(program.command('check'))
    .description('validate the content (YAML, decK links, specs, docs and links, for both audiences) without writing anything')
    .option('--content <dir>', 'content folder', 'content')
    .option('--format <format>', 'text or json', 'text')
    .option('--strict', 'treat warnings as errors')
    .action(async (opts: { content: string; format: string; strict?: boolean; chromium?: string; plantumlJar?: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`--format must be "text" or "json", not "${opts.format}"`);
      const contentDir = parseContentDir(opts.content);
      const programs = parsePrograms(opts);
      // A signal ends the check through process.exit, so Mermaid's Chromium profile is removed too.
      stopOnSignal((signal) => `atrium check: stopped by ${signal}.`);
      const content = await loadContent(contentDir);
      let diagnostics = content.diagnostics;
      // Only content that loads cleanly can be resolved (specs, docs, links); report what we have otherwise.
      // Both audiences: a published doc linking an unpublished one is fine internally but
      // breaks the public portal.
      if (!hasErrors(diagnostics)) {
        const seen = new Set<string>();
        diagnostics = [];
        for (const audience of ['internal', 'public'] as const) {
          const model = await resolveSite(content, { audience, cacheDir: defaultCacheDir(), programs });
          for (const d of model.diagnostics) {
            const key = formatDiagnostic(d);
            if (seen.has(key)) continue;
            seen.add(key);
            diagnostics.push(d);
          }
        }
      }
      diagnostics = sortDiagnostics(applyStrict(diagnostics, opts.strict));
      if (opts.format === 'json') {
        console.log(JSON.stringify(diagnostics.map(toJsonDiagnostic), null, 2));
      } else {
        printDiagnostics(diagnostics);
        console.error(`atrium check: ${countLine(diagnostics)}`);
      }
      process.exitCode = hasErrors(diagnostics) ? EXIT_CONTENT : EXIT_OK;
    });
}

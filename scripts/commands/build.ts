import type { Command } from 'commander';
import { OutputFolderError } from '../../src/builder/output-folder.ts';
import { EXIT_CONTENT, EXIT_OK, UsageError } from '../exit-codes.ts';
import { parseAudience, parseBase, parseContentDir, parsePrograms, parseSite, withProgramOptions } from '../options.ts';
import { countLine, printDiagnostics } from '../report.ts';

export function registerBuildCommand(program: Command): void {
  withProgramOptions(program.command('build'))
    .description('build the portal into static files')
    .option('--content <dir>', 'content folder', 'content')
    .option('--out <dir>', 'output folder (replaced only when the build succeeds)', 'dist')
    .option('--audience <audience>', 'public (published only) or internal (everything)', 'public')
    .option('--site <url>', 'absolute URL the portal is served from (canonical links, sitemap)')
    .option('--base <path>', 'base path when served below the site root, e.g. /docs/')
    .option('--strict', 'treat warnings as errors')
    .action(async (opts: { content: string; out: string; audience: string; site?: string; base?: string; strict?: boolean; chromium?: string; plantumlJar?: string }) => {
      const audience = parseAudience(opts.audience);
      const programs = parsePrograms(opts);
      const contentDir = parseContentDir(opts.content);
      const started = Date.now();
      console.log(`atrium build: ${opts.content} → ${opts.out} (${audience})`);
      // After the first line: loading the pipeline (Astro, the renderers) takes a second or more.
      const { buildPortal } = await import('../../src/builder/build-portal.ts');
      const result = await buildPortal({
        contentDir,
        outDir: opts.out,
        audience,
        site: parseSite(opts.site),
        base: parseBase(opts.base),
        strict: opts.strict,
        programs,
        log: (line) => console.log(`  ${line}`),
      }).catch((error: unknown) => {
        throw error instanceof OutputFolderError ? new UsageError(error.message) : error;
      });
      printDiagnostics(result.diagnostics);
      for (const note of result.notes) console.error(`warning: ${note}`);
      if (!result.ok) {
        console.error(`atrium build failed: ${countLine(result.diagnostics)}; ${opts.out} was left as it was.`);
        process.exitCode = EXIT_CONTENT;
        return;
      }
      const s = result.stats!;
      console.log(
        `atrium build: ${result.pages} page(s), ${s.operations} operation(s), ${s.docs} doc(s); diagrams ` +
          `${s.mermaidRendered + s.plantumlRendered} rendered, ${s.mermaidCached + s.plantumlCached} from cache; ` +
          `${countLine(result.diagnostics)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      process.exitCode = EXIT_OK;
    });
}

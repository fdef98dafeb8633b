import path from 'node:path';
import type { Command } from 'commander';
import type { ViteDevServer } from 'vite';
import { createDevRunFolder } from '../../src/builder/dev-run-folder.ts';
import { setSiteErrors, setSiteModel } from '../../src/site/state.ts';
import { formatDiagnostic, sortDiagnostics } from '../../src/lib/diagnostics/diagnostic.ts';
import { UsageError } from '../exit-codes.ts';
import { parseAudience, parseContentDir, parsePrograms, withProgramOptions } from '../options.ts';
import { countLine } from '../report.ts';

export function registerDevCommand(program: Command): void {
  withProgramOptions(program.command('dev'))
    .description('live preview that rebuilds when content changes')
    .option('--content <dir>', 'content folder', 'content')
    .option('--audience <audience>', 'internal (default: show unpublished items, badged) or public', 'internal')
    .option('--port <port>', 'port to listen on', '4321')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { content: string; audience: string; port: string; host: string; chromium?: string; plantumlJar?: string }) => {
      const audience = parseAudience(opts.audience);
      const contentDir = parseContentDir(opts.content);
      const programs = parsePrograms(opts);
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${opts.port}"`);

      console.log(`atrium dev: ${opts.content} (${audience})`);
      // After the first line: the pipeline takes a second or more to load.
      const [{ loadContent }, { resolveSite }, { PACKAGE_ROOT, defaultCacheDir }] = await Promise.all([
        import('../../src/lib/content/load-content.ts'),
        import('../../src/lib/site/resolve-site.ts'),
        import('../../src/builder/build-portal.ts'),
      ]);
      // First, so a signal during the first load already cleans up (Chromium's profile included).
      const run = await createDevRunFolder(PACKAGE_ROOT);
      const refresh = async () => {
        const started = Date.now();
        const content = await loadContent(contentDir);
        const model = content.diagnostics.some((d) => d.severity === 'error')
          ? undefined
          : await resolveSite(content, { audience, cacheDir: defaultCacheDir(), programs });
        const diagnostics = sortDiagnostics(model?.diagnostics ?? content.diagnostics);
        const errors = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
        if (model && errors.length === 0) setSiteModel(model);
        else setSiteErrors(errors);
        console.log(`atrium dev: content loaded in ${Date.now() - started} ms (${countLine(diagnostics)})`);
        for (const d of diagnostics) console.error(formatDiagnostic(d));
      };
      await refresh();

      let vite: ViteDevServer | undefined;
      const [{ dev }, { default: config }] = await Promise.all([import('astro'), import('../../astro.config.ts')]);
      const server = await dev({
        // Loaded here rather than named: Astro would start a Vite server only to load the file.
        ...config,
        configFile: false,
        // Astro writes into its root: a run folder of dev's own (src/builder/dev-run-folder.ts).
        root: run.root,
        cacheDir: run.astroCache,
        server: { port, host: opts.host },
        logLevel: 'warn',
        vite: {
          ...config.vite,
          cacheDir: run.viteCache,
          resolve: { preserveSymlinks: true },
          server: { fs: { allow: run.servable } },
          plugins: [{ name: 'atrium-dev-reload', configureServer: (s: ViteDevServer) => void (vite = s) }],
        },
      });
      console.log(`atrium dev: http://${opts.host}:${server.address.port}/ — watching ${opts.content}`);

      // Debounced: editors write several times per save.
      let timer: NodeJS.Timeout | undefined;
      let running = Promise.resolve();
      // Vite's own watcher (chokidar) follows editors that save by rename, which fs.watch loses.
      vite?.watcher.add(contentDir);
      vite?.watcher.on('all', (_event: string, file: string) => {
        if (!file.startsWith(contentDir + path.sep)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          running = running
            .then(async () => {
              await refresh().catch((error) => setSiteErrors([String((error as Error).message)]));
              // Pages memoise getStaticPaths; touching the state module clears Astro's route cache and reloads the browser.
              vite?.watcher.emit('change', run.siteState);
              vite?.ws.send({ type: 'full-reload' });
            })
            .catch((error) => console.error(`atrium dev: reload failed: ${(error as Error).message}`));
        }, 150);
      });
      await new Promise(() => {}); // run until interrupted
    });
}

#!/usr/bin/env node
// Entry point for `npx atrium`. The CLI is TypeScript run by Node's built-in type stripping
// (on by default from Node 22.18; 22.12–22.17 need a flag, so we re-run with it), so no
// compile step stands between a clone and a build.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { keepCompiledCode } from './compile-cache.js';

const [major, minor] = process.versions.node.split('.').map(Number);
const PACKAGE_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Installed as another project's dependency, Atrium's own .ts files are under node_modules,
// where Node refuses to strip types: they are stripped by a load hook (stripOwnTypes) instead,
// which needs module.registerHooks (Node 22.15+); an older Node runs the pinned one.
const INSTALLED = PACKAGE_ROOT.split(path.sep).includes('node_modules');
if (major < 22 || (major === 22 && minor < 12) || (INSTALLED && typeof nodeModule.registerHooks !== 'function')) {
  // Started by an older Node (a shell's `node`, not npm's PATH): run on the Node 24 Atrium pins.
  const pinned = pinnedNode();
  if (!pinned) {
    console.error(
      `atrium: Node ${process.versions.node} is too old; Atrium needs Node >= 22.12 (Astro 7).\n` +
        'Run it through npm (npm run atrium -- …, npx atrium …), which uses the Node 24 Atrium pins (its `node` package), or reinstall Atrium with `npm install`.',
    );
    process.exit(2);
  }
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // A signal sent to this process alone (kill, a CI runner's timeout) reaches the build too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }[signal] ?? 70));
  await new Promise(() => {});
}
if (major === 22 && minor < 18 && !process.execArgv.includes('--experimental-strip-types')) {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 2);
}

if (INSTALLED) stripOwnTypes();

// Nothing leaves the machine during a build.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.env.SCARF_ANALYTICS = 'false';
process.env.DO_NOT_TRACK = '1';
process.env.ASTRO_DISABLE_UPDATE_CHECK = 'true'; // `atrium dev` would ask the npm registry for Astro's latest version
keepCompiledCode();
const { main, reportInternalError, EXIT_INTERNAL } = await import('../scripts/cli.ts');
// A failure outside the command's own flow (a stray rejection in a library) is still a bug of
// ours: the same one line and exit code, never Node's trace with exit 1 (content errors).
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    reportInternalError(error);
    process.exit(EXIT_INTERNAL);
  });
}
process.exitCode = await main(process.argv.slice(2));

/** The `node` package's binary beside Atrium (its dependency), if installed. */
function pinnedNode() {
  try {
    const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Strips the types of Atrium's own .ts modules (not those of its dependencies) as Node does
 * outside node_modules, so an installed Atrium runs from its sources like a checkout. Worker
 * threads do not get the hook: one that cannot load is only a slower build
 * (src/builder/colour-ahead.ts).
 */
function stripOwnTypes() {
  const own = pathToFileURL(PACKAGE_ROOT + path.sep).href;
  const nested = `${own}node_modules/`;
  nodeModule.registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith(own) || url.startsWith(nested) || !url.endsWith('.ts')) return nextLoad(url, context);
      const source = fs.readFileSync(fileURLToPath(url), 'utf8');
      return { format: 'module', source: nodeModule.stripTypeScriptTypes(source), shortCircuit: true };
    },
  });
}

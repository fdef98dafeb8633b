/**
 * Atrium installed as another project's dependency: its files under that project's
 * node_modules, where Node refuses to strip TypeScript types. bin/atrium.js strips Atrium's own
 * .ts modules with a load hook instead; without it the CLI dies at its first import with Node's
 * ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING trace (issue 17: "make the package usable as a
 * dependency").
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';
import { copyOfAtrium, runAtriumIn, smallPortal } from '../hostile/build-process.ts';

let project: string;
let install: string;

beforeAll(async () => {
  project = await tempDir('atrium-installed-');
  install = await copyOfAtrium(path.join(project, 'node_modules', 'atrium-portal'));
  await smallPortal(path.join(project, 'docs'));
  await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, devDependencies: { 'atrium-portal': '*' } }));
});

afterAll(async () => {
  await fs.rm(project, { recursive: true, force: true });
});

it('builds a portal from inside another project\'s node_modules', async () => {
  const run = await runAtriumIn(['build', '--content', 'docs', '--out', 'site'], {
    cwd: project,
    packageRoot: install,
    env: { ATRIUM_CACHE_DIR: path.join(project, 'cache') },
  });
  expect(run.stderr).not.toMatch(/ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING|\n\s+at /);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^atrium build: \d+ page\(s\)/m);
  expect(await fs.readFile(path.join(project, 'site', 'index.html'), 'utf8')).toContain('<title>Small portal</title>');
}, 120_000);

it('answers --help from there too', async () => {
  const run = await runAtriumIn(['--help'], { cwd: project, packageRoot: install });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^Usage: atrium /m);
});

/**
 * Runs the product/version commands the way `atrium` does (scripts/cli.ts `main`): on a
 * fresh program, with output captured and commander's own usage errors (a missing
 * required option) mapped to exit 2; and temporary copies of the example portal.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerProductCommand } from '../../../scripts/commands/product.ts';
import { registerVersionCommand } from '../../../scripts/commands/version.ts';
import { formatDiagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { loadContent } from '../../../src/lib/content/load-content.ts';

export const EXAMPLE_CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url));

export interface CliRun {
  exit: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  const program = new Command('atrium').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerProductCommand(program);
  registerVersionCommand(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  const previous = process.exitCode;
  process.exitCode = undefined;
  let exit: number;
  try {
    await program.parseAsync(args, { from: 'user' });
    exit = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      err.push(e.message);
      exit = e.exitCode === 0 ? 0 : 2;
    } else {
      throw e;
    }
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = previous;
  }
  return { exit, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A temporary copy of the example portal (content/); call the returned `remove` when done. */
export async function copyExample(): Promise<{ root: string; remove: () => Promise<void> }> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'atrium-manage-test-'));
  const root = path.join(scratch, 'content');
  await cp(EXAMPLE_CONTENT, root, { recursive: true });
  return { root, remove: () => rm(scratch, { recursive: true, force: true }) };
}

export function read(root: string, file: string): Promise<string> {
  return readFile(path.join(root, file), 'utf8');
}

/** Every file below `root` (hidden ones too) with its bytes, to prove a refused command wrote nothing. */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file), (await readFile(file)).toString('base64'));
  }
  return files;
}

/** Errors `loadContent` reports for the folder, as printed. */
export async function contentErrors(root: string): Promise<string[]> {
  const model = await loadContent(root);
  return model.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

/** Replaces `from` with `to` in a file (exactly once), to set up a case. */
export async function editFile(root: string, file: string, from: string, to: string): Promise<string> {
  const text = await read(root, file);
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  const changed = text.replace(from, to);
  await writeFile(path.join(root, file), changed);
  return changed;
}

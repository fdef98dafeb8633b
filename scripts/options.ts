/** Option values shared by several commands, checked once with a usage error on bad input. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './exit-codes.ts';
import type { Audience } from '../src/lib/content/model.ts';
import { chooseDiagramPrograms, type DiagramPrograms } from '../src/lib/markdown/diagrams/programs.ts';

export function parseAudience(value: string): Audience {
  if (value === 'public' || value === 'internal') return value;
  throw new UsageError(`--audience must be "public" or "internal", not "${value}"`);
}

export function parseSite(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    /* fall through */
  }
  throw new UsageError(`--site must be an absolute http(s) URL such as https://developer.example.com, not "${value}"`);
}

export function parseBase(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\/?[A-Za-z0-9._~\-/]*$/.test(value)) throw new UsageError(`--base must be a URL path such as /docs/, not "${value}"`);
  return value;
}

/** `--content DIR` as an absolute path; a folder that does not exist is bad usage (exit 2). */
export function parseContentDir(value: string): string {
  const dir = path.resolve(value);
  if (!fs.existsSync(dir)) throw new UsageError(`content folder not found: ${value}`);
  return dir;
}

/** `--chromium` and `--plantuml-jar`: the programs that draw diagrams are the runner's choice, never the content's. */
export function withProgramOptions(command: Command): Command {
  return command
    .option('--chromium <path>', 'Chromium/Chrome binary for build-time Mermaid (else ATRIUM_CHROMIUM, else a system or the bundled Chromium)')
    .option('--plantuml-jar <path>', 'plantuml.jar to draw PlantUML with (else ATRIUM_PLANTUML_JAR, else the PlantUML Atrium ships)');
}

/** The chosen programs; a chosen file that does not exist is bad usage. */
export function parsePrograms(opts: { chromium?: string; plantumlJar?: string }, env: Record<string, string | undefined> = process.env): DiagramPrograms {
  const programs = chooseDiagramPrograms(opts, env);
  for (const chosen of [programs.chromium, programs.plantumlJar]) {
    if (chosen && !fs.existsSync(chosen.path)) throw new UsageError(`${chosen.source} names ${chosen.path}, which does not exist`);
  }
  return programs;
}

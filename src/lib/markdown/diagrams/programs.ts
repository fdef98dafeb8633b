/**
 * The programs a build may run to draw diagrams, chosen by whoever runs the build — a CLI
 * flag or an environment variable — and never by content. A portal's content takes commits
 * from many writers and is often built in CI with secrets in reach; a path in portal.yaml
 * that the build executes would be code execution for anyone who can commit a doc.
 * Without a choice here, Atrium's own lookup decides (chromium.ts, plantuml-process.ts).
 */
import path from 'node:path';

export interface ChosenProgram {
  /** Absolute path. */
  path: string;
  /** Where the choice came from, for messages: `--chromium` or `ATRIUM_CHROMIUM`. */
  source: string;
}

export interface DiagramPrograms {
  /** A Chromium/Chrome binary for build-time Mermaid. */
  chromium?: ChosenProgram;
  /** A plantuml.jar run on the JVM Atrium finds. */
  plantumlJar?: ChosenProgram;
}

/** The runner's flags, as the CLI received them. */
export interface ProgramFlags {
  chromium?: string;
  plantumlJar?: string;
}

export const PROGRAM_SETTINGS = {
  chromium: { flag: '--chromium', env: 'ATRIUM_CHROMIUM' },
  plantumlJar: { flag: '--plantuml-jar', env: 'ATRIUM_PLANTUML_JAR' },
} as const;

/** A flag wins over its environment variable; relative paths are relative to the working directory. */
export function chooseDiagramPrograms(flags: ProgramFlags = {}, env: Record<string, string | undefined> = process.env): DiagramPrograms {
  const programs: DiagramPrograms = {};
  for (const key of ['chromium', 'plantumlJar'] as const) {
    const { flag, env: variable } = PROGRAM_SETTINGS[key];
    const value = flags[key] ? { path: flags[key], source: flag } : env[variable] ? { path: env[variable], source: variable } : undefined;
    if (value) programs[key] = { path: path.resolve(value.path), source: value.source };
  }
  return programs;
}

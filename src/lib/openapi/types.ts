/**
 * Shapes shared by the spec loader's phases (collect → bundle → validate/lint → convert).
 */
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { SourceFormat } from './spec-version.ts';

export type { SourceFormat } from './spec-version.ts';

export interface LoadedSpec {
  /** The spec's entry file, relative to the content folder, POSIX. */
  file: string;
  sourceFormat: SourceFormat;
  /**
   * Bundled document in its original version: refs to other files moved into components
   * (or inlined where a component cannot hold them), internal refs kept. For the
   * `openapi.json`/`openapi.yaml` downloads and the explorer. Treat as read-only.
   */
  bundled: Record<string, unknown>;
  /**
   * The same API as one 3.1-shaped view (`upgrade.ts`: Swagger 2.0 converted, 3.0 schemas
   * rewritten), internal `#/components/...` refs kept. Rendering and diff read this, through
   * `apiDocument`. It shares unchanged objects with `bundled` (for 3.1/3.2 it is `bundled`):
   * treat as read-only.
   */
  openapi: Record<string, any>;
  /** Content hash over every file read (and this module's version), for caches. */
  hash: string;
  /** Every file the spec was built from, relative to the content folder (entry first): what a watcher should watch. */
  files: string[];
}

/**
 * A finding before it has a line number: where it is as a JSON pointer path. `file` is
 * set when the path is inside that source file; without it the path is in the bundled
 * document and is mapped back to its source file by the loader.
 */
export interface SpecProblem {
  severity: Severity;
  code: string;
  message: string;
  segments: string[];
  file?: string;
}

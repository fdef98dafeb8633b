/**
 * One shape for every problem Atrium reports — content errors, spec lint findings, link
 * checks — so the terminal, `atrium check --format json` and the internal content-health
 * page all print the same facts. Positions are 1-based and `file` is relative to the
 * content folder (or as the user typed it, for files given on the command line).
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** What is wrong, and where useful what would be right. One line. */
  message: string;
  /** File relative to the content folder, POSIX separators. */
  file?: string;
  line?: number;
  column?: number;
  /** JSON pointer inside the file (specs), e.g. `#/paths/~1flights/get`. */
  pointer?: string;
  /** Stable machine-readable identifier, e.g. `unknown-key`, `spec-ref-escape`. */
  code?: string;
}

export interface Position {
  line: number;
  column: number;
}

/** Collects diagnostics of a whole run so every problem is reported together. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  addAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.items.push(d);
  }

  error(message: string, at: Omit<Diagnostic, 'severity' | 'message'> = {}): void {
    this.items.push({ severity: 'error', message, ...at });
  }

  warning(message: string, at: Omit<Diagnostic, 'severity' | 'message'> = {}): void {
    this.items.push({ severity: 'warning', message, ...at });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Sorted by file, then line, then column; problems without a file come first. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.message.localeCompare(b.message),
  );
}

/** A file a problem can point into; folders (no extension, or a trailing slash) have no lines. */
const isFile = (file: string | undefined): file is string => !!file && /\.[A-Za-z0-9]+$/.test(file);

/**
 * `path:line:col: error: message` — the form editors and CI annotations understand. A problem
 * with a file but no position (e.g. a missing file) points at the file's start, 1:1; a
 * problem with a folder names the folder alone.
 */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file ?? '';
  if (isFile(d.file)) where += `:${d.line ?? 1}:${d.column ?? 1}`;
  const pointer = d.pointer ? ` (at ${d.pointer})` : '';
  return `${where ? where + ': ' : ''}${d.severity}: ${d.message}${pointer}`;
}

/** The JSON form of `atrium check --format json` (contract). */
export function toJsonDiagnostic(d: Diagnostic): {
  file: string | null;
  line: number | null;
  column: number | null;
  severity: Severity;
  message: string;
} {
  return {
    file: d.file ?? null,
    line: isFile(d.file) ? (d.line ?? 1) : null,
    column: isFile(d.file) ? (d.column ?? 1) : null,
    severity: d.severity,
    message: d.pointer ? `${d.message} (at ${d.pointer})` : d.message,
  };
}

/** Thrown when content cannot be built; carries every diagnostic of the run. */
export class ContentError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} content error(s)`);
    this.name = 'ContentError';
    this.diagnostics = diagnostics;
  }
}

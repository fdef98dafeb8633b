/**
 * The result of comparing two versions of an API. `SpecDiff` is the JSON shape of
 * `atrium diff --format json` (DESIGN §7, contract) plus an optional `pointer` per change,
 * which `toDiffJson` leaves out.
 */

/**
 * An operation: method in lower case, path as the spec writes it. For a webhook, `webhook`
 * is its name (and `path` repeats it, so renderers keyed by method and path still work);
 * the JSON contract (`toDiffJson`) then carries `webhook` instead of `path`.
 */
export interface OperationRef {
  method: string;
  path: string;
  webhook?: string;
}

/** An operation as `atrium diff --format json` writes it (DESIGN §7). */
export type OperationJson = { method: string; path: string } | { method: string; webhook: string };

export interface SpecDiffJson {
  breaking: boolean;
  added: OperationJson[];
  removed: OperationJson[];
  changed: (OperationJson & { breaking: boolean; changes: Omit<Change, 'pointer'>[] })[];
}

export interface Change {
  /** Stable identifier of the rule that found the change, e.g. `response-property-removed`. */
  kind: string;
  /** Whether a client written against the old version can fail against the new one. */
  breaking: boolean;
  /** One readable sentence naming what changed and where. */
  message: string;
  /** JSON pointer to where the change is, in the new spec (the old one for removals). */
  pointer?: string;
}

export interface ChangedOperation extends OperationRef {
  /** True when any of `changes` is breaking. */
  breaking: boolean;
  changes: Change[];
}

export interface SpecDiff {
  /** True when an operation was removed or any change is breaking. */
  breaking: boolean;
  /** Operations only in the new spec (paths as the new spec writes them). */
  added: OperationRef[];
  /** Operations only in the old spec (paths as the old spec writes them); always breaking. */
  removed: OperationRef[];
  /** Operations in both with at least one change (paths as the new spec writes them). */
  changed: ChangedOperation[];
}

/** Counts for a version page or a versions table. Removed operations count as breaking. */
export interface DiffSummary {
  breaking: number;
  nonBreaking: number;
  added: number;
  removed: number;
  changed: number;
}

/** An OpenAPI 3.x document as a plain object (Swagger 2.0 arrives converted). */
export type OpenApiDocument = Record<string, unknown>;

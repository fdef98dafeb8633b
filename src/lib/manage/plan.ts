/**
 * What a management command decided, before anything is written: a change to make (with
 * the line to print once it is made), nothing to do, or a refusal with the reason.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ContentModel } from '../content/model.ts';
import type { ContentChange } from './content-change.ts';

export interface Refusal {
  kind: 'refused';
  /** 1: the content does not allow it (unknown name, would break validation); 2: bad usage. */
  exit: 1 | 2;
  message: string;
  /** File (or folder, ending in `/`) the message is about, relative to the content folder. */
  file?: string;
  line?: number;
  column?: number;
  /** Lines to print before the refusal (what `delete` would remove). */
  details?: string[];
}

export interface ChangePlan {
  kind: 'change';
  change: ContentChange;
  /** The one line printed when the change is made, e.g. `products/x/product.yaml: published: true`. */
  summary: string;
  /**
   * Errors the change is meant to leave for a next command (a new product has no versions
   * until `atrium version new`), so they do not block it.
   */
  expected?: (diagnostic: Diagnostic) => boolean;
  /** Hints printed after the summary (the next command to run). */
  notes?: string[];
}

export interface NoChange {
  kind: 'unchanged';
  summary: string;
}

export type Plan = ChangePlan | NoChange | Refusal;

/** What a command plan sees: the content as loaded, and its files. */
export interface ManageContext {
  model: ContentModel;
  /** A file's text, relative to the content folder; undefined when missing. */
  read(file: string): Promise<string | undefined>;
  /** Files below a folder, relative to the content folder, sorted. */
  list(dir: string): Promise<string[]>;
}

export function refuse(message: string, file?: string, exit: 1 | 2 = 1): Refusal {
  return { kind: 'refused', exit, message, ...(file === undefined ? {} : { file }) };
}

export function usage(message: string): Refusal {
  return refuse(message, undefined, 2);
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'refused';
}

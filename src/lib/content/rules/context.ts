/**
 * What a content rule sees: the loaded model plus the parsed YAML of every file, so a rule
 * can point at the exact key or value it is about. Rules are pure: data in, diagnostics out.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { KeyPath, LocateTarget, YamlSource } from '../../diagnostics/yaml-source.ts';
import type { ControlPlaneEntry, PortalConfig, ProductEntry } from '../model.ts';

export interface RuleContext {
  portal: PortalConfig;
  controlPlanes: ControlPlaneEntry[];
  products: ProductEntry[];
  /** Parsed YAML (and frontmatter) by file relative to the content folder. */
  sources: ReadonlyMap<string, YamlSource>;
  /**
   * Files, or top-level keys of files, that failed to parse or validate: their entries hold
   * defaults, so rules skip them instead of piling guesses on top of the real error.
   */
  invalid: ReadonlyMap<string, ReadonlySet<string> | 'all'>;
}

/** True when `file` was read and validated, at least for the given top-level keys. */
export function trusted(context: RuleContext, file: string, ...keys: string[]): boolean {
  const bad = context.invalid.get(file);
  if (bad === undefined) return true;
  if (bad === 'all') return false;
  return keys.length > 0 && keys.every((key) => !bad.has(key));
}

export type ContentRule = (context: RuleContext) => Diagnostic[];

/** `{ file, line, column }` of a key path in a file, or just `{ file }` when it was not parsed. */
export function at(
  context: RuleContext,
  file: string,
  path: KeyPath = [],
  target: LocateTarget = 'value',
): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const source = context.sources.get(file);
  return source ? { file, ...source.locate(path, target) } : { file };
}

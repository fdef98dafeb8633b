/** What the loaders share during one run: the folder, every diagnostic, every parsed file. */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { YamlSource } from '../diagnostics/yaml-source.ts';
import type { ContentFolder } from './content-files.ts';

export interface LoadState {
  folder: ContentFolder;
  diagnostics: Diagnostic[];
  /** Parsed YAML and frontmatter by file, for rules that point at positions. */
  sources: Map<string, YamlSource>;
  /** Files, or their top-level keys, that are missing or failed to parse or validate (entries hold defaults). */
  invalid: Map<string, Set<string> | 'all'>;
}

/** Records what of `file` cannot be trusted: the whole file, or some top-level keys. */
export function markInvalid(state: LoadState, file: string, keys: Set<string> | 'all' = 'all'): void {
  if (keys !== 'all' && keys.size === 0) return;
  state.invalid.set(file, keys);
}

/**
 * Large YAML parsed with positions, kept across builds. The yaml package keeps every node's
 * range while it composes, so a big decK file takes most of a second to read, and a rebuild reads
 * the same files again. What every reader uses of a parse (the value, the YAML diagnostics,
 * `ok`) is kept by the file's name and text and Atrium's code; the document with its positions is
 * parsed again only when something asks where a key is or how a value was written, which a file
 * without findings is never asked.
 */
import path from 'node:path';
import { serialisedCache } from '../serialised-cache.ts';
import type { Diagnostic } from './diagnostic.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export type ParseYaml = (text: string, file: string) => YamlSource;

interface KeptParse {
  value: unknown;
  diagnostics: Diagnostic[];
  ok: boolean;
}

/** `parseYamlSource`, kept under `cacheDir` when `code` (Atrium's fingerprint) says which code parsed. */
export function keptYamlParser(cacheDir: string | undefined, code: string | undefined): ParseYaml {
  if (cacheDir === undefined || code === undefined) return (text, file) => parseYamlSource(text, file);
  const kept = serialisedCache<KeptParse>(path.join(cacheDir, 'yaml-sources'), 256 * 2 ** 20);
  return (text, file) => {
    let parsed: YamlSource | undefined;
    const parse = () => (parsed ??= parseYamlSource(text, file));
    const { value, diagnostics, ok } = kept.get(['yaml-source', code, file, text], () => {
      const { value, diagnostics, ok } = parse();
      return { value, diagnostics, ok };
    });
    return {
      file,
      text,
      value,
      diagnostics,
      ok,
      get doc() {
        return parse().doc;
      },
      locate: (keyPath, target) => parse().locate(keyPath, target),
      sourceText: (keyPath) => parse().sourceText(keyPath),
    };
  };
}

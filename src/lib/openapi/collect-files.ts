/**
 * Phase 1 of loading: read the entry file and every file its structural `$ref`s reach.
 *
 * Refs are resolved with `resolveRef` first: a URL, an absolute path or a path that climbs
 * out of the content folder is never handed to the reader (the bundler reports it with its
 * pointer). The reader refuses symlinks that lead out. Only files actually reached by a
 * reference are read, each once.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SpecFileReader } from './file-reader.ts';
import { getAt, hasAt, toPointer } from './json-pointer.ts';
import { resolveRef } from './ref.ts';
import { parseSource, type SourceDocument } from './source-document.ts';
import { detectSpecVersion, type SourceFormat } from './spec-version.ts';
import { walkRefs, type Kind, type SpecFamily } from './structure.ts';

export type CollectedFile =
  | { ok: true; document: SourceDocument }
  | { ok: false; reason: 'not-found' | 'outside-root' | 'not-a-file' | 'unreadable' | 'unparseable' };

export interface CollectedSpec {
  entry: string;
  format?: SourceFormat;
  family?: SpecFamily;
  /** Every file that was asked for, parsed or with the reason it could not be used. */
  files: Map<string, CollectedFile>;
  /** The exact text of every file read, for the content hash. */
  texts: Map<string, string>;
  /** Unreadable entry, syntax errors, unrecognised version. */
  diagnostics: Diagnostic[];
}

export async function collectSpecFiles(entry: string, reader: SpecFileReader): Promise<CollectedSpec> {
  const result: CollectedSpec = { entry, files: new Map(), texts: new Map(), diagnostics: [] };

  const load = async (file: string): Promise<CollectedFile> => {
    const known = result.files.get(file);
    if (known) return known;
    const read = await reader.read(file);
    let collected: CollectedFile;
    if (!read.ok) collected = { ok: false, reason: read.reason };
    else {
      result.texts.set(file, read.text);
      const parsed = parseSource(read.text, file);
      result.diagnostics.push(...parsed.diagnostics);
      collected = parsed.document.value === undefined ? { ok: false, reason: 'unparseable' } : { ok: true, document: parsed.document };
    }
    result.files.set(file, collected);
    return collected;
  };

  const root = await load(entry);
  if (!root.ok) {
    if (root.reason !== 'unparseable') {
      result.diagnostics.push({
        severity: 'error',
        code: 'spec-not-found',
        message: root.reason === 'outside-root' ? 'the spec file leads outside the content folder (symbolic link); keep specs inside it' : `cannot read the spec file (${root.reason})`,
        file: entry,
      });
    }
    return result;
  }

  const version = detectSpecVersion(root.document.value);
  if (!version.ok) {
    const [at] = root.document.locate([version.field ? [version.field] : []]);
    result.diagnostics.push({ severity: 'error', code: 'spec-version', message: version.message, file: entry, ...at });
    return result;
  }
  if (version.warning) {
    const [at] = root.document.locate([[version.format === 'swagger-2.0' ? 'swagger' : 'openapi']]);
    result.diagnostics.push({ severity: 'warning', code: 'spec-version', message: version.warning, file: entry, ...at, pointer: version.format === 'swagger-2.0' ? '#/swagger' : '#/openapi' });
  }
  result.format = version.format;
  result.family = version.family;
  const family = version.family;

  // Breadth-first over (file, fragment, kind): each target is walked once per kind it is
  // wanted as, because the kind decides which of its members are references.
  const queue: { file: string; segments: string[]; kind: Kind }[] = [];
  const seen = new Set<string>();
  const scan = (value: unknown, kind: Kind, file: string, segments: string[]): void =>
    walkRefs(value, kind, family, [...segments], file, ({ node, kind: refKind, context }) => {
      const target = resolveRef(node.$ref, context);
      // Refused refs are reported (with their pointer) by the bundler; refs back into the
      // entry need nothing read.
      if (target.kind !== 'target' || target.file === entry) return context;
      const key = `${refKind} ${target.file}#${toPointer(target.segments)}`;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push({ file: target.file, segments: target.segments, kind: refKind });
      }
      return context;
    });

  scan(root.document.value, 'Root', entry, []);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const loaded = await load(next.file);
    if (!loaded.ok || !hasAt(loaded.document.value, next.segments)) continue;
    scan(getAt(loaded.document.value, next.segments), next.kind, next.file, next.segments);
  }
  return result;
}

/**
 * `loadSpec`: one spec file (and the files it references) in, a bundled, validated,
 * linted, OpenAPI-3-shaped document out — or the errors that prevent it.
 *
 * Phases: collect (read + parse, confined) → bundle (one document, refs checked) →
 * validate (official schema, warnings) → lint (warnings) → upgrade (2.0 and 3.0 → one
 * 3.1-shaped view, `upgrade.ts`).
 * Every finding is reported with file, line, column and JSON pointer of the file it was
 * written in. Lint findings are part of the returned diagnostics.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { findTooDeep, tooDeepMessage } from '../diagnostics/nesting.ts';
import { bundleSpec } from './bundle.ts';
import { readCachedSpec, specHash, writeCachedSpec } from './cache.ts';
import { collectSpecFiles, type CollectedFile } from './collect-files.ts';
import { createFsReader, type SpecFileReader } from './file-reader.ts';
import { toRefPointer } from './json-pointer.ts';
import { lintBundled } from './lint.ts';
import type { OriginMap } from './origin-map.ts';
import type { LoadedSpec, SpecProblem } from './types.ts';
import { upgradeDocument } from './upgrade.ts';
import { validateSpecSchema } from './validate.ts';

export interface LoadSpecOptions {
  /** The content folder: nothing outside it is read. */
  root: string;
  /** The spec's entry file, relative to `root` (or absolute inside it). */
  file: string;
  /** Where to keep the content-hash cache; no caching without it. */
  cacheDir?: string;
  /** How files are read; defaults to the disk under `root`. Tests pass an in-memory reader. */
  reader?: SpecFileReader;
}

export interface LoadSpecResult {
  /** Present when the spec can be rendered (no errors; warnings allowed). */
  spec?: LoadedSpec;
  diagnostics: Diagnostic[];
}

export async function loadSpec(options: LoadSpecOptions): Promise<LoadSpecResult> {
  const entry = entryPath(options.root, options.file);
  if (!entry) {
    return {
      diagnostics: [{ severity: 'error', code: 'spec-ref-escape', message: `the spec file \`${options.file}\` is outside the content folder`, file: options.file }],
    };
  }
  const reader = options.reader ?? createFsReader(options.root);
  if (options.cacheDir) {
    const cached = await readCachedSpec(options.cacheDir, options.root, entry, reader);
    if (cached) return cached;
  }
  const { result, texts } = await loadUncached(entry, reader);
  if (options.cacheDir && result.spec) {
    // A cache that cannot be written only costs time next build.
    await writeCachedSpec(options.cacheDir, options.root, texts, result.spec, result.diagnostics).catch(() => {});
  }
  return result;
}

/** `file` as a POSIX path relative to `root`, or `undefined` when it leaves `root`. */
function entryPath(root: string, file: string): string | undefined {
  const rel = isAbsolute(file) ? relative(root, file) : file;
  const normal = posix.normalize(rel.split(sep).join('/'));
  if (normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal) || normal === '.') return undefined;
  return normal;
}

async function loadUncached(entry: string, reader: SpecFileReader): Promise<{ result: LoadSpecResult; texts: Map<string, string> }> {
  const collected = await collectSpecFiles(entry, reader);
  const diagnostics = [...collected.diagnostics];
  const root = collected.files.get(entry);
  if (!collected.format || !collected.family || !root?.ok) {
    // An empty file parses to nothing and says nothing; it still cannot be rendered.
    if (!diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push({
        severity: 'error',
        code: 'spec-version',
        file: entry,
        line: 1,
        column: 1,
        message: 'the spec is empty or names no version; start it with `openapi: 3.1.0` (or 3.0.x), or `swagger: "2.0"`',
      });
    }
    return { result: { diagnostics }, texts: collected.texts };
  }

  const { bundled, origins, problems } = bundleSpec({ entry, family: collected.family, files: collected.files });
  // Each file was held to the nesting limit when parsed; inlining one file into another can
  // still nest deeper than the validator and renderers can recurse.
  const tooDeep = problems.length === 0 ? findTooDeep(bundled) : undefined;
  if (tooDeep) problems.push({ severity: 'error', code: 'nesting-depth', message: `once its \`$ref\`s are inlined, the spec is ${tooDeepMessage()}`, segments: tooDeep });
  diagnostics.push(...toDiagnostics(problems, origins, collected.files));
  if (diagnostics.some((d) => d.severity === 'error')) return { result: { diagnostics }, texts: collected.texts };

  const lint = lintBundled(bundled, collected.family);
  // "No responses" is also a schema violation; say it once, in the lint's words.
  const said = new Set(lint.filter((p) => p.code === 'spec-operation-responses-missing').map((p) => toRefPointer(p.segments)));
  const schema = (await validateSpecSchema(bundled, collected.format)).filter((p) => !said.has(toRefPointer(p.segments)));
  const findings = [...schema, ...lint];
  diagnostics.push(...toDiagnostics(findings, origins, collected.files));

  const spec: LoadedSpec = {
    file: entry,
    sourceFormat: collected.format,
    bundled,
    openapi: upgradeDocument(bundled),
    hash: specHash(collected.texts),
    files: [...collected.texts.keys()],
  };
  return { result: { spec, diagnostics }, texts: collected.texts };
}

/** Problems with file, line, column and pointer, positions looked up in one batch per file. */
function toDiagnostics(problems: readonly SpecProblem[], origins: OriginMap, files: ReadonlyMap<string, CollectedFile>): Diagnostic[] {
  const located = problems.map((p) => (p.file ? { file: p.file, segments: p.segments } : origins.toSource(p.segments)));
  const byFile = new Map<string, number[]>();
  located.forEach((at, i) => {
    const list = byFile.get(at.file);
    if (list) list.push(i);
    else byFile.set(at.file, [i]);
  });
  const out: Diagnostic[] = problems.map((p, i) => ({
    severity: p.severity,
    code: p.code,
    message: p.message,
    file: located[i].file,
    pointer: toRefPointer(located[i].segments),
  }));
  for (const [file, indexes] of byFile) {
    const source = files.get(file);
    if (!source?.ok) continue;
    const positions = source.document.locate(indexes.map((i) => located[i].segments));
    indexes.forEach((i, k) => Object.assign(out[i], positions[k]));
  }
  return out;
}

/**
 * Content-hash cache of loaded specs (DESIGN §9, issue 9): an unchanged spec is never
 * parsed, bundled, validated or converted again.
 *
 * What a spec depends on is only known after parsing it (its `$ref`s), so each entry file
 * has a small manifest listing the files its last load read and their SHA-256. A later
 * load re-reads those files (through the confined reader, so a symlink swapped to point
 * outside the folder is still refused), hashes them, and when all match, takes the stored
 * result. Writes go to a temporary file and are renamed into place, so parallel builds
 * never see half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SpecFileReader } from './file-reader.ts';
import type { LoadedSpec } from './types.ts';
import { upgradeDocument } from './upgrade.ts';

/** Bump whenever loading produces a different result for the same files. */
export const SPEC_LOADER_VERSION = 'atrium-spec-loader-2';

interface Manifest {
  version: string;
  entry: string;
  hash: string;
  files: { file: string; sha256: string }[];
}

interface CachedResult {
  version: string;
  spec: Omit<LoadedSpec, 'openapi'> & { openapi: LoadedSpec['openapi'] | null };
  diagnostics: Diagnostic[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The spec's content hash: this module's version plus every file read, by path and content. */
export function specHash(texts: ReadonlyMap<string, string>): string {
  return hashOfDigests([...texts].map(([file, text]) => ({ file, sha256: sha256(text) })));
}

function hashOfDigests(files: readonly { file: string; sha256: string }[]): string {
  const hash = createHash('sha256').update(SPEC_LOADER_VERSION + '\n');
  for (const { file, sha256 } of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    hash.update(`${file}\0${sha256}\n`);
  }
  return hash.digest('hex');
}

function manifestPath(cacheDir: string, root: string, entry: string): string {
  return join(cacheDir, 'specs', `${sha256(`${SPEC_LOADER_VERSION}\0${resolve(root)}\0${entry}`).slice(0, 40)}.manifest.json`);
}

function resultPath(cacheDir: string, hash: string): string {
  return join(cacheDir, 'specs', `${hash}.json`);
}

/** The stored result when every file of the last load is unchanged; `undefined` otherwise. */
export async function readCachedSpec(
  cacheDir: string,
  root: string,
  entry: string,
  reader: SpecFileReader,
): Promise<{ spec: LoadedSpec; diagnostics: Diagnostic[] } | undefined> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath(cacheDir, root, entry), 'utf8')) as Manifest;
    if (manifest.version !== SPEC_LOADER_VERSION || manifest.entry !== entry) return undefined;
    for (const { file, sha256: expected } of manifest.files) {
      const read = await reader.read(file);
      if (!read.ok || sha256(read.text) !== expected) return undefined;
    }
    if (hashOfDigests(manifest.files) !== manifest.hash) return undefined;
    const cached = JSON.parse(await readFile(resultPath(cacheDir, manifest.hash), 'utf8')) as CachedResult;
    if (cached.version !== SPEC_LOADER_VERSION || cached.spec.hash !== manifest.hash) return undefined;
    const spec: LoadedSpec = { ...cached.spec, openapi: upgradeDocument(cached.spec.openapi ?? cached.spec.bundled) };
    return { spec, diagnostics: cached.diagnostics };
  } catch {
    return undefined; // no cache yet, or an unreadable one: load normally
  }
}

export async function writeCachedSpec(
  cacheDir: string,
  root: string,
  texts: ReadonlyMap<string, string>,
  spec: LoadedSpec,
  diagnostics: Diagnostic[],
): Promise<void> {
  const manifest: Manifest = {
    version: SPEC_LOADER_VERSION,
    entry: spec.file,
    hash: spec.hash,
    files: [...texts].map(([file, text]) => ({ file, sha256: sha256(text) })),
  };
  const cached: CachedResult = {
    version: SPEC_LOADER_VERSION,
    // For 3.x sources `openapi` is made from `bundled` again on reading (the upgrade is cheap
    // next to parsing): store the document once. Converted Swagger 2.0 is stored.
    spec: { ...spec, openapi: spec.sourceFormat === 'swagger-2.0' ? spec.openapi : null },
    diagnostics,
  };
  await mkdir(join(cacheDir, 'specs'), { recursive: true });
  await writeAtomically(resultPath(cacheDir, spec.hash), JSON.stringify(cached));
  await writeAtomically(manifestPath(cacheDir, root, spec.file), JSON.stringify(manifest));
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

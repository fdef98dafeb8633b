/**
 * Rendered docs cached by content hash, so a rebuild after editing one doc renders one doc.
 * The key covers everything a rendering depends on: the doc's text and position, every doc
 * URL links may resolve to, the base path, the diagram and tool settings, and the source of
 * the markdown renderer itself. Images are checked on every hit (their URL carries their hash).
 * Docs with errors are never cached, so a failing doc is always re-checked.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocEntry } from '../content/model.ts';
import type { RenderedDoc } from '../markdown/types.ts';

const FORMAT = 1;

export interface CachedDoc extends RenderedDoc {
  /** Diagrams drawn in this doc, so a cache hit still counts them as served from cache. */
  diagrams: { mermaid: number; plantuml: number };
  /** sha256 of each image file the doc references, checked on every hit. */
  assetHashes: Record<string, string>;
}

let rendererSource: string | undefined;

/**
 * A hash of the markdown renderer's own source and of the publish policy it applies to linked
 * files: changing the code invalidates the cache (a doc cached before a file type was refused
 * must not keep publishing it).
 */
function rendererFingerprint(): string {
  if (rendererSource) return rendererSource;
  const hash = crypto.createHash('sha256');
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  for (const dir of ['../markdown/', '../publish/']) walk(fileURLToPath(new URL(dir, import.meta.url)));
  return (rendererSource = hash.digest('hex'));
}

/** Everything shared by all docs of a run that changes how a doc renders. */
export function docCacheSalt(inputs: Record<string, unknown>): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify({ FORMAT, renderer: rendererFingerprint(), ...inputs }))
    .digest('hex');
}

export function docCacheKey(doc: DocEntry, salt: string): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([salt, doc.file, doc.bodyLine, doc.format, doc.body]))
    .digest('hex');
}

const fileFor = (cacheDir: string, key: string) => path.join(cacheDir, 'docs', key.slice(0, 2), `${key}.json`);

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

export async function readCachedDoc(cacheDir: string, key: string): Promise<CachedDoc | undefined> {
  let entry: CachedDoc;
  try {
    entry = JSON.parse(await fsp.readFile(fileFor(cacheDir, key), 'utf8')) as CachedDoc;
  } catch {
    return undefined;
  }
  for (const [source, hash] of Object.entries(entry.assetHashes)) {
    const bytes = await fsp.readFile(source).catch(() => undefined);
    if (!bytes || sha256(bytes) !== hash) return undefined;
  }
  return entry;
}

export async function writeCachedDoc(cacheDir: string, key: string, doc: RenderedDoc): Promise<void> {
  if (doc.diagnostics.some((d) => d.severity === 'error')) return;
  const assetHashes: Record<string, string> = {};
  for (const asset of doc.assets) assetHashes[asset.source] = sha256(await fsp.readFile(asset.source));
  const entry: CachedDoc = {
    ...doc,
    diagrams: {
      mermaid: countOccurrences(doc.html, 'class="atrium-diagram atrium-diagram-mermaid"'),
      plantuml: countOccurrences(doc.html, 'class="atrium-diagram atrium-diagram-plantuml"'),
    },
    assetHashes,
  };
  const file = fileFor(cacheDir, key);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  // Written whole then renamed: a cache entry is either complete or absent.
  const temp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(temp, JSON.stringify(entry));
  await fsp.rename(temp, file);
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Reads products/<product>/ folders: product.yaml, docs, and each version's version.yaml,
 * docs and spec. A folder whose YAML is missing or broken still becomes an entry (with
 * defaults, marked invalid) so its versions and docs are checked in the same run.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { globDir } from './content-files.ts';
import { mapConcurrently } from '../map-concurrently.ts';
import type { LoadState } from './load-state.ts';
import { markInvalid } from './load-state.ts';
import type { DocEntry, GatewayLink, ProductEntry, VersionEntry } from './model.ts';
import { parseDoc } from './parse-doc.ts';
import { parseYamlFile } from './parse-yaml-file.ts';
import { productSchema } from './schemas/product.ts';
import { versionSchema } from './schemas/version.ts';
import { discoverSpec } from './spec-discovery.ts';
import { sortVersions } from './version-order.ts';

/**
 * Products are read a few at a time: each is a dozen folder crawls and reads, which one by one
 * left a 100-product portal waiting on the disk for most of a second. What they report is
 * keyed by file or sorted later (load-content.ts), so the order they finish in changes nothing.
 */
const PRODUCTS_AT_ONCE = 8;

export async function loadProducts(state: LoadState): Promise<ProductEntry[]> {
  const dirs = await state.folder.list(['products/*'], { directories: true });
  return mapConcurrently(dirs, PRODUCTS_AT_ONCE, (dir) => loadProduct(state, dir));
}

async function loadProduct(state: LoadState, dir: string): Promise<ProductEntry> {
  const slug = path.posix.basename(dir);
  const file = `${dir}/product.yaml`;
  const product: ProductEntry = {
    slug,
    dir,
    file,
    name: slug,
    labels: {},
    public_labels: {},
    published: false,
    analytics: {},
    docs: [],
    versions: [],
  };

  const text = await readRequired(state, dir, 'product.yaml', 'a product.yaml with at least `name: <product name>`');
  if (text === undefined) {
    markInvalid(state, file);
  } else {
    const parsed = parseYamlFile(productSchema, text, file);
    state.sources.set(file, parsed.source);
    state.diagnostics.push(...parsed.diagnostics);
    markInvalid(state, file, parsed.invalidKeys);
    const { name, description, labels, public_labels, published, contact, analytics } = parsed.partial;
    if (name !== undefined) product.name = name;
    if (labels !== undefined) product.labels = labels;
    if (public_labels !== undefined) product.public_labels = public_labels;
    if (published !== undefined) product.published = published;
    if (analytics !== undefined) product.analytics = analytics;
    if (description !== undefined) product.description = description;
    if (contact !== undefined) product.contact = contact;
  }

  product.docs = await loadDocs(state, `${dir}/docs`);
  const versionDirs = await state.folder.list([`${globDir(dir)}/versions/*`], { directories: true });
  const versions: VersionEntry[] = [];
  for (const versionDir of versionDirs) versions.push(await loadVersion(state, versionDir));
  product.versions = sortVersions(versions);
  return product;
}

async function loadVersion(state: LoadState, dir: string): Promise<VersionEntry> {
  const slug = path.posix.basename(dir);
  const file = `${dir}/version.yaml`;
  const version: VersionEntry = {
    slug,
    name: slug,
    dir,
    file,
    publish_status: 'unpublished',
    deprecated: false,
    gateway_services: [],
    docs: [],
  };

  const text = await readRequired(state, dir, 'version.yaml', 'a version.yaml (it may be empty: every field has a default)');
  let specField: string | undefined;
  let locate: ((keyPath: string[]) => { line: number; column: number }) | undefined;
  let specTrusted = text === undefined;
  if (text === undefined) {
    markInvalid(state, file);
  } else {
    const parsed = parseYamlFile(versionSchema, text, file);
    const source = parsed.source;
    state.sources.set(file, source);
    state.diagnostics.push(...parsed.diagnostics);
    markInvalid(state, file, parsed.invalidKeys);
    locate = (keyPath) => source.locate(keyPath);
    const data = parsed.partial;
    if (data.name !== undefined) version.name = data.name;
    if (data.publish_status !== undefined) version.publish_status = data.publish_status;
    if (data.deprecated !== undefined) version.deprecated = data.deprecated;
    if (data.deprecation !== undefined) version.deprecation = withoutUndefined(data.deprecation);
    if (data.order !== undefined) version.order = data.order;
    if (data.released !== undefined) version.released = data.released;
    version.gateway_services = (data.gateway_services ?? []).map(
      (link, i): GatewayLink => ({ ...link, file, ...source.locate(['gateway_services', i]) }),
    );
    specField = data.spec;
    specTrusted = parsed.invalidKeys !== 'all' && !parsed.invalidKeys.has('spec');
  }

  // A broken `spec:` was reported already; looking for default names would then mislead.
  if (specTrusted) {
    const discovery = await discoverSpec(state.folder, dir, file, specField, locate);
    if (discovery.spec !== undefined) version.spec = discovery.spec;
    state.diagnostics.push(...(text === undefined ? discovery.diagnostics.filter((d) => d.severity === 'error') : discovery.diagnostics));
  }
  version.docs = await loadDocs(state, `${dir}/docs`);
  return version;
}

async function loadDocs(state: LoadState, docsDir: string): Promise<DocEntry[]> {
  const files = await state.folder.list([`${globDir(docsDir)}/**/*.{md,mdx}`]);
  await reportLinksOutside(state, docsDir, /\.mdx?$/);
  const docs: DocEntry[] = [];
  // Read at once, parsed in order: one by one, 2,000 docs waited ~0.4 s on the disk in turn.
  const texts = await Promise.all(files.map((file) => state.folder.readText(file)));
  for (const [i, file] of files.entries()) {
    const text = texts[i];
    if (text === undefined) {
      state.diagnostics.push(outsideLink(file));
      continue;
    }
    const parsed = parseDoc(text, file, file.slice(docsDir.length + 1));
    if (parsed.source) state.sources.set(file, parsed.source);
    state.diagnostics.push(...parsed.diagnostics);
    if (parsed.doc) docs.push(parsed.doc);
    else markInvalid(state, file);
  }
  return docs;
}

/** Reads `<dir>/<name>`; when missing, reports it (pointing out a `.yml` spelling) and returns undefined. */
async function readRequired(state: LoadState, dir: string, name: string, what: string): Promise<string | undefined> {
  const text = await state.folder.readText(`${dir}/${name}`);
  if (text !== undefined) return text;
  const yml = name.replace(/\.yaml$/, '.yml');
  const status = await state.folder.status(`${dir}/${name}`);
  let diagnostic: Diagnostic;
  if (status === 'outside') {
    diagnostic = { severity: 'error', code: 'outside', message: `${name} is a link to a file outside the content folder, which Atrium never reads`, file: `${dir}/${name}` };
  } else if ((await state.folder.status(`${dir}/${yml}`)) === 'file') {
    diagnostic = { severity: 'error', code: 'missing-file', message: `found ${yml} but Atrium reads ${name}; rename the file to ${name}`, file: `${dir}/${yml}` };
  } else {
    diagnostic = { severity: 'error', code: 'missing-file', message: `missing ${name}: every folder in ${path.posix.dirname(dir)}/ needs ${what}`, file: dir };
  }
  state.diagnostics.push(diagnostic);
  return undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A listed file that resolves outside the content folder: reported, never read. */
export function outsideLink(file: string): Diagnostic {
  return {
    severity: 'error',
    code: 'outside',
    message: `${file} is a link to a file outside the content folder, which Atrium never reads; copy the file into the content folder instead`,
    file,
  };
}

/**
 * Crawling never follows symbolic links, so a linked doc or decK file would be skipped without
 * a word; one that leads outside the content folder is reported instead (and never read).
 */
export async function reportLinksOutside(state: LoadState, dir: string, name: RegExp): Promise<void> {
  for (const link of await state.folder.symlinks(dir)) {
    if (name.test(link) && (await state.folder.status(link)) === 'outside') state.diagnostics.push(outsideLink(link));
  }
}

/**
 * What the MCP tools know about a built portal, read from its files only: the manifest
 * (portal.json), the site origin and base (from the sitemap), each version's operations
 * (from its downloadable spec, indexed with the same function the build uses, so slugs
 * match the pages) and the markdown twins the build wrote beside every page.
 */
import { z } from 'zod';
import { buildReferenceIndex, type OperationRef, type ReferenceIndex } from '../reference/index.ts';
import { convertSwagger2 } from '../openapi/index.ts';
import { PortalError, PortalFolder, sitePath } from './portal-folder.ts';

const EnvironmentSchema = z.object({
  name: z.string(),
  control_plane: z.string().nullish(),
  service: z.string().nullish(),
  base_urls: z.array(z.string()).catch([]),
  auth: z.array(z.string()).catch([]),
  rate_limits: z.array(z.object({ limit: z.number(), window: z.string() })).catch([]),
});
const VersionSchema = z.object({
  name: z.string(),
  publish_status: z.string().nullish(),
  deprecated: z.boolean().catch(false),
  sunset: z.string().nullish(),
  replacement: z.string().nullish(),
  url: z.string(),
  reference_url: z.string().nullish(),
  spec_url: z.string().nullish(),
  operations: z.number().catch(0),
  changes_url: z.string().nullish(),
  docs: z.array(z.object({ title: z.string(), url: z.string() })).catch([]),
  environments: z.array(EnvironmentSchema).catch([]),
});
const ProductSchema = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string().catch(''),
  url: z.string(),
  docs: z.array(z.object({ title: z.string(), url: z.string() })).catch([]),
  versions: z.array(VersionSchema).catch([]),
});
const ManifestSchema = z.object({
  title: z.string().catch(''),
  audience: z.string().catch('public'),
  products: z.array(ProductSchema),
});
export type PortalManifest = z.infer<typeof ManifestSchema>;
export type PortalProduct = z.infer<typeof ProductSchema>;
export type PortalVersion = z.infer<typeof VersionSchema>;

/** `/products/flights/v1/` → the segment the folder uses for the version (its slug). */
export function versionSlug(version: PortalVersion): string {
  return version.url.replace(/\/+$/, '').split('/').pop() ?? version.name;
}

const normalize = (s: string) => s.trim().toLowerCase();

export class PortalReader {
  readonly folder: PortalFolder;
  private indexes = new Map<string, { key: string; index: ReferenceIndex }>();

  constructor(folder: PortalFolder | string) {
    this.folder = typeof folder === 'string' ? new PortalFolder(folder) : folder;
  }

  async manifest(): Promise<PortalManifest> {
    const raw = await this.folder.readJson('portal.json');
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) throw new PortalError(`${this.folder.root}/portal.json is not a portal manifest written by \`atrium build\`; rebuild the portal`);
    return parsed.data;
  }

  /** The site's origin and base path, when the build had a site URL (its sitemap says both). */
  async site(): Promise<{ origin?: string; base: string }> {
    const sitemap = await this.folder.readText('sitemap-index.xml');
    const loc = sitemap && /<loc>([^<]*?)sitemap-0\.xml<\/loc>/.exec(sitemap)?.[1];
    if (!loc || !URL.canParse(loc)) return { base: '/' };
    const url = new URL(loc);
    return { origin: url.origin, base: url.pathname };
  }

  async product(name: string): Promise<PortalProduct> {
    const { products } = await this.manifest();
    const wanted = normalize(name);
    const found = products.find((p) => normalize(p.slug) === wanted) ?? products.find((p) => normalize(p.name) === wanted);
    if (found) return found;
    const known = products.map((p) => p.slug).join(', ') || 'none';
    throw new PortalError(`unknown product "${name}"; this portal has: ${known} (list_products shows them)`);
  }

  async version(product: PortalProduct, name: string): Promise<PortalVersion> {
    const wanted = normalize(name);
    const found =
      product.versions.find((v) => normalize(v.name) === wanted) ?? product.versions.find((v) => normalize(versionSlug(v)) === wanted);
    if (found) return found;
    const known = product.versions.map((v) => v.name).join(', ') || 'none';
    throw new PortalError(`unknown version "${name}" of ${product.slug}; its versions are: ${known}`);
  }

  /** The version's operations, as the build indexed them. */
  async operations(product: PortalProduct, version: PortalVersion): Promise<ReferenceIndex> {
    if (!version.spec_url) throw new PortalError(`${product.slug} ${version.name} has no API spec, so it has no operations`);
    const file = version.spec_url.replace(/^\/+/, '');
    const text = await this.folder.readText(file);
    if (text === undefined) throw new PortalError(`the portal folder lacks ${version.spec_url}; rebuild the portal`);
    const cached = this.indexes.get(file);
    if (cached && cached.key === text) return cached.index;
    let spec: Record<string, unknown>;
    try {
      spec = JSON.parse(text);
    } catch {
      throw new PortalError(`${version.spec_url} in the portal folder is not valid JSON; rebuild the portal`);
    }
    const openapi = typeof spec.swagger === 'string' ? convertSwagger2(spec) : spec;
    const index = buildReferenceIndex(openapi);
    this.indexes.set(file, { key: text, index });
    return index;
  }

  /** One operation by page slug, operationId, or `METHOD /path` (template or a concrete path). */
  async operation(product: PortalProduct, version: PortalVersion, wanted: string): Promise<OperationRef> {
    const index = await this.operations(product, version);
    const found = findOperation(index.operations, wanted);
    if (found) return found;
    const some = index.operations
      .slice(0, 15)
      .map((op) => `${op.slug} (${op.method.toUpperCase()} ${op.path})`)
      .join(', ');
    throw new PortalError(
      `no operation "${wanted}" in ${product.slug} ${version.name}; give an operationId, a page slug or "GET /path". ` +
        `Operations: ${some}${index.operations.length > 15 ? `, and ${index.operations.length - 15} more` : ''}`,
    );
  }

  /** The markdown twin of the page at `url` (a site path, a path under the base, or a URL of the site). */
  async page(url: string): Promise<{ path: string; markdown: string }> {
    let path = sitePath(url, await this.site());
    if (/\/index\.html$/.test(path)) path = path.replace(/index\.html$/, '');
    const file = /\.(md|txt)$/.test(path) ? path : path.replace(/\/?$/, '/') + 'index.md';
    if (/\.txt$/.test(file) && !/^\/llms(-full)?\.txt$/.test(file)) throw new PortalError(`${url} is not a page; get_page reads pages and llms.txt`);
    const markdown = await this.folder.readText(file);
    if (markdown === undefined) {
      const html = await this.folder.readText(path.replace(/\/?$/, '/') + 'index.html');
      throw new PortalError(
        html === undefined
          ? `no page at ${path} in this portal; search finds pages, list_products lists products and versions`
          : `the page ${path} has no markdown version in this build`,
      );
    }
    return { path: file, markdown };
  }

  async readOptionalJson(path: string): Promise<unknown> {
    return this.folder.readJson(path.replace(/^\/+/, ''));
  }
}

const pathParts = (path: string) => path.split('/').filter(Boolean);

/** Operation by slug, then operationId, then method and path (a template, or a path a template matches). */
export function findOperation(operations: readonly OperationRef[], wanted: string): OperationRef | undefined {
  const value = wanted.trim();
  const bySlug = operations.find((op) => op.slug === value);
  if (bySlug) return bySlug;
  const byId = operations.find((op) => op.operationId === value) ?? operations.find((op) => op.operationId?.toLowerCase() === value.toLowerCase());
  if (byId) return byId;
  const m = /^([A-Za-z]+)\s+(\S+)$/.exec(value);
  if (!m) return undefined;
  const method = m[1]!.toLowerCase();
  const path = m[2]!.replace(/[?#].*$/, '');
  const candidates = operations.filter((op) => op.kind === 'operation' && op.method === method);
  const template = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
  const exact = candidates.find((op) => op.path === path) ?? candidates.find((op) => template(op.path) === template(path));
  if (exact) return exact;
  const given = pathParts(path);
  // A concrete path (`/flights/KA924`): the template whose literal segments all match.
  const isParam = (part: string) => /^\{[^}]+\}$/.test(part);
  const literals = (op: OperationRef) => pathParts(op.path).filter((part) => !isParam(part)).length;
  return candidates
    .filter((op) => {
      const parts = pathParts(op.path);
      return parts.length === given.length && parts.every((part, i) => isParam(part) || part === given[i]);
    })
    .sort((a, b) => literals(b) - literals(a))[0];
}

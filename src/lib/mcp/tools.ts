/**
 * The four tools of `atrium mcp` (DESIGN §7, contract), as plain functions from arguments to
 * text, over one portal folder. Problems the caller can fix come back as PortalError and
 * become MCP tool errors (`isError`) in server.ts.
 */
import { GATEWAY_SECTION_HEADING, gatewayDocumentMarkdown, readGatewayDocument } from '../site/gateway-facts.ts';
import { PortalError } from './portal-folder.ts';
import { PortalReader, versionSlug } from './portal-reader.ts';
import { PortalSearch, type SearchHit } from './portal-search.ts';

export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 50;

export class PortalTools {
  readonly reader: PortalReader;
  private readonly searcher: PortalSearch;

  constructor(portalDir: string) {
    this.reader = new PortalReader(portalDir);
    this.searcher = new PortalSearch(this.reader.folder);
  }

  /** Products with their versions, environments and base URLs, as the build's manifest states them. */
  async listProducts(): Promise<object> {
    const manifest = await this.reader.manifest();
    return {
      title: manifest.title,
      audience: manifest.audience,
      products: manifest.products.map((product) => ({
        slug: product.slug,
        name: product.name,
        description: product.description,
        url: product.url,
        docs: product.docs,
        versions: product.versions.map((version) => ({
          name: version.name,
          slug: versionSlug(version),
          publish_status: version.publish_status,
          deprecated: version.deprecated,
          sunset: version.sunset ?? null,
          replacement: version.replacement ?? null,
          url: version.url,
          reference_url: version.reference_url ?? null,
          spec_url: version.spec_url ?? null,
          operations: version.operations,
          changes_url: version.changes_url ?? null,
          docs: version.docs,
          environments: version.environments.map((env) => ({
            name: env.name,
            base_urls: env.base_urls,
            auth: env.auth,
            rate_limits: env.rate_limits,
          })),
        })),
      })),
    };
  }

  async search(query: string, limit = DEFAULT_SEARCH_LIMIT): Promise<SearchHit[]> {
    if (!query.trim()) throw new PortalError('give a search query, for example "authentication"');
    await this.reader.manifest();
    return this.searcher.search(query, Math.min(Math.max(1, Math.floor(limit)), MAX_SEARCH_LIMIT));
  }

  async getPage(url: string): Promise<string> {
    await this.reader.manifest();
    return (await this.reader.page(url)).markdown;
  }

  /**
   * The operation's twin. When the build's twin predates the version's gateway.json (or was
   * written without it), the per-route facts are added from that file here.
   */
  async getOperation(productName: string, versionName: string, operationName: string): Promise<string> {
    const product = await this.reader.product(productName);
    const version = await this.reader.version(product, versionName);
    const op = await this.reader.operation(product, version, operationName);
    const pageUrl = `${version.url.replace(/\/?$/, '/')}reference/${op.slug}/`;
    const { markdown } = await this.reader.page(pageUrl);
    if (op.kind !== 'operation' || markdown.includes(GATEWAY_SECTION_HEADING)) return markdown;
    const gateway = readGatewayDocument(await this.reader.readOptionalJson(`${version.url.replace(/\/?$/, '/')}gateway.json`));
    if (!gateway) return markdown;
    return `${markdown.trimEnd()}\n\n${gatewayDocumentMarkdown(gateway, op.method, op.path)}\n`;
  }
}

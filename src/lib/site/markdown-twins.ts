/**
 * A markdown twin beside every page (`<page URL>index.md`), holding what the HTML page tells
 * a reader, and `llms-full.txt`, the published docs and operations in one file. Both come from
 * the audience-filtered site model, so they cannot hold anything the pages do not show; the
 * MCP server (`atrium mcp`) answers `get_page` and `get_operation` from these files.
 */
import { formatDiffMarkdown } from '../diff/index.ts';
import {
  deprecationMarkdown,
  environmentBaseUrls,
  inlineCode,
  listSchemaPages,
  operationTitle,
  renderOperationMarkdown,
  schemaMarkdown,
  schemaPageSlug,
  securitySchemesMarkdown,
  tableCell,
} from '../reference/index.ts';
import { resolvePointer } from '../openapi/json-pointer.ts';
import { isObject } from '../openapi/object.ts';
import { describeAuth } from './auth-notes.ts';
import { readingOrder } from './doc-tree.ts';
import { environmentMatrix } from './environment-matrix.ts';
import { environmentsMarkdown } from './gateway-facts.ts';
import { gatewayOperationMarkdown } from './gateway-operation-markdown.ts';
import { operationSummary, operationTrafficMarkdown } from '../analytics/operation-traffic.ts';
import { hasApi, type ApiVersion, type SiteDoc, type SiteModel, type SiteProduct, type SiteVersion } from './model.ts';
import { referenceContext } from './reference-context.ts';
import { docMarkdownTwin, neutralizeMarkup } from './site-files.ts';
import { urls, withBase } from './urls.ts';

export interface MarkdownTwin {
  /** Site-root URL of the HTML page (`/products/flights/`); the twin is `<url>index.md`. */
  url: string;
  kind: 'catalog' | 'product' | 'doc' | 'version' | 'reference' | 'operation' | 'schema' | 'changes' | 'analytics' | 'internal';
  /**
   * Computes the twin's markdown. A function: an incremental build links an unchanged page's
   * twin from its last build instead (src/builder/kept-files.ts), and an operation's twin costs
   * about as much as its page.
   */
  markdown: () => string;
}

/** Size cap of llms-full.txt, in UTF-8 bytes: what an agent can still load whole. */
export const LLMS_FULL_MAX_BYTES = 4 * 1024 * 1024;

const line = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Docs as the sidebar lists them; any the tree does not reach follow, so none loses its twin. */
function docsInOrder(docs: readonly SiteDoc[], tree: Parameters<typeof readingOrder>[0]): SiteDoc[] {
  const bySlug = new Map(docs.map((d) => [d.entry.slug, d]));
  const ordered = readingOrder(tree).map((n) => bySlug.get(n.slug)).filter((d): d is SiteDoc => d !== undefined);
  const seen = new Set(ordered);
  return [...new Set([...ordered, ...docs.filter((d) => !seen.has(d))])];
}

function catalogTwin(model: SiteModel): string {
  const link = (path: string) => withBase(model.base, path);
  const out = [`# ${line(model.portal.title)}`, ''];
  if (model.portal.description) out.push(line(model.portal.description), '');
  out.push('## API products', '');
  for (const product of model.products) {
    const latest = product.latest ? ` (latest: ${line(product.latest.entry.name)})` : '';
    out.push(`- [${line(product.entry.name)}](${link(product.url)})${latest}${product.entry.description ? `: ${line(product.entry.description)}` : ''}`);
  }
  return out.join('\n');
}

function versionStatus(version: SiteVersion): string {
  const parts: string[] = [version.entry.publish_status];
  if (version.entry.deprecated) parts.push('deprecated');
  if (version.entry.deprecation?.sunset) parts.push(`sunset ${version.entry.deprecation.sunset}`);
  return parts.join(', ');
}

function productTwin(model: SiteModel, product: SiteProduct): string {
  const link = (path: string) => withBase(model.base, path);
  const out = [`# ${line(product.entry.name)}`, ''];
  if (!product.entry.published) out.push('Status: unpublished (shown in the internal portal only)', '');
  if (product.entry.description) out.push(product.entry.description.trim(), '');
  const labels = model.audience === 'internal' ? product.entry.labels : product.entry.public_labels;
  if (Object.keys(labels).length) out.push(`Labels: ${Object.entries(labels).map(([k, v]) => inlineCode(`${k}: ${v}`)).join(', ')}`, '');
  const contact = product.entry.contact;
  if (contact && (contact.name || contact.email || contact.url)) {
    out.push(`Contact: ${[contact.name, contact.email && `<${contact.email}>`, contact.url].filter(Boolean).join(' · ')}`, '');
  }
  out.push('## Versions', '', '| Version | Status | Environments | Reference |', '|---|---|---|---|');
  for (const version of product.versions) {
    const envs = version.environments.map((e) => e.label ?? e.name).join(', ') || 'not deployed';
    const reference = version.api ? `[API reference](${link(urls.reference(product.entry.slug, version.entry.slug))})` : '—';
    out.push(`| [${tableCell(version.entry.name)}](${link(version.url)}) | ${tableCell(versionStatus(version))} | ${tableCell(envs)} | ${reference} |`);
  }
  out.push('');
  const docs = docsInOrder(product.docs, product.docsTree);
  if (docs.length) {
    out.push('## Documentation', '');
    for (const doc of docs) out.push(`- [${line(doc.entry.title)}](${link(doc.url)})${doc.entry.description ? `: ${line(doc.entry.description)}` : ''}`);
    out.push('');
  }
  if (product.analytics) out.push(`Traffic, errors and latency: [analytics](${link(product.analytics.url)}) (data in [report.json](${link(product.analytics.url + 'report.json')})).`);
  return out.join('\n');
}

function versionTwin(model: SiteModel, product: SiteProduct, version: SiteVersion): string {
  const link = (path: string) => withBase(model.base, path);
  const p = product.entry.slug;
  const v = version.entry.slug;
  const ctx = referenceContext(model.base, product, version);
  const out = [`# ${line(product.entry.name)} ${line(version.entry.name)}`, '', `Status: ${versionStatus(version)}`, ''];
  const banner = deprecationMarkdown(ctx.deprecation);
  if (banner) out.push(banner, '');
  if (product.entry.description) out.push(product.entry.description.trim(), '');
  if (version.api) {
    const operations = version.api.operations.filter((o) => o.kind === 'operation').length;
    out.push(
      `- [API reference](${link(urls.reference(p, v))}) (${operations} operation${operations === 1 ? '' : 's'})`,
      `- Spec: [openapi.json](${link(urls.specJson(p, v))}) · [openapi.yaml](${link(urls.specYaml(p, v))})`,
    );
    if (version.changes) out.push(`- [Changes since ${line(version.changes.from)}](${link(urls.changes(p, v))})`);
    out.push('');
  }
  const environments = environmentsMarkdown(version.environments);
  out.push(environments || 'This version is not deployed to any environment yet.', '');
  const docs = docsInOrder(version.docs, version.docsTree);
  if (docs.length) {
    out.push('## Documentation', '');
    for (const doc of docs) out.push(`- [${line(doc.entry.title)}](${link(doc.url)})`);
  }
  return out.join('\n');
}

function referenceTwin(model: SiteModel, product: SiteProduct, version: ApiVersion): string {
  const api = version.api;
  const index = api.index;
  const link = (path: string) => withBase(model.base, path);
  const info = api.openapi.info ?? {};
  const out = [`# ${line(product.entry.name)} ${line(version.entry.name)} API reference`, ''];
  out.push(`${line(index.title)}, version ${inlineCode(String(index.version))}.`, '');
  const banner = deprecationMarkdown(referenceContext(model.base, product, version).deprecation);
  if (banner) out.push(banner, '');
  if (typeof info.description === 'string' && info.description.trim()) out.push(info.description.trim(), '');
  out.push(`Spec: [openapi.json](${link(urls.specJson(product.entry.slug, version.entry.slug))}) · [openapi.yaml](${link(urls.specYaml(product.entry.slug, version.entry.slug))})`, '');
  const baseUrls = environmentBaseUrls(api.openapi, version.environments);
  const specServers = (Array.isArray(api.openapi.servers) ? api.openapi.servers : [])
    .map((server: { url?: unknown }) => server?.url)
    .filter((url: unknown): url is string => typeof url === 'string');
  if (baseUrls.length || specServers.length) {
    out.push('## Servers', '');
    for (const { environment, urls: list } of baseUrls) out.push(`- ${line(environment.label ?? environment.name)}: ${list.map((u) => inlineCode(u)).join(', ')}`);
    if (specServers.length) out.push(`- ${baseUrls.length ? 'Named in the spec' : 'From the spec'}: ${specServers.map((u: string) => inlineCode(u)).join(', ')}`);
    out.push('');
  }
  const schemes = securitySchemesMarkdown(api.openapi);
  if (schemes) out.push('## Authentication schemes of the API', '', schemes, '');
  const gatewayAuth = version.environments.filter((e) => e.auth.length);
  if (gatewayAuth.length) {
    out.push('## Authentication through the gateway', '');
    for (const env of gatewayAuth) out.push(`- ${line(env.label ?? env.name)}: ${env.auth.map((a) => describeAuth(a).title).join('; ')}`);
    out.push('');
  }
  const bySlug = new Map(index.operations.map((o) => [o.slug, o]));
  for (const group of index.tags) {
    out.push(`## ${line(group.kind === 'tag' ? group.name : group.kind === 'untagged' ? 'Other operations' : group.kind === 'webhooks' ? 'Webhooks' : 'Callbacks')}`, '');
    if (group.description) out.push(group.description.trim(), '');
    out.push('| Operation | Method and path | Operation ID |', '|---|---|---|');
    for (const slug of group.operations) {
      const op = bySlug.get(slug);
      if (!op) continue;
      out.push(
        `| [${tableCell(operationTitle(op))}](${link(urls.operation(product.entry.slug, version.entry.slug, op.slug))})${op.deprecated ? ' (deprecated)' : ''} | ${inlineCode(`${op.method.toUpperCase()} ${op.path}`)} | ${op.operationId ? inlineCode(op.operationId) : '—'} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

function operationTwin(model: SiteModel, product: SiteProduct, version: ApiVersion, slug: string): string {
  const api = version.api;
  const index = api.index;
  const ctx = referenceContext(model.base, product, version);
  const body = renderOperationMarkdown(api.openapi, index, slug, ctx);
  const op = index.operations.find((o) => o.slug === slug)!;
  if (op.kind !== 'operation') return body;
  const operation = resolvePointer(api.openapi, op.pointer);
  const statuses = isObject(operation) && isObject(operation.responses) ? Object.keys(operation.responses) : [];
  // Per-route facts where the version's gateway link states them; else the service's.
  const facts = gatewayOperationMarkdown(op, version.environments, statuses, model.audience === 'internal') || environmentsMarkdown(version.environments);
  const analytics = product.analytics;
  const traffic = analytics ? operationTrafficMarkdown(operationSummary(analytics.report, version.entry.name, op)) : '';
  return (facts ? `${body}\n${facts}\n` : body) + (traffic ? `\n${traffic}` : '');
}

function schemaTwin(version: ApiVersion, name: string): string {
  const openapi = version.api.openapi;
  return `# Schema ${inlineCode(name)}\n\n${schemaMarkdown(openapi, openapi.components?.schemas?.[name], name)}\n`;
}

function changesTwin(product: SiteProduct, version: SiteVersion): string {
  const head = `# Changes in ${line(product.entry.name)} ${line(version.entry.name)}\n\n`;
  if (!version.changes) return head + `This is the first version of ${line(product.entry.name)} with an API spec, so there is nothing to compare it with.\n`;
  return head + `Compared with ${line(version.changes.from)}.\n\n` + formatDiffMarkdown(version.changes.diff);
}

function analyticsTwin(model: SiteModel, product: SiteProduct): string {
  const report = product.analytics!.report;
  const link = (path: string) => withBase(model.base, path);
  const out = [`# ${line(product.entry.name)} analytics`, ''];
  if (!report.newest) return [...out, 'No traffic has been recorded for this product yet.'].join('\n');
  out.push(
    `Traffic through the gateway, up to ${report.newest}. Latencies in milliseconds. The figures are also in [report.json](${link(product.analytics!.url + 'report.json')}) and [report.csv](${link(product.analytics!.url + 'report.csv')}).`,
    '',
  );
  for (const d of product.analytics!.deprecated) {
    out.push(`Deprecated ${line(d.version)} is still called: ${d.request_count} requests in the last 30 days${d.consumers !== undefined ? ` from ${d.consumers} distinct consumers` : ''}.`, '');
  }
  for (const [name, window] of Object.entries(report.windows)) {
    out.push(`## Last ${name}`, '', '| Scope | Requests | Error rate | p50 | p95 | p99 |', '|---|---|---|---|---|---|');
    const row = (scope: string, m: (typeof window)['total']) =>
      `| ${tableCell(scope)} | ${m.request_count} | ${(m.error_rate * 100).toFixed(2)}% | ${m.response_latency_p50} | ${m.response_latency_p95} | ${m.response_latency_p99} |`;
    out.push(row('All versions', window.total));
    for (const [version, v] of Object.entries(window.versions)) {
      out.push(row(version, v.total));
      for (const [env, m] of Object.entries(v.environments)) out.push(row(`${version} in ${env}`, m));
      for (const [operation, m] of Object.entries(v.operations)) out.push(row(`${version} ${operation}`, m));
    }
    out.push('');
  }
  return out.join('\n');
}

/** Internal portal: which version runs where. */
function environmentsPageTwin(model: SiteModel): string {
  const matrix = environmentMatrix(model);
  const out = ['# Environments', '', `| Product and version | ${matrix.environments.map((e) => tableCell(e.label ?? e.name)).join(' | ')} |`];
  out.push(`|---|${matrix.environments.map(() => '---').join('|')}|`);
  for (const product of matrix.products) {
    for (const version of product.versions) {
      const flags = [version.unpublished && 'unpublished', version.deprecated && 'deprecated'].filter(Boolean).join(', ');
      const cells = version.cells.map((cell) => (cell ? `${inlineCode(cell.service)}${cell.resolved ? '' : ' (not found in the decK file)'}` : '—'));
      out.push(`| ${tableCell(`${product.name} ${version.name}${flags ? ` (${flags})` : ''}`)} | ${cells.map(tableCell).join(' | ')} |`);
    }
  }
  return out.join('\n');
}

/** Internal portal: every warning of the build, by file. */
function healthPageTwin(model: SiteModel): string {
  const warnings = model.diagnostics.filter((d) => d.severity === 'warning');
  const out = ['# Content health', '', warnings.length ? `${warnings.length} warning(s). Warnings never fail a build; \`atrium build --strict\` turns them into errors.` : 'No warnings: the content is clean.', ''];
  for (const d of warnings) out.push(`- ${inlineCode(`${d.file ?? '(portal)'}:${d.line ?? 1}:${d.column ?? 1}`)} ${line(d.message)}${d.pointer ? ` (${inlineCode(d.pointer)})` : ''}`);
  return out.join('\n');
}

/** Every twin of the site, in reading order: catalog, then per product its pages and versions. */
export function* markdownTwins(model: SiteModel): Generator<MarkdownTwin> {
  const twin = (url: string, kind: MarkdownTwin['kind'], markdown: () => string): MarkdownTwin => ({ url, kind, markdown: () => neutralizeMarkup(markdown().trimEnd() + '\n') });
  const docTwin = (doc: SiteDoc): MarkdownTwin => ({ url: doc.url, kind: 'doc', markdown: () => docMarkdownTwin(doc) });
  yield twin('/', 'catalog', () => catalogTwin(model));
  for (const product of model.products) {
    yield twin(product.url, 'product', () => productTwin(model, product));
    for (const doc of docsInOrder(product.docs, product.docsTree)) yield docTwin(doc);
    if (product.analytics) yield twin(product.analytics.url, 'analytics', () => analyticsTwin(model, product));
    for (const version of product.versions) {
      const p = product.entry.slug;
      const v = version.entry.slug;
      yield twin(version.url, 'version', () => versionTwin(model, product, version));
      for (const doc of docsInOrder(version.docs, version.docsTree)) yield docTwin(doc);
      if (!hasApi(version)) continue;
      yield twin(urls.reference(p, v), 'reference', () => referenceTwin(model, product, version));
      for (const op of version.api.operations) yield twin(urls.operation(p, v, op.slug), 'operation', () => operationTwin(model, product, version, op.slug));
      for (const name of listSchemaPages(version.api.openapi, version.api.index)) {
        yield twin(urls.schema(p, v, schemaPageSlug(version.api.openapi, name)), 'schema', () => schemaTwin(version, name));
      }
      yield twin(urls.changes(p, v), 'changes', () => changesTwin(product, version));
    }
  }
  if (model.audience === 'internal') {
    yield twin(urls.environments(), 'internal', () => environmentsPageTwin(model));
    yield twin(urls.health(), 'internal', () => healthPageTwin(model));
  }
}

/**
 * llms-full.txt: the catalog, every published doc and every operation, each under its URL,
 * whole pages only, up to LLMS_FULL_MAX_BYTES; when more would not fit, it ends with a note
 * saying how many pages were left out and where to read them. Fed one twin at a time, so a
 * spec with thousands of operations is never held in memory twice.
 */
export class LlmsFullText {
  private readonly parts: string[] = [];
  private size = 0;
  private left = 0;
  private readonly link: (path: string) => string;

  constructor(model: Pick<SiteModel, 'site' | 'base'>) {
    this.link = (path: string) => (model.site ?? '') + withBase(model.base, path);
  }

  /** `markdown` is asked for only while the file has room: past the cap a page is only counted. */
  add(twin: Pick<MarkdownTwin, 'url' | 'kind'>, markdown: () => string): void {
    if (twin.kind === 'schema' || twin.kind === 'changes' || twin.kind === 'analytics' || twin.kind === 'internal') return;
    if (this.left > 0) {
      this.left++;
      return;
    }
    const part = `<!-- ${this.link(twin.url)} -->\n\n${markdown().trimEnd()}\n\n---\n\n`;
    const bytes = Buffer.byteLength(part);
    // Once a page does not fit, later ones are left out too, so the file never skips a page silently.
    if (this.size + bytes > LLMS_FULL_MAX_BYTES - 1024) {
      this.left++;
      return;
    }
    this.parts.push(part);
    this.size += bytes;
  }

  toString(): string {
    if (this.left === 0) return this.parts.join('');
    return (
      this.parts.join('') +
      `[llms-full.txt is cut here: it is capped at ${LLMS_FULL_MAX_BYTES.toLocaleString('en-US')} bytes and ${this.left} more page${this.left === 1 ? '' : 's'} did not fit. ` +
      `${this.link('/llms.txt')} lists every page; each page's markdown is at its URL followed by index.md.]\n`
    );
  }
}

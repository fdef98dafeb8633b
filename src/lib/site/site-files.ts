/**
 * The plain-text files beside the pages: robots.txt, the sitemap and llms.txt (with a
 * markdown twin of every doc page). All derived from the audience-filtered site model.
 */
import type { SiteModel } from './model.ts';
import { sitemapUrls } from './routes.ts';
import { urls, withBase } from './urls.ts';

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** sitemap-index.xml plus its sitemap files (50,000 URLs each, the protocol's limit). */
export function buildSitemaps(model: SiteModel): Record<string, string> | undefined {
  if (!model.site) return undefined;
  const abs = (path: string) => model.site + withBase(model.base, path);
  const all = sitemapUrls(model);
  const files: Record<string, string> = {};
  const names: string[] = [];
  for (let i = 0; i * 50_000 < all.length; i++) {
    const name = `sitemap-${i}.xml`;
    names.push(name);
    files[name] =
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
      all.slice(i * 50_000, (i + 1) * 50_000).map((u) => `  <url><loc>${xmlEscape(abs(u))}</loc></url>\n`).join('') +
      '</urlset>\n';
  }
  files['sitemap-index.xml'] =
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    names.map((n) => `  <sitemap><loc>${xmlEscape(abs('/' + n))}</loc></sitemap>\n`).join('') +
    '</sitemapindex>\n';
  return files;
}

export function buildRobotsTxt(model: SiteModel): string {
  if (model.audience === 'internal') return 'User-agent: *\nDisallow: /\n';
  const lines = ['User-agent: *', 'Allow: /'];
  if (model.site) lines.push(`Sitemap: ${model.site}${withBase(model.base, '/sitemap-index.xml')}`);
  return lines.join('\n') + '\n';
}

function oneLine(text: string | undefined): string {
  return neutralizeMarkup((text ?? '').replace(/\s+/g, ' ').trim());
}

const ACTIVE_TAG = /<(?=\/?(?:script|iframe|frame|style|object|embed|form|img|svg|math|link|meta|base|input|button|textarea|video|audio|source)\b)/gi;
const SCRIPT_LINK = /\]\(\s*(?:javascript|vbscript|data):(?:[^()]|\([^()]*\))*\)/gi;
/** Any other tag with an event handler or a script URL (`<a href="javascript:…">`), and `<javascript:…>` autolinks. */
const ACTIVE_ATTRIBUTE = /<(?=(?:[a-z][^<>]*?(?:\son[a-z]+\s*=|=\s*["']?\s*(?:javascript|vbscript|data):))|(?:javascript|vbscript|data):)/gi;

/**
 * The markdown files we publish are read by tools that may render them. Raw HTML that can run
 * or load something, and script links, are made inert (`<script` → `&lt;script`); the text stays.
 */
export function neutralizeMarkup(markdown: string): string {
  return markdown.replace(ACTIVE_TAG, '&lt;').replace(ACTIVE_ATTRIBUTE, '&lt;').replace(SCRIPT_LINK, '](#unsafe-link-removed)');
}

/** llms.txt (llmstxt.org): products, versions and docs with URLs and one-line descriptions. */
export function buildLlmsTxt(model: SiteModel): string {
  const link = (path: string) => (model.site ?? '') + withBase(model.base, path);
  const out: string[] = [`# ${oneLine(model.portal.title)}`, ''];
  if (model.portal.description) out.push(`> ${oneLine(model.portal.description)}`, '');
  out.push(`Every published doc and API operation in one file: [llms-full.txt](${link('/llms-full.txt')}). Each page's markdown is at its URL followed by \`index.md\`.`, '');
  for (const product of model.products) {
    const name = oneLine(product.entry.name);
    out.push(`## ${name}`, '');
    if (product.entry.description) out.push(oneLine(product.entry.description), '');
    out.push(`- [${name} overview](${link(product.url)})`);
    for (const doc of product.docs) {
      const desc = oneLine(doc.entry.description);
      out.push(`- [${oneLine(doc.entry.title)}](${link(doc.url + 'index.md')})${desc ? `: ${desc}` : ''}`);
    }
    for (const version of product.versions) {
      const status = version.entry.deprecated ? ' (deprecated)' : '';
      out.push(`- [${name} ${oneLine(version.entry.name)}${status}](${link(version.url)})`);
      if (version.api) {
        out.push(`  - [OpenAPI spec](${link(urls.specJson(product.entry.slug, version.entry.slug))})`);
        out.push(`  - [API reference](${link(urls.reference(product.entry.slug, version.entry.slug))})`);
      }
      for (const doc of version.docs) {
        const desc = oneLine(doc.entry.description);
        out.push(`  - [${oneLine(doc.entry.title)}](${link(doc.url + 'index.md')})${desc ? `: ${desc}` : ''}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/** The markdown twin of a doc page: its title and body as the writer wrote them. */
export function docMarkdownTwin(doc: { entry: { title: string; description?: string; body: string } }): string {
  const head = `# ${oneLine(doc.entry.title)}\n\n${doc.entry.description ? `> ${oneLine(doc.entry.description)}\n\n` : ''}`;
  return head + neutralizeMarkup(doc.entry.body.replace(/^\s+/, ''));
}

import { describe, expect, it } from 'vitest';
import { checkLinks, createLinkResolver, resolveDocFile } from '../../../src/lib/markdown/index.ts';
import { isDocPath, parseLinkTarget, resolvePageUrl, resolveRelativePath } from '../../../src/lib/markdown/link-target.ts';
import type { DocLink } from '../../../src/lib/markdown/index.ts';

describe('parseLinkTarget', () => {
  it('tells anchors, external URLs, site paths and relative files apart', () => {
    expect(parseLinkTarget('#step-2')).toEqual({ kind: 'anchor', anchor: 'step-2' });
    expect(parseLinkTarget('https://konghq.com/x')).toEqual({ kind: 'external', web: true });
    expect(parseLinkTarget('//cdn.example.com/a.js')).toEqual({ kind: 'external', web: true });
    expect(parseLinkTarget('mailto:api@example.com')).toEqual({ kind: 'external', web: false });
    expect(parseLinkTarget('/products/flights/#auth')).toEqual({ kind: 'site', path: '/products/flights/', anchor: 'auth' });
    expect(parseLinkTarget('../guides/auth.md#x')).toEqual({ kind: 'relative', path: '../guides/auth.md', suffix: '', anchor: 'x' });
    expect(parseLinkTarget('./setup.mdx?tab=1#step-2')).toEqual({ kind: 'relative', path: './setup.mdx', suffix: '?tab=1', anchor: 'step-2' });
    expect(parseLinkTarget('')).toEqual({ kind: 'empty' });
  });

  it('percent-decodes paths and anchors', () => {
    expect(parseLinkTarget('./my%20guide.md#caf%C3%A9')).toMatchObject({ path: './my guide.md', anchor: 'café' });
  });
});

describe('resolvePageUrl', () => {
  it('resolves like a browser and gives page URLs their trailing slash', () => {
    const from = '/docs/products/flights/docs/guides/search/';
    expect(resolvePageUrl(from, '../')).toBe('/docs/products/flights/docs/guides/');
    expect(resolvePageUrl(from, '../../other-product/docs/page/')).toBe('/docs/products/flights/docs/other-product/docs/page/');
    expect(resolvePageUrl(from, 'filters')).toBe('/docs/products/flights/docs/guides/search/filters/');
    expect(resolvePageUrl(from, '../../../../../../../../')).toBe('/');
    expect(resolvePageUrl(from, '../my guide/')).toBe('/docs/products/flights/docs/guides/my guide/');
    expect(resolvePageUrl(from, '../../v1/openapi.json')).toBe('/docs/products/flights/docs/v1/openapi.json');
  });
});

describe('resolveRelativePath', () => {
  it('resolves against the linking doc', () => {
    expect(resolveRelativePath('products/p/docs/guides/a.md', '../setup.mdx')).toBe('products/p/docs/setup.mdx');
    expect(resolveRelativePath('products/p/docs/a.md', './img/x.png')).toBe('products/p/docs/img/x.png');
  });

  it('refuses paths that leave the content folder or are absolute', () => {
    expect(resolveRelativePath('products/p/docs/a.md', '../../../../etc/passwd')).toBeUndefined();
    expect(resolveRelativePath('products/p/docs/a.md', '/etc/passwd')).toBeUndefined();
  });

  it('knows doc links from file links', () => {
    expect(isDocPath('../guides/auth.md')).toBe(true);
    expect(isDocPath('./setup.mdx')).toBe(true);
    expect(isDocPath('./guides/')).toBe(true);
    expect(isDocPath('./auth')).toBe(true);
    expect(isDocPath('./img/a.png')).toBe(false);
  });
});

describe('createLinkResolver', () => {
  const resolve = createLinkResolver([
    ['products/p/docs/index.md', '/products/p/docs/'],
    ['products/p/docs/guides/index.mdx', '/products/p/docs/guides/'],
    ['products/p/docs/guides/auth.md', '/products/p/docs/guides/auth/'],
    ['products/p/docs/setup.mdx', '/products/p/docs/setup/'],
  ]);
  const from = 'products/p/docs/guides/auth.md';

  it('maps file links to page URLs in every accepted form', () => {
    expect(resolve('../setup.mdx', from)).toEqual({ url: '/products/p/docs/setup/', file: 'products/p/docs/setup.mdx' });
    expect(resolve('../setup', from)?.url).toBe('/products/p/docs/setup/');
    expect(resolve('./auth.md', from)?.url).toBe('/products/p/docs/guides/auth/');
    expect(resolve('../guides/', from)?.url).toBe('/products/p/docs/guides/');
    expect(resolve('./', 'products/p/docs/index.md')?.url).toBe('/products/p/docs/');
  });

  it('reads a link without extension as a browser does: relative to the linking page URL', () => {
    // auth.md is the page /products/p/docs/guides/auth/, so `..` is its folder's page.
    expect(resolve('..', from)).toEqual({ url: '/products/p/docs/guides/', file: 'products/p/docs/guides/index.mdx' });
    expect(resolve('../../', from)?.url).toBe('/products/p/docs/');
    expect(resolve('../../setup/', from)?.url).toBe('/products/p/docs/setup/');
    expect(resolve('../../guides/auth', from)?.url).toBe('/products/p/docs/guides/auth/');
    expect(resolve('.', from)?.url).toBe('/products/p/docs/guides/auth/');
    // From an index page, page URL and folder coincide.
    expect(resolve('guides/auth/', 'products/p/docs/index.md')?.url).toBe('/products/p/docs/guides/auth/');
    expect(resolve('../../../../../nowhere/', from)).toBeUndefined();
  });

  it('returns undefined for docs that do not exist or lie outside the content folder', () => {
    expect(resolve('../setup.md', from)).toBeUndefined(); // the doc is .mdx
    expect(resolve('../../../../../README.md', from)).toBeUndefined();
    expect(resolveDocFile('nope.md', from, () => true)).toBe('products/p/docs/guides/nope.md');
  });
});

describe('checkLinks', () => {
  const link = (raw: string, url: string, anchor?: string, extra: Partial<DocLink> = {}): DocLink => ({
    raw, url, ...(anchor ? { anchor } : {}), line: 7, column: 3, ...extra,
  });
  const guide = {
    file: 'products/p/docs/guide.md',
    url: '/products/p/docs/guide/',
    headings: [{ depth: 2, id: 'api-keys', text: 'API keys' }],
    ids: ['api-keys', 'user-content-fn-1'],
    links: [] as DocLink[],
  };

  it('accepts links to existing pages and anchors', () => {
    const page = {
      file: 'products/p/docs/index.md', url: '/products/p/docs/', headings: [], ids: [],
      links: [
        link('./guide.md#api-keys', '/products/p/docs/guide/', 'api-keys', { targetFile: guide.file }),
        link('/products/p/docs/guide', '/products/p/docs/guide'),
        link('#user-content-fn-1', '', 'user-content-fn-1'),
      ],
    };
    const self = { ...page, ids: ['user-content-fn-1'] };
    expect(checkLinks([self, guide])).toEqual([]);
  });

  it('reports a missing anchor at the link position, naming the target doc and a likely fix', () => {
    const page = { file: 'products/p/docs/index.md', url: '/products/p/docs/', headings: [], links: [link('./guide.md#api-key', '/products/p/docs/guide/', 'api-key')] };
    expect(checkLinks([page, guide])).toEqual([
      {
        severity: 'error',
        file: 'products/p/docs/index.md',
        line: 7,
        column: 3,
        code: 'broken-link',
        message: 'Broken anchor in "./guide.md#api-key": products/p/docs/guide.md has no heading or id "api-key"; did you mean "#api-keys"?',
      },
    ]);
  });

  it('checks same-page anchors against the page itself', () => {
    const page = { ...guide, links: [link('#nope', '', 'nope')] };
    expect(checkLinks([page])[0]!.message).toBe('Broken anchor in "#nope": this doc has no heading or id "nope"');
  });

  it('checks site-absolute links against known URLs when given, and trusts them otherwise', () => {
    const page = { ...guide, links: [link('/products/p/v1/reference/', '/products/p/v1/reference/'), link('/products/q/', '/products/q/')] };
    expect(checkLinks([page])).toEqual([]);
    const problems = checkLinks([page], { knownUrls: ['/products/p/v1/reference/'] });
    expect(problems.map((p) => p.message)).toEqual(['Broken link "/products/q/": /products/q/ is not a page of this portal']);
  });

  it('matches resolved links that carry the deployment base path', () => {
    const page = { file: 'products/p/docs/index.md', url: '/products/p/docs/', headings: [], links: [link('./guide.md#api-keys', '/portal/products/p/docs/guide/', 'api-keys')] };
    expect(checkLinks([page, guide], { base: '/portal/' })).toEqual([]);
    expect(checkLinks([page, guide])).toHaveLength(1);
  });
});

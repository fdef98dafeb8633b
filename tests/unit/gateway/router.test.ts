/**
 * Kong's router as Atrium models it, one rule per test, with expectations written from Kong's
 * documentation (traditional router "Matching priorities"; expressions language), not from the
 * code under test.
 */
import { describe, expect, it } from 'vitest';
import { readDeck } from '../../../src/lib/gateway/deck.ts';
import { formatExpression, parseExpression, reduce } from '../../../src/lib/gateway/router/expression.ts';
import { translateKongRegex } from '../../../src/lib/gateway/router/regex.ts';
import { routerOf, routesServing } from '../../../src/lib/gateway/router/index.ts';

function serving(doc: unknown, service: string, method: string, path: string): string[] {
  const deck = readDeck(doc);
  const router = routerOf(deck);
  const index = deck.services.find((s) => s.name === service)!.index;
  const routes = router.live.filter((route) => route.deck.service === index);
  return routesServing(routes, router.live, { method, path }).map((found) => found.match.route.label);
}

const svc = (routes: unknown[], extra: Record<string, unknown> = {}) => ({
  _format_version: '3.0',
  services: [{ name: 's', host: 'upstream.internal', routes, ...extra }],
});

describe('expressions language', () => {
  const known = (path: string, method = 'GET', protocol = 'https') =>
    new Map([
      ['http.path', path],
      ['http.method', method],
      ['net.protocol', protocol],
    ]);
  const evaluate = (source: string, path: string, method?: string, protocol?: string) => {
    const parsed = parseExpression(source);
    if (!parsed.ok) throw new Error(parsed.message);
    return reduce(parsed.expression, known(path, method, protocol));
  };

  it('compares with ==, !=, ^=, =^ and ~ (a regex search, not anchored)', () => {
    expect(evaluate('http.path == "/foo"', '/foo')).toBe(true);
    expect(evaluate('http.path == "/foo"', '/foo/bar')).toBe(false);
    expect(evaluate('http.path != "/foo"', '/bar')).toBe(true);
    expect(evaluate('http.path ^= "/foo"', '/foo/bar')).toBe(true);
    expect(evaluate('http.path =^ ".json"', '/a.json')).toBe(true);
    expect(evaluate('http.path ~ "^/users/\\\\d+$"', '/users/42')).toBe(true);
    expect(evaluate('http.path ~ "/\\\\d+$"', '/users/42')).toBe(true);
    expect(evaluate('http.path ~ "^/\\\\d+$"', '/users/42')).toBe(false);
  });

  it('binds && tighter than || and honours parentheses and !( )', () => {
    expect(evaluate('http.method == "POST" && http.path == "/a" || http.path == "/b"', '/b', 'GET')).toBe(true);
    expect(evaluate('http.method == "POST" && (http.path == "/a" || http.path == "/b")', '/b', 'GET')).toBe(false);
    expect(evaluate('!(http.path ^= "/admin")', '/admin/x')).toBe(false);
    expect(evaluate('!(http.path ^= "/admin")', '/public')).toBe(true);
  });

  it('keeps what depends on the host or headers as a condition, and drops what is decided', () => {
    const parsed = parseExpression('http.path ^= "/v1" && (http.host == "a.example.com" || http.headers.x_tenant == "t1")');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const residual = reduce(parsed.expression, known('/v1/items'));
    expect(typeof residual).toBe('object');
    expect(formatExpression(residual as never)).toBe('http.host == "a.example.com" || http.headers.x_tenant == "t1"');
    expect(reduce(parsed.expression, known('/v2/items'))).toBe(false);
  });

  it('reads raw strings, lower(), not in / in with CIDRs, and net.protocol', () => {
    expect(evaluate('lower(http.path) == "/abc"', '/ABC')).toBe(true);
    expect(evaluate('http.path == r#"/a"b"#', '/a"b')).toBe(true);
    expect(evaluate('net.protocol == "http" && http.path == "/x"', '/x', 'GET', 'https')).toBe(false);
    expect(parseExpression('net.src.ip in 10.0.0.0/8 && net.src.ip not in 10.1.0.0/16').ok).toBe(true);
  });

  it('says where an unreadable expression goes wrong', () => {
    expect(parseExpression('http.path == ')).toMatchObject({ ok: false, offset: 13 });
    expect(parseExpression('(http.path == "/a"')).toMatchObject({ ok: false });
    expect(parseExpression('http.path === "/a"')).toMatchObject({ ok: false });
    expect(parseExpression('http.path == "/a" &&')).toMatchObject({ ok: false });
  });
});

describe('route regexes', () => {
  it('anchors at the start only, and keeps named groups', () => {
    const r = translateKongRegex('/flights/(?<flightnumber>[^#?/]+)$');
    expect(r.ok && r.regex.test('/flights/KA123')).toBe(true);
    expect(r.ok && r.regex.test('/x/flights/KA123')).toBe(false);
    const open = translateKongRegex('/status/\\d+');
    expect(open.ok && open.regex.test('/status/200/more')).toBe(true);
  });

  it('translates (?P<name>) and a leading (?i), refuses what JavaScript would read differently', () => {
    const python = translateKongRegex('/u/(?P<id>\\d+)');
    expect(python.ok && python.regex.exec('/u/7')?.groups?.id).toBe('7');
    const insensitive = translateKongRegex('(?i)/Users');
    expect(insensitive.ok && insensitive.regex.test('/users')).toBe(true);
    expect(translateKongRegex('/a(?>b|bc)').ok).toBe(false);
    expect(translateKongRegex('/a++').ok).toBe(false);
    expect(translateKongRegex('/a\\Z').ok).toBe(false);
  });
});

describe('traditional router matching', () => {
  it('matches prefixes, methods and protocols; a route without paths takes every path', () => {
    const doc = svc([
      { name: 'prefix', paths: ['/v1'], methods: ['GET'] },
      { name: 'grpc-only', paths: ['/v1'], protocols: ['grpc'] },
      { name: 'any-path', hosts: ['api.example.com'] },
    ]);
    // prefix has two priority points (methods, paths), any-path one (hosts): prefix is tried
    // first and, matching any host, takes every GET /v1/… any-path would have had.
    expect(serving(doc, 's', 'get', '/v1/items')).toEqual(['prefix']);
    expect(serving(doc, 's', 'post', '/v1/items')).toEqual(['any-path']);
  });

  it('tries routes with more priority points first (methods, hosts, paths, headers, snis)', () => {
    const doc = svc([
      { name: 'paths-only', paths: ['/a'] },
      { name: 'with-header', paths: ['/a'], headers: { 'X-Version': ['2'] } },
    ]);
    // with-header has a point more, but only takes requests carrying the header: both serve.
    expect(serving(doc, 's', 'get', '/a')).toEqual(['with-header', 'paths-only']);
  });

  it('drops a route another route of higher priority takes every request of', () => {
    const doc = svc([
      { name: 'broad', paths: ['/a'], methods: ['GET', 'POST'] },
      { name: 'narrow', paths: ['/a'], hosts: ['x.example.com'] },
    ]);
    // Both have one point; broad has no host so it does not cover narrow… but narrow's host
    // gives it the plain-host bit, so narrow is tried first and broad still serves the rest.
    expect(serving(doc, 's', 'get', '/a')).toEqual(['narrow', 'broad']);
    const shadow = svc([
      { name: 'long', paths: ['/a/b'], strip_path: false },
      { name: 'short', paths: ['/a'], strip_path: false },
    ]);
    expect(serving(shadow, 's', 'get', '/a/b/c')).toEqual(['long']);
    expect(serving(shadow, 's', 'get', '/a/x')).toEqual(['short']);
  });

  it('tries regex paths before prefixes, regexes by regex_priority', () => {
    const doc = svc([
      { name: 'prefix', paths: ['/users'] },
      { name: 'regex-low', paths: ['~/users/\\d+$'], regex_priority: 1 },
      { name: 'regex-high', paths: ['~/users/(?<id>[^/]+)$'], regex_priority: 5 },
    ]);
    // regex-high takes every /users/<x>; regex-low and the prefix are never reached for it.
    expect(serving(doc, 's', 'get', '/users/{id}')).toEqual(['regex-high']);
    expect(serving(doc, 's', 'get', '/users')).toEqual(['prefix']);
  });

  it('puts a route with any wildcard host after one whose hosts are all plain', () => {
    const doc = svc([
      { name: 'mixed', hosts: ['a.example.com', '*.example.net'], paths: ['/x'], strip_path: false },
      { name: 'plain', hosts: ['b.example.com'], paths: ['/x'], strip_path: false },
    ]);
    expect(serving(doc, 's', 'get', '/x')).toEqual(['plain', 'mixed']);
  });

  it('compares an expression route\'s priority with traditional routes as one number (expressions router)', () => {
    // Traditional `/a` with paths only: 1 point << 61, far above a small expression priority.
    const doc = svc([
      { name: 'expr', expression: 'http.path ^= "/a"', priority: 100, strip_path: false },
      { name: 'classic', paths: ['/a'], strip_path: false },
    ]);
    expect(serving(doc, 's', 'get', '/a/b')).toEqual(['classic']);
    const high = svc([
      { name: 'expr', expression: 'http.path ^= "/a"', priority: 2 ** 62, strip_path: false },
      { name: 'classic', paths: ['/a'], strip_path: false },
    ]);
    expect(serving(high, 's', 'get', '/a/b')).toEqual(['expr']);
  });

  it('does not decide between routes of equal priority (Kong leaves it undefined)', () => {
    const doc = svc([
      { name: 'one', paths: ['~/health$'], methods: ['GET'] },
      { name: 'two', paths: ['~/health$'], methods: ['GET'] },
    ]);
    expect(serving(doc, 's', 'get', '/health')).toEqual(['one', 'two']);
  });

  it('with strip_path (the default), a prefix route serves spec paths behind its prefix', () => {
    const doc = svc([{ name: 'v1', paths: ['/v1/'] }]);
    const deck = readDeck(doc);
    const router = routerOf(deck);
    const [found] = routesServing(router.live, router.live, { method: 'get', path: '/items/{id}' });
    expect(found?.paths).toEqual(['/v1/items/{id}']);
    const kept = readDeck(svc([{ name: 'v1', paths: ['/v1'], strip_path: false }]));
    expect(routesServing(routerOf(kept).live, routerOf(kept).live, { method: 'get', path: '/items' })).toEqual([]);
    expect(routesServing(routerOf(kept).live, routerOf(kept).live, { method: 'get', path: '/v1/items' })[0]?.paths).toEqual(['/v1/items']);
  });

  it('finds the same serving routes through the candidate index as by trying every route', () => {
    const deck = readDeck(
      svc([
        { name: 'root', paths: ['/'], methods: ['GET', 'POST'], strip_path: false },
        { name: 'pa', paths: ['/pa'], strip_path: false },
        { name: 'alt', paths: ['~/(pab|x)/?'], regex_priority: 3, strip_path: false },
        { name: 'digits', paths: ['~/\\d+'], strip_path: false },
        { name: 'expr', expression: 'http.path ^= "/pab/c"', strip_path: false },
        { name: 'anywhere', hosts: ['h.example.com'], strip_path: false },
      ]),
    );
    const router = routerOf(deck);
    for (const path of ['/pab/c', '/pa', '/x/1', '/12', '/zzz', '/']) {
      for (const method of ['get', 'post', 'delete']) {
        const all = routesServing(router.live, router.live, { method, path }).map((s) => s.match.route.label);
        const indexed = routesServing(router.live, router.candidates, { method, path }).map((s) => s.match.route.label);
        expect(indexed, `${method} ${path}`).toEqual(all);
      }
    }
    const labels = (method: string) => routesServing(router.live, router.candidates, { method, path: '/pab/c' }).map((s) => s.match.route.label);
    // GET: root has two points (methods, paths) and any host: it takes everything.
    expect(labels('get')).toEqual(['root']);
    // DELETE: anywhere (hosts, plain) first but host-bound; alt (regex) takes the rest of pa's and expr's.
    expect(labels('delete')).toEqual(['anywhere', 'alt']);
  });

  it('serves nothing of a disabled service', () => {
    const doc = svc([{ name: 'r', paths: ['/'] }], { enabled: false });
    expect(serving(doc, 's', 'get', '/anything')).toEqual([]);
  });

  it('reads format 1.1 regex paths without `~`, and warns about a 3.0 path that looks like one', () => {
    const legacy = readDeck({ _format_version: '1.1', services: [{ name: 's', host: 'h', routes: [{ name: 'r', paths: ['/status/\\d+'] }] }] });
    expect(routerOf(legacy).routes[0]!.paths).toMatchObject([{ kind: 'regex', path: '~/status/\\d+' }]);
    const modern = readDeck({ _format_version: '3.0', services: [{ name: 's', host: 'h', routes: [{ name: 'r', paths: ['/status/\\d+'] }] }] });
    expect(routerOf(modern).routes[0]!.paths).toMatchObject([{ kind: 'prefix', path: '/status/\\d+' }]);
    expect(routerOf(modern).problems.map((p) => p.message)).toEqual([expect.stringContaining('looks like a regex but has no `~`')]);
  });

  it('applies `_info.defaults` to routes that leave a field out', () => {
    const deck = readDeck({
      _format_version: '3.0',
      _info: { defaults: { route: { protocols: ['https'], strip_path: false } } },
      services: [{ name: 's', host: 'h', routes: [{ name: 'r', paths: ['/a'] }, { name: 'both', paths: ['/b'], protocols: ['http', 'https'] }] }],
    });
    expect(deck.routes.map((r) => [r.name, r.protocols, r.strip_path])).toEqual([
      ['r', ['https'], false],
      ['both', ['http', 'https'], false],
    ]);
  });
});

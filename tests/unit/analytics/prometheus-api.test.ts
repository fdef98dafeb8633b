/** The query-API client: retries with backoff, refusals that name URL and status, headers never shown. */
import { describe, expect, it } from 'vitest';
import { parseHeader, PrometheusApi, PrometheusApiError, shownUrl } from '../../../src/lib/analytics/prometheus-api.ts';

const TOKEN = 'tok-9d8e7f6a5b4c';
const ok = (data: unknown) => new Response(JSON.stringify({ status: 'success', data }), { status: 200 });

function client(responses: (Response | Error)[], waits: number[] = [], seen: RequestInit[] = []) {
  return new PrometheusApi({
    url: 'https://user:pw@mimir.example/prometheus/',
    headers: { Authorization: `Bearer ${TOKEN}`, 'X-Scope-OrgID': 'team-a' },
    backoffMs: 100,
    attempts: 4,
    fetch: (async (_url: string, init: RequestInit) => {
      seen.push(init);
      const next = responses.shift()!;
      if (next instanceof Error) throw next;
      return next;
    }) as typeof fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

describe('PrometheusApi', () => {
  it('retries network errors and 503 with exponential backoff, honouring Retry-After, and sends the headers', async () => {
    const waits: number[] = [];
    const seen: RequestInit[] = [];
    const api = client(
      [
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }),
        new Response('busy', { status: 503 }),
        new Response('slow down', { status: 429, headers: { 'retry-after': '3' } }),
        ok(['service', 'code']),
      ],
      waits,
      seen,
    );
    expect(await api.labels(0, 3_600_000)).toEqual(['service', 'code']);
    expect(waits).toEqual([100, 200, 3000]);
    expect(api.requests).toBe(4);
    expect(seen[0]!.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}`, 'X-Scope-OrgID': 'team-a' });
  });

  it('names the URL and the status when refused, without credentials, query or header values', async () => {
    const api = client([new Response(JSON.stringify({ status: 'error', error: `bad token ${TOKEN}` }), { status: 401 })]);
    const error = (await api.labels(0, 1).catch((e) => e)) as PrometheusApiError;
    expect(error).toBeInstanceOf(PrometheusApiError);
    expect(error.message).toBe(
      'https://mimir.example/prometheus/api/v1/labels refused the request: HTTP 401: bad token [redacted] (check the credentials given with --header)',
    );
    expect(error.status).toBe(401);
  });

  it('gives up after the last attempt and says why', async () => {
    const api = client([503, 503, 503, 503].map((s) => new Response('', { status: s })));
    await expect(api.series(['kong_http_requests_total'], 0, 1)).rejects.toThrow(
      'https://mimir.example/prometheus/api/v1/series failed after 4 attempts: HTTP 503',
    );
  });

  it('reads matrices as epoch ms and numbers, and refuses what is not one', async () => {
    const api = client([
      ok({ resultType: 'matrix', result: [{ metric: { __name__: 'm', service: 's' }, values: [[1763546400.5, '12']] }] }),
      ok({ resultType: 'vector', result: [] }),
    ]);
    expect(await api.matrix('m[1h]', 1763546400000)).toEqual([{ labels: { __name__: 'm', service: 's' }, samples: [[1763546400500, 12]] }]);
    await expect(api.matrix('m', 0)).rejects.toThrow(/not with a matrix/);
  });

  it('parses --header without ever echoing the value', () => {
    expect(parseHeader(`Authorization: Bearer ${TOKEN}`)).toEqual({ name: 'Authorization', value: `Bearer ${TOKEN}` });
    expect(parseHeader(`Bearer ${TOKEN}`)).not.toContain(TOKEN);
    expect(parseHeader('X-Scope-OrgID:')).toMatch(/X-Scope-OrgID: the value must be one non-empty line/);
    expect(shownUrl('http://a:b@h:9090/p?x=1#f')).toBe('http://h:9090/p');
  });
});

describe('PrometheusApi answers', () => {
  it('refuses an answer larger than it can hold, and retries one that broke off', async () => {
    const huge = new Response('{}', { status: 200, headers: { 'content-length': String(2 ** 30) } });
    await expect(client([huge]).labels(0, 1)).rejects.toThrow(/answered with more than 256 MiB/);
    const broken = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"status":"succ'));
          controller.error(new Error('socket hang up'));
        },
      }),
      { status: 200 },
    );
    const waits: number[] = [];
    expect(await client([broken, ok(['service'])], waits).labels(0, 1)).toEqual(['service']);
    expect(waits).toEqual([100]);
  });
});

/**
 * A client of the Prometheus HTTP query API (`/api/v1/query`, `/api/v1/series`,
 * `/api/v1/labels`), as Prometheus, Thanos, Mimir and VictoriaMetrics serve it. The base URL
 * may carry a path prefix (Mimir's `/prometheus`).
 *
 * Each request has a timeout; a request that fails on the way (network error, timeout) or
 * is turned away for now (429, 502, 503, 504) is retried with exponential backoff, honouring
 * `Retry-After`. Any other refusal is a PrometheusApiError naming the URL (without query,
 * credentials in it, or the headers) and the HTTP status.
 *
 * Headers given by the user (bearer tokens, `X-Scope-OrgID`) are sent and never printed:
 * no message of this module contains them, and an error text from the server has them
 * blanked out in case it echoes them.
 */

export interface PrometheusApiOptions {
  /** Base URL, e.g. `http://prometheus:9090` or `https://mimir.example/prometheus`. */
  url: string;
  headers?: Record<string, string>;
  /** Per request, milliseconds. Default 60 s. */
  timeoutMs?: number;
  /** Attempts per request (first try included). Default 5. */
  attempts?: number;
  /** First backoff, milliseconds; doubled on each retry. Default 500. */
  backoffMs?: number;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export class PrometheusApiError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'PrometheusApiError';
    this.status = status;
  }
}

/** A series: its labels (with `__name__`) and raw samples `[epoch ms, value]`. */
export interface MatrixSeries {
  labels: Record<string, string>;
  samples: [number, number][];
}

const RETRYABLE = new Set([429, 502, 503, 504]);
/** An answer larger than this is refused (chunks are sized for a few MiB), so memory stays bounded. */
const MAX_ANSWER_BYTES = 256 * 2 ** 20;
/** Above this URL length a request is sent as a POST form instead (every engine accepts both). */
const MAX_GET_URL = 4000;

/** The URL as it may be shown: no user, password, query or fragment. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '(the --prometheus URL)';
  }
}

/** `Name: value` as given to `--header`; an error message (without the value) otherwise. */
export function parseHeader(text: string): { name: string; value: string } | string {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    return '--header must be "Name: value" with a header name before the colon';
  }
  const value = text.slice(colon + 1).trim();
  if (value === '' || /[\r\n\0]/.test(value)) return `--header ${name}: the value must be one non-empty line`;
  return { name, value };
}

export class PrometheusApi {
  readonly base: string;
  /** Requests sent (retries included). */
  requests = 0;
  private readonly options: Required<Omit<PrometheusApiOptions, 'headers' | 'url'>> & { headers: Record<string, string> };

  constructor(options: PrometheusApiOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new PrometheusApiError(`--prometheus must be an http(s) URL, not "${shownUrl(options.url)}"`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new PrometheusApiError(`--prometheus must be an http(s) URL (got ${base.protocol})`);
    }
    this.base = options.url.replace(/\/+$/, '');
    this.options = {
      headers: options.headers ?? {},
      timeoutMs: options.timeoutMs ?? 60_000,
      attempts: options.attempts ?? 5,
      backoffMs: options.backoffMs ?? 500,
      fetch: options.fetch ?? fetch,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  /** Label names of series in [start, end] (epoch ms). */
  async labels(start: number, end: number): Promise<string[]> {
    const data = await this.call('/api/v1/labels', [['start', seconds(start)], ['end', seconds(end)]]);
    if (!Array.isArray(data) || data.some((d) => typeof d !== 'string')) throw this.malformed('/api/v1/labels', 'a list of label names');
    return data as string[];
  }

  /** Label sets of the series matching any of `matchers` in [start, end]. */
  async series(matchers: string[], start: number, end: number): Promise<Record<string, string>[]> {
    const params: [string, string][] = matchers.map((m) => ['match[]', m]);
    params.push(['start', seconds(start)], ['end', seconds(end)]);
    const data = await this.call('/api/v1/series', params);
    if (!Array.isArray(data) || data.some((d) => typeof d !== 'object' || d === null)) {
      throw this.malformed('/api/v1/series', 'a list of label sets');
    }
    return data as Record<string, string>[];
  }

  /** An expression giving a range vector (a range selector or a subquery), evaluated at `time`. */
  async matrix(query: string, time: number): Promise<MatrixSeries[]> {
    const data = (await this.call('/api/v1/query', [['query', query], ['time', seconds(time)]])) as {
      resultType?: string;
      result?: unknown;
    };
    if (!data || data.resultType !== 'matrix' || !Array.isArray(data.result)) {
      throw this.malformed('/api/v1/query', 'a matrix (range vector)');
    }
    const out: MatrixSeries[] = [];
    for (const item of data.result as { metric?: unknown; values?: unknown }[]) {
      if (typeof item?.metric !== 'object' || item.metric === null || !Array.isArray(item.values)) {
        throw this.malformed('/api/v1/query', 'series with `metric` and `values`');
      }
      const samples: [number, number][] = [];
      for (const pair of item.values as unknown[]) {
        if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') {
          throw this.malformed('/api/v1/query', '`values` of [time, "value"] pairs');
        }
        samples.push([Math.round(pair[0] * 1000), Number(pair[1])]);
      }
      out.push({ labels: item.metric as Record<string, string>, samples });
    }
    return out;
  }

  /** An expression giving an instant vector, evaluated at `time`: labels and value per series. */
  async vector(query: string, time: number): Promise<{ labels: Record<string, string>; value: number }[]> {
    const data = (await this.call('/api/v1/query', [['query', query], ['time', seconds(time)]])) as {
      resultType?: string;
      result?: unknown;
    };
    if (!data || data.resultType !== 'vector' || !Array.isArray(data.result)) {
      throw this.malformed('/api/v1/query', 'an instant vector');
    }
    return (data.result as { metric?: unknown; value?: unknown }[]).map((item) => {
      if (typeof item?.metric !== 'object' || item.metric === null || !Array.isArray(item.value) || typeof item.value[1] !== 'string') {
        throw this.malformed('/api/v1/query', 'series with `metric` and `value`');
      }
      return { labels: item.metric as Record<string, string>, value: Number(item.value[1]) };
    });
  }

  private malformed(path: string, expected: string): PrometheusApiError {
    return new PrometheusApiError(`${shownUrl(this.base + path)} answered, but not with ${expected}; is this a Prometheus-compatible API?`);
  }

  /** Blanks header values out of a server's text, whole and word by word (`Bearer <token>`). */
  private redact(text: string): string {
    let out = text;
    const secrets = Object.values(this.options.headers).flatMap((v) => [v, ...v.split(/\s+/).filter((w) => w.length >= 6)]);
    for (const secret of secrets.sort((a, b) => b.length - a.length)) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  }

  private async call(path: string, params: [string, string][]): Promise<unknown> {
    const url = this.base + path;
    const query = new URLSearchParams(params).toString();
    const asGet = url.length + 1 + query.length <= MAX_GET_URL;
    const { attempts, backoffMs, timeoutMs, headers } = this.options;
    let lastProblem = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let wait = backoffMs * 2 ** (attempt - 1);
      this.requests++;
      let response: Response;
      try {
        response = await this.options.fetch(asGet ? `${url}?${query}` : url, {
          method: asGet ? 'GET' : 'POST',
          headers: asGet
            ? { accept: 'application/json', ...headers }
            : { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: asGet ? undefined : query,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const e = error as Error & { cause?: { code?: string; message?: string } };
        lastProblem =
          e.name === 'TimeoutError'
            ? `no answer within ${Math.round(timeoutMs / 1000)} s`
            : `cannot connect (${e.cause?.code ?? e.cause?.message ?? e.message})`;
        if (attempt < attempts) await this.options.sleep(wait);
        continue;
      }
      let text: string | undefined;
      try {
        text = await readCapped(response, MAX_ANSWER_BYTES);
      } catch (error) {
        // The answer broke off (connection reset, timeout while reading): worth another try.
        lastProblem = `the answer broke off (${(error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message})`;
        if (attempt < attempts) await this.options.sleep(wait);
        continue;
      }
      if (text === undefined) {
        throw new PrometheusApiError(
          `${shownUrl(url)} answered with more than ${MAX_ANSWER_BYTES / 2 ** 20} MiB; ` +
            'is a `service` label shared by far more series than Kong writes?',
        );
      }
      if (response.ok) {
        let body: { status?: string; data?: unknown; error?: string };
        try {
          body = JSON.parse(text);
        } catch {
          throw new PrometheusApiError(`${shownUrl(url)} answered HTTP ${response.status} but not with JSON; is this a Prometheus-compatible API?`);
        }
        if (body.status !== 'success') {
          throw new PrometheusApiError(`${shownUrl(url)} refused the query: ${this.redact(String(body.error ?? body.status)).slice(0, 300)}`);
        }
        return body.data;
      }
      let reason = '';
      try {
        const body = JSON.parse(text) as { error?: string };
        if (typeof body.error === 'string') reason = body.error;
      } catch {
        reason = text.trim().split('\n')[0] ?? '';
      }
      lastProblem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${reason ? `: ${this.redact(reason).slice(0, 300)}` : ''}`;
      if (!RETRYABLE.has(response.status)) {
        const hint =
          response.status === 401 || response.status === 403
            ? ' (check the credentials given with --header)'
            : response.status === 404
              ? ' (check --prometheus: it should be the URL that /api/v1/query is under)'
              : '';
        throw new PrometheusApiError(`${shownUrl(url)} refused the request: ${lastProblem}${hint}`, response.status);
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) wait = Math.min(30_000, retryAfter * 1000);
      if (attempt < attempts) await this.options.sleep(wait);
    }
    throw new PrometheusApiError(`${shownUrl(url)} failed after ${attempts} attempts: ${lastProblem}`);
  }
}

/** Epoch ms as the API's seconds (milliseconds kept). */
function seconds(epochMs: number): string {
  return (epochMs / 1000).toFixed(3);
}

/** The body as text, or undefined when it is longer than `maxBytes` (reading stops there). */
async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      await response.body.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

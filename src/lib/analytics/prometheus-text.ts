/**
 * Prometheus text exposition format (version 0.0.4, what Kong's prometheus plugin serves),
 * one line at a time: `name{label="value",…} value [timestamp_ms]`, `# HELP`/`# TYPE`
 * comments, and Atrium's own `# atrium-scrape-time: <ISO time | epoch ms>` marker, which
 * says when the samples after it were scraped (see ingest-prometheus.ts).
 */

export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Epoch ms, when the sample carries its own timestamp. */
  timestamp?: number;
}

export type PrometheusLine =
  | { kind: 'sample'; sample: PrometheusSample }
  | { kind: 'scrape-time'; time: number }
  | { kind: 'other' }
  | { kind: 'error'; reason: string };

const SCRAPE_TIME = /^#\s*atrium-scrape-time:\s*(.*?)\s*$/;
const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;

/** `2026-11-20T10:00:00Z` or epoch milliseconds. */
export function parseTimeText(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  // Require a date and a time with an explicit zone, so a local-time string cannot sneak in.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

function parseValue(text: string): number | undefined {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

export function parsePrometheusLine(raw: string): PrometheusLine {
  const text = raw.trim();
  if (text === '') return { kind: 'other' };
  if (text.startsWith('#')) {
    const m = SCRAPE_TIME.exec(text);
    if (!m) return { kind: 'other' };
    const time = parseTimeText(m[1]!);
    return time === undefined
      ? { kind: 'error', reason: `atrium-scrape-time "${m[1]}" is not an ISO time with a zone or epoch milliseconds` }
      : { kind: 'scrape-time', time };
  }
  NAME.lastIndex = 0;
  const name = NAME.exec(text)?.[0];
  if (!name) return { kind: 'error', reason: 'not a metric sample (expected `name{labels} value`)' };
  let i = name.length;
  const labels: Record<string, string> = {};
  if (text[i] === '{') {
    i++;
    for (;;) {
      while (text[i] === ' ') i++;
      if (text[i] === '}') {
        i++;
        break;
      }
      LABEL_NAME.lastIndex = i;
      const label = LABEL_NAME.exec(text)?.[0];
      if (!label) return { kind: 'error', reason: `bad label name at column ${i + 1}` };
      i += label.length;
      while (text[i] === ' ') i++;
      if (text[i] !== '=' || text[i + 1] !== '"') return { kind: 'error', reason: `expected ="…" after label ${label}` };
      i += 2;
      let value = '';
      for (;;) {
        const c = text[i];
        if (c === undefined) return { kind: 'error', reason: `unterminated value of label ${label}` };
        i++;
        if (c === '"') break;
        if (c === '\\') {
          const e = text[i++];
          value += e === 'n' ? '\n' : (e ?? '');
        } else {
          value += c;
        }
      }
      labels[label] = value;
      while (text[i] === ' ') i++;
      if (text[i] === ',') i++;
      else if (text[i] !== '}') return { kind: 'error', reason: `expected , or } after label ${label}` };
    }
  }
  const rest = text.slice(i).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === '') {
    return { kind: 'error', reason: 'expected a value and an optional timestamp after the metric' };
  }
  const value = parseValue(rest[0]!);
  if (value === undefined) return { kind: 'error', reason: `"${rest[0]}" is not a number` };
  const sample: PrometheusSample = { name, labels, value };
  if (rest.length === 2) {
    if (!/^-?\d+$/.test(rest[1]!)) return { kind: 'error', reason: `timestamp "${rest[1]}" is not epoch milliseconds` };
    sample.timestamp = Number(rest[1]);
  }
  return { kind: 'sample', sample };
}

/** A series' canonical name: `name{a="1",b="2"}` with labels sorted, values escaped. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return name;
  const body = keys
    .map((k) => `${k}="${labels[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
  return `${name}{${body}}`;
}

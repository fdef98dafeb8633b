/**
 * The analytics page body and the compact summary shown on product and version pages.
 *
 * Everything reads without JavaScript: figures as cards and tables, the traffic shape as a
 * static SVG with a data table behind a disclosure. Each window also has a hidden `<canvas>`
 * and its series as JSON; src/client/analytics-charts.ts loads Chart.js on demand, draws
 * into the canvas and only then hides the SVG.
 */
import { html, raw, type SafeHtml } from '../html.ts';
import { formatCount, formatMs, formatPercent, formatRate, formatUtc } from './format.ts';
import { STATUS_CLASSES, type Metrics } from './metrics.ts';
import { WINDOWS, type AnalyticsSummary, type ProductReport, type ProductSeries, type WindowSpec } from './report.ts';
import { renderSparkline } from './sparkline.ts';
import { renderDeprecatedTraffic, renderOperationRankings, type DeprecatedVersionTraffic } from './operation-traffic.ts';

export interface DashboardOptions {
  /** Links to the downloads, relative to the page. */
  jsonUrl?: string;
  csvUrl?: string;
  /** Prefix of element ids, so the markup can sit in a page with other ids. */
  idPrefix?: string;
  /** Level of the window headings (2 by default; the rest nest below it). */
  headingLevel?: 2 | 3;
  /** Some traffic was read from Prometheus: say how its latency percentiles are estimated. */
  latencyFromHistograms?: boolean;
  /** Deprecated versions with traffic (consumer counts only for the internal audience). */
  deprecated?: readonly DeprecatedVersionTraffic[];
}

const LATENCIES = [
  { key: 'response', label: 'Response', hint: 'whole request, as the client saw it' },
  { key: 'upstream', label: 'Upstream', hint: 'the API service behind Kong; requests Kong answered itself are left out' },
  { key: 'kong', label: 'Kong', hint: 'time spent in the gateway (routing, plugins)' },
] as const;

function heading(level: number, id: string, text: string): SafeHtml {
  return html`${raw(`<h${level} id="`)}${id}${raw('">')}${text}${raw(`</h${level}>`)}`;
}

/** JSON safe inside a <script> element (no `</script>`, no `<!--`). */
function scriptJson(value: unknown): SafeHtml {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

function cards(m: Metrics, spec: WindowSpec): SafeHtml {
  const items: [string, string][] = [
    ['Requests', formatCount(m.request_count)],
    ['Requests per minute', formatRate(m.request_count, spec.hours)],
    ['Error rate', formatPercent(m.error_rate)],
    ['p95 response latency', formatMs(m.response_latency_p95)],
  ];
  return html`<dl class="atrium-analytics__cards">${items.map(
    ([label, value]) => html`<div class="atrium-analytics__card"><dt>${label}</dt><dd>${value}</dd></div>`,
  )}</dl>`;
}

function statusBreakdown(m: Metrics, id: string, level: number): SafeHtml {
  const total = m.request_count;
  let x = 0;
  const segments = STATUS_CLASSES.map((c) => {
    const width = total > 0 ? (m.status_code_grouped[c] / total) * 100 : 0;
    const rect = html`<rect class="atrium-status--${c.toLowerCase()}" x="${(Math.round(x * 100) / 100).toString()}" y="0" width="${(Math.round(width * 100) / 100).toString()}" height="10"/>`;
    x += width;
    return rect;
  });
  return html`<div class="atrium-analytics__status">
${heading(level, id, 'Status codes')}
<svg class="atrium-analytics__status-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">${segments}</svg>
<div class="atrium-analytics__scroll" tabindex="0"><table class="atrium-analytics__table">
<thead><tr><th scope="col">Status class</th><th scope="col">Requests</th><th scope="col">Share</th></tr></thead>
<tbody>${STATUS_CLASSES.map(
    (c) =>
      html`<tr><th scope="row"><span class="atrium-status-swatch atrium-status--${c.toLowerCase()}" aria-hidden="true"></span>${c}</th><td>${formatCount(m.status_code_grouped[c])}</td><td>${formatPercent(total > 0 ? m.status_code_grouped[c] / total : 0)}</td></tr>`,
  )}</tbody>
</table></div>
</div>`;
}

function latencyTable(m: Metrics, id: string, level: number): SafeHtml {
  return html`<div class="atrium-analytics__latency">
${heading(level, id, 'Latency')}
<div class="atrium-analytics__scroll" tabindex="0"><table class="atrium-analytics__table">
<thead><tr><th scope="col">Latency</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">p99</th><th scope="col">Average</th></tr></thead>
<tbody>${LATENCIES.map(
    (l) =>
      html`<tr><th scope="row">${l.label} <span class="atrium-analytics__hint">(${l.hint})</span></th><td>${formatMs(m[`${l.key}_latency_p50`])}</td><td>${formatMs(m[`${l.key}_latency_p95`])}</td><td>${formatMs(m[`${l.key}_latency_p99`])}</td><td>${formatMs(m[`${l.key}_latency_average`])}</td></tr>`,
  )}</tbody>
</table></div>
</div>`;
}

function metricCells(m: Metrics): SafeHtml {
  return html`<td>${formatCount(m.request_count)}</td><td>${formatPercent(m.error_rate)}</td><td>${formatMs(m.response_latency_p50)}</td><td>${formatMs(m.response_latency_p95)}</td><td>${formatMs(m.response_latency_p99)}</td><td>${formatMs(m.response_latency_average)}</td>`;
}

const METRIC_HEADERS = html`<th scope="col">Requests</th><th scope="col">Error rate</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">p99</th><th scope="col">Average</th>`;

function versionTables(report: ProductReport, spec: WindowSpec, id: string, level: number): SafeHtml {
  const versions = Object.entries(report.windows[spec.name].versions);
  if (versions.length === 0) return html``;
  return html`<div class="atrium-analytics__versions">
${heading(level, `${id}-versions`, 'By version')}
<div class="atrium-analytics__scroll" tabindex="0"><table class="atrium-analytics__table">
<thead><tr><th scope="col">Version</th>${METRIC_HEADERS}</tr></thead>
<tbody>${versions.map(([name, v]) => html`<tr><th scope="row">${name}</th>${metricCells(v.total)}</tr>`)}</tbody>
</table></div>
</div>
<div class="atrium-analytics__environments">
${heading(level, `${id}-environments`, 'By environment')}
<div class="atrium-analytics__scroll" tabindex="0"><table class="atrium-analytics__table">
<thead><tr><th scope="col">Version</th><th scope="col">Environment</th>${METRIC_HEADERS}</tr></thead>
<tbody>${versions.flatMap(([name, v]) =>
    Object.entries(v.environments).map(
      ([env, m]) => html`<tr><th scope="row">${name}</th><th scope="row">${env}</th>${metricCells(m)}</tr>`,
    ),
  )}</tbody>
</table></div>
<p class="atrium-analytics__hint">Latency columns are response latency. A service linked by several versions counts once in the product total.</p>
</div>`;
}

function trafficFigure(series: ProductSeries, spec: WindowSpec, id: string): SafeHtml {
  const points = series[spec.name].points;
  if (points.length === 0) return html``;
  const unit = spec.stepHours === 1 ? 'hour' : 'day';
  const title = `Requests and errors per ${unit}, ${spec.label.toLowerCase()}`;
  return html`<figure class="atrium-analytics__chart">
<figcaption id="${id}-caption">${title} <span class="atrium-analytics__legend"><span class="atrium-legend atrium-legend--requests">requests</span> <span class="atrium-legend atrium-legend--errors">errors (4xx + 5xx)</span></span></figcaption>
<div class="atrium-analytics__chart-static" data-atrium-chart-fallback="${spec.name}">${renderSparkline(points, { id: `${id}-spark`, title })}
<p class="atrium-analytics__axis"><span>${formatUtc(points[0]!.start)}</span><span>${formatUtc(points[points.length - 1]!.start)}</span></p></div>
<div class="atrium-analytics__chart-canvas" hidden><canvas data-atrium-chart="${spec.name}" role="img" aria-labelledby="${id}-caption"></canvas></div>
<script type="application/json" data-atrium-series="${spec.name}">${scriptJson(series[spec.name])}</script>
<details class="atrium-analytics__data">
<summary>Data table</summary>
<div class="atrium-analytics__scroll" tabindex="0"><table class="atrium-analytics__table">
<caption>${title}</caption>
<thead><tr><th scope="col">From (UTC)</th><th scope="col">Requests</th><th scope="col">Errors</th><th scope="col">p95 response latency</th></tr></thead>
<tbody>${points.map(
    (p) =>
      html`<tr><th scope="row"><time datetime="${p.start}">${formatUtc(p.start)}</time></th><td>${formatCount(p.requests)}</td><td>${formatCount(p.errors)}</td><td>${formatMs(p.response_latency_p95)}</td></tr>`,
  )}</tbody>
</table></div>
</details>
</figure>`;
}

function windowSection(
  report: ProductReport,
  series: ProductSeries,
  spec: WindowSpec,
  prefix: string,
  level: number,
): SafeHtml {
  const id = `${prefix}-${spec.name}`;
  const m = report.windows[spec.name].total;
  return html`<section class="atrium-analytics__window" id="${id}" aria-labelledby="${id}-title">
${heading(level, `${id}-title`, spec.label)}
${cards(m, spec)}
${trafficFigure(series, spec, id)}
<div class="atrium-analytics__grid">
${statusBreakdown(m, `${id}-status`, level + 1)}
${latencyTable(m, `${id}-latency`, level + 1)}
</div>
${versionTables(report, spec, id, level + 1)}
${renderOperationRankings(report, spec.name, (hid, text) => heading(level + 1, hid, text), id)}
</section>`;
}

export function renderAnalyticsDashboard(
  report: ProductReport,
  series: ProductSeries,
  options: DashboardOptions = {},
): string {
  const prefix = options.idPrefix ?? 'analytics';
  const level = options.headingLevel ?? 2;
  const downloads = html`<a href="${options.jsonUrl ?? 'report.json'}" download>report.json</a> · <a href="${options.csvUrl ?? 'report.csv'}" download>report.csv</a>`;
  if (report.newest === null) {
    return html`<div class="atrium-analytics atrium-analytics--empty">
<p>No traffic has been recorded for this product yet. Ingest Kong logs with <code>atrium analytics ingest</code>.</p>
<p class="atrium-analytics__downloads">Download ${downloads}</p>
</div>`.toString();
  }
  return html`<div class="atrium-analytics" data-atrium-analytics>
<p class="atrium-analytics__meta">Windows end at the newest data point, <time datetime="${report.newest}">${formatUtc(report.newest)}</time>. Download ${downloads}</p>
${options.latencyFromHistograms ? html`<p class="atrium-analytics__hint">Traffic read from Prometheus: request counts are exact; latency percentiles come from Kong's histogram buckets, interpolated within a bucket, so they are only as fine as the bucket bounds (averages are exact).</p>` : html``}
${renderDeprecatedTraffic(options.deprecated ?? [])}
<nav class="atrium-analytics__nav" aria-label="Analytics windows"><ul>${WINDOWS.map(
    (w) => html`<li><a href="#${prefix}-${w.name}">${w.label}</a></li>`,
  )}</ul></nav>
${WINDOWS.map((w) => windowSection(report, series, w, prefix, level))}
</div>`.toString();
}

/** Requests, error rate and p95 with a link to the analytics page. */
export function renderAnalyticsSummary(summary: AnalyticsSummary | undefined, url: string): string {
  if (!summary) {
    return html`<div class="atrium-analytics-summary atrium-analytics-summary--empty"><p>No recent traffic recorded. <a href="${url}">Analytics</a></p></div>`.toString();
  }
  const label = WINDOWS.find((w) => w.name === summary.window)!.label.toLowerCase();
  return html`<div class="atrium-analytics-summary">
<dl class="atrium-analytics__cards">
<div class="atrium-analytics__card"><dt>Requests <span class="atrium-analytics__hint">(${label})</span></dt><dd>${formatCount(summary.request_count)}</dd></div>
<div class="atrium-analytics__card"><dt>Error rate</dt><dd>${formatPercent(summary.error_rate)}</dd></div>
<div class="atrium-analytics__card"><dt>p95 response latency</dt><dd>${formatMs(summary.response_latency_p95)}</dd></div>
</dl>
<p><a href="${url}">Traffic, errors and latency in detail</a></p>
</div>`.toString();
}

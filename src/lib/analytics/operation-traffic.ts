/**
 * Per-operation analytics as pages show them (DESIGN §4b): an operation's own figures for the
 * operation page, the busiest and slowest operations of a version for the analytics page, and
 * how much a deprecated version is still called. Computed from report.json's `operations`, so
 * a page never says more than the report does.
 */
import { html, type SafeHtml } from '../html.ts';
import { formatCount, formatMs, formatPercent } from './format.ts';
import type { Metrics } from './metrics.ts';
import { operationKey, UNMATCHED } from './operation-matcher.ts';
import { WINDOWS, type AnalyticsSummary, type ProductReport, type VersionReport, type WindowName } from './report.ts';

/** An operation's requests, error rate and p95 in a window (30 days by default); undefined without traffic. */
export function operationSummary(
  report: ProductReport,
  version: string,
  operation: { method: string; path: string },
  window: WindowName = '30d',
): AnalyticsSummary | undefined {
  const m = report.windows[window].versions[version]?.operations[operationKey(operation.method, operation.path)];
  if (!m || m.request_count === 0) return undefined;
  return { window, request_count: m.request_count, error_rate: m.error_rate, response_latency_p95: m.response_latency_p95 };
}

export interface RankedOperation {
  operation: string;
  metrics: Metrics;
}

function ranked(version: VersionReport): RankedOperation[] {
  return Object.entries(version.operations)
    .filter(([key]) => key !== UNMATCHED)
    .map(([operation, metrics]) => ({ operation, metrics }));
}

const byName = (a: RankedOperation, b: RankedOperation) => (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0);

/** Most requests first (ties by name). */
export function busiestOperations(version: VersionReport, limit = 5): RankedOperation[] {
  return ranked(version)
    .sort((a, b) => b.metrics.request_count - a.metrics.request_count || byName(a, b))
    .slice(0, limit);
}

/** Highest p95 response latency first (ties by name). */
export function slowestOperations(version: VersionReport, limit = 5): RankedOperation[] {
  return ranked(version)
    .sort((a, b) => b.metrics.response_latency_p95 - a.metrics.response_latency_p95 || byName(a, b))
    .slice(0, limit);
}

/** A deprecated version that is still called, for the analytics page. */
export interface DeprecatedVersionTraffic {
  version: string;
  sunset?: string;
  replacement?: string;
  /** Requests in the last 30 days. */
  request_count: number;
  /** Distinct consumers in the last 30 days: internal audience only, and only when logs named them. */
  consumers?: number;
}

function operationRows(list: RankedOperation[]): SafeHtml {
  return html`${list.map(
    ({ operation, metrics: m }) =>
      html`<tr><th scope="row"><code>${operation}</code></th><td>${formatCount(m.request_count)}</td><td>${formatPercent(m.error_rate)}</td><td>${formatMs(m.response_latency_p95)}</td></tr>`,
  )}`;
}

function operationTable(caption: string, list: RankedOperation[]): SafeHtml {
  return html`<div class="atrium-analytics__scroll" tabindex="0"><table class="atrium-analytics__table atrium-analytics__operations">
<caption>${caption}</caption>
<thead><tr><th scope="col">Operation</th><th scope="col">Requests</th><th scope="col">Error rate</th><th scope="col">p95 response latency</th></tr></thead>
<tbody>${operationRows(list)}</tbody>
</table></div>`;
}

/** The analytics page's "By operation" part of one window: per version, busiest and slowest. */
export function renderOperationRankings(
  report: ProductReport,
  window: WindowName,
  heading: (id: string, text: string) => SafeHtml,
  id: string,
): SafeHtml {
  const versions = Object.entries(report.windows[window].versions).filter(([, v]) => v.total.request_count > 0);
  if (versions.length === 0) return html``;
  return html`<div class="atrium-analytics__by-operation">
${heading(`${id}-operations`, 'By operation')}
${versions.map(([name, v]) => {
    const busiest = busiestOperations(v);
    const unmatched = v.operations[UNMATCHED]?.request_count ?? 0;
    const note =
      unmatched > 0
        ? html`<p class="atrium-analytics__hint">${formatCount(unmatched)} of ${formatCount(v.total.request_count)} requests (${formatPercent(unmatched / v.total.request_count)}) matched no operation of the ${name} spec, by route or by method and path; they count as “${UNMATCHED}” in report.json.</p>`
        : html``;
    if (busiest.length === 0) return html`<p>${name}: no request matched an operation of its spec.</p>${note}`;
    return html`<div class="atrium-analytics__operation-tables">
${operationTable(`${name}: busiest operations`, busiest)}
${operationTable(`${name}: slowest operations (p95 response latency)`, slowestOperations(v))}
</div>
${note}`;
  })}
</div>`;
}

/** "v1 is deprecated and still called": requests (and, internal only, consumers) in 30 days. */
export function renderDeprecatedTraffic(list: readonly DeprecatedVersionTraffic[]): SafeHtml {
  if (list.length === 0) return html``;
  const label = WINDOWS.find((w) => w.name === '30d')!.label.toLowerCase();
  return html`<div class="atrium-analytics__deprecated" role="note">
<p><strong>Deprecated versions still called</strong> (${label}):</p>
<ul>${list.map(
    (d) =>
      html`<li><strong>${d.version}</strong>${d.sunset ? html` (sunset ${d.sunset})` : html``}: ${formatCount(d.request_count)} requests${d.consumers !== undefined ? html` from ${formatCount(d.consumers)} distinct consumers` : html``}${d.replacement ? html`; move them to ${d.replacement}` : html``}.</li>`,
  )}</ul>
</div>`;
}

/** The operation page's block: its own traffic in the last 30 days, or that it had none. */
export function renderOperationTraffic(summary: AnalyticsSummary | undefined, analyticsUrl: string): string {
  const label = WINDOWS.find((w) => w.name === (summary?.window ?? '30d'))!.label.toLowerCase();
  if (!summary) {
    return html`<section class="atrium-operation-traffic atrium-operation-traffic--empty" aria-labelledby="operation-traffic-title">
<h2 id="operation-traffic-title">Traffic</h2>
<p>No requests to this operation were recorded in the ${label}. <a href="${analyticsUrl}">Product analytics</a></p>
</section>`.toString();
  }
  return html`<section class="atrium-operation-traffic" aria-labelledby="operation-traffic-title">
<h2 id="operation-traffic-title">Traffic <span class="atrium-analytics__hint">(${label})</span></h2>
<dl class="atrium-analytics__cards">
<div class="atrium-analytics__card"><dt>Requests</dt><dd>${formatCount(summary.request_count)}</dd></div>
<div class="atrium-analytics__card"><dt>Error rate</dt><dd>${formatPercent(summary.error_rate)}</dd></div>
<div class="atrium-analytics__card"><dt>p95 response latency</dt><dd>${formatMs(summary.response_latency_p95)}</dd></div>
</dl>
<p><a href="${analyticsUrl}">All operations and versions</a></p>
</section>`.toString();
}

/** The operation's traffic for its markdown twin (and `atrium mcp`'s get_operation). */
export function operationTrafficMarkdown(summary: AnalyticsSummary | undefined): string {
  const label = WINDOWS.find((w) => w.name === (summary?.window ?? '30d'))!.label.toLowerCase();
  if (!summary) return `## Traffic\n\nNo requests to this operation were recorded in the ${label}.\n`;
  return (
    `## Traffic (${label})\n\n` +
    `${formatCount(summary.request_count)} requests, error rate ${formatPercent(summary.error_rate)}, ` +
    `p95 response latency ${formatMs(summary.response_latency_p95)}.\n`
  );
}

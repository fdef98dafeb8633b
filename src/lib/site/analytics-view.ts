/** The compact traffic summary shown on product and version pages. */
import { html } from '../html.ts';

export interface TrafficSummary {
  request_count: number;
  error_rate: number;
  response_latency_p95: number;
}

export function renderAnalyticsSummaryHtml(summary: TrafficSummary, href: string, heading: string): string {
  return html`<section class="card analytics-summary" aria-label="${heading}">
  <h2>${heading}</h2>
  <dl>
    <dt>Requests</dt><dd>${summary.request_count.toLocaleString('en-US')}</dd>
    <dt>Error rate</dt><dd>${(summary.error_rate * 100).toFixed(2)}%</dd>
    <dt>p95 latency</dt><dd>${Math.round(summary.response_latency_p95)} ms</dd>
  </dl>
  <p><a href="${href}">Traffic, errors and latency</a></p>
</section>`.value;
}

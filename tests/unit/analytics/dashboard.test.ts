import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from './select.ts';
import { renderAnalyticsDashboard, renderAnalyticsSummary } from '../../../src/lib/analytics/dashboard.ts';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { computeProductAnalytics, summarizeReport } from '../../../src/lib/analytics/report.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { createSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { syntheticKongLogLines } from '../../../src/lib/analytics/synthetic-traffic.ts';

const EVIL = '<img src=x onerror=alert(1)>';

async function analytics() {
  const services = [{ control_plane: 'prod', name: 'flights-service', requests_per_hour: 20, upstream_median_ms: 50 }];
  const snapshot = createSnapshot('prod');
  const text = [...syntheticKongLogLines({ services, end: Date.parse('2026-11-20T00:00:00Z'), days: 8, seed: 3 })].join('\n');
  await ingestKongLog(snapshot, bufferInput('gen.log', text), new ServiceIndex([{ name: 'flights-service' }]));
  return computeProductAnalytics(
    {
      product: 'flights',
      versions: [{ name: EVIL, environments: [{ name: 'production</script>', control_plane: 'prod', service: { name: 'flights-service' } }] }],
    },
    [snapshot],
  );
}

describe('renderAnalyticsDashboard', () => {
  it('shows every window with cards, tables, an SVG sparkline and a hidden canvas', async () => {
    const { report, series } = await analytics();
    const page = renderAnalyticsDashboard(report, series);
    const tree = fromHtml(page, { fragment: true });
    for (const w of ['24h', '7d', '30d']) {
      expect(selectAll(tree, (e) => e.properties.id === `analytics-${w}`)).toHaveLength(1);
      const canvas = selectAll(tree, (e) => e.tagName === 'canvas' && e.properties.dataAtriumChart === w);
      expect(canvas).toHaveLength(1);
      const svg = selectAll(tree, (e) => e.tagName === 'svg' && e.properties.role === 'img' && String(e.properties.ariaLabelledBy).startsWith(`analytics-${w}-spark`));
      expect(svg).toHaveLength(1);
    }
    // The canvas stays hidden until the chart script has drawn it.
    expect(page).toMatch(/<div class="atrium-analytics__chart-canvas" hidden><canvas/);
    // Series JSON for the chart script round-trips.
    const json = page.match(/<script type="application\/json" data-atrium-series="7d">(.*?)<\/script>/s)![1]!;
    expect(JSON.parse(json)).toEqual(series['7d']);
    // Cards show the report's figures.
    const t = report.windows['24h'].total;
    expect(page).toContain(`<dt>Requests</dt><dd>${t.request_count.toLocaleString('en-US')}</dd>`);
    expect(page).toContain(`<dt>Error rate</dt><dd>${(t.error_rate * 100).toFixed(2)}%</dd>`);
    // Tables have header cells with scope; there are status, latency, version, environment and data tables.
    const tables = selectAll(tree, (e) => e.tagName === 'table');
    expect(tables.length).toBe(3 * 5);
    expect(selectAll(tree, (e) => e.tagName === 'th' && !e.properties.scope)).toEqual([]);
    expect(page).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('escapes version and environment names, even inside the JSON script', async () => {
    const { report, series } = await analytics();
    const page = renderAnalyticsDashboard(report, series);
    expect(page).not.toContain(EVIL);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.match(/<\/script>/g)).toHaveLength(3);
  });

  it('is deterministic', async () => {
    const a = await analytics();
    const b = await analytics();
    expect(renderAnalyticsDashboard(a.report, a.series)).toBe(renderAnalyticsDashboard(b.report, b.series));
  });

  it('says so when there is no traffic', () => {
    const { report, series } = computeProductAnalytics({ product: 'p', versions: [] }, []);
    const page = renderAnalyticsDashboard(report, series, { jsonUrl: 'r.json' });
    expect(page).toContain('No traffic has been recorded');
    expect(page).toContain('href="r.json"');
    expect(page).not.toContain('<canvas');
  });
});

describe('renderAnalyticsSummary', () => {
  it('shows requests, error rate and p95 with a link', async () => {
    const { report } = await analytics();
    const summary = summarizeReport(report)!;
    const html = renderAnalyticsSummary(summary, '/products/flights/analytics/');
    expect(html).toContain(`<dd>${summary.request_count.toLocaleString('en-US')}</dd>`);
    expect(html).toContain('(last 30 days)');
    expect(html).toContain('href="/products/flights/analytics/"');
    expect(renderAnalyticsSummary(undefined, '/a/')).toContain('No recent traffic');
  });
});

/** The analytics page says when latency percentiles are interpolated within Prometheus histogram buckets. */
import { describe, expect, it } from 'vitest';
import { renderAnalyticsDashboard } from '../../../src/lib/analytics/dashboard.ts';
import { ingestKongLog } from '../../../src/lib/analytics/ingest-kong-log.ts';
import { ingestPrometheus } from '../../../src/lib/analytics/ingest-prometheus.ts';
import { bufferInput } from '../../../src/lib/analytics/input-stream.ts';
import { computeProductAnalytics } from '../../../src/lib/analytics/report.ts';
import { ServiceIndex } from '../../../src/lib/analytics/service-index.ts';
import { createSnapshot } from '../../../src/lib/analytics/snapshot.ts';
import { kongLine } from './helpers.ts';

const services = () => new ServiceIndex([{ id: 'f1', name: 'flights-service' }]);
const input = { product: 'flights', versions: [{ name: 'v1', environments: [{ name: 'production', control_plane: 'prod', service: 'flights-service' }] }] };
const NOTE = "latency percentiles come from Kong's histogram buckets, interpolated within a bucket";

const scrape = (time: string, n: number) =>
  [
    `# atrium-scrape-time: ${time}`,
    `kong_http_requests_total{service="flights-service",code="200"} ${n}`,
    `kong_request_latency_ms_bucket{service="flights-service",le="100"} ${n}`,
    `kong_request_latency_ms_bucket{service="flights-service",le="+Inf"} ${n}`,
    `kong_request_latency_ms_sum{service="flights-service"} ${n * 40}`,
  ].join('\n') + '\n';

describe('the histogram note', () => {
  it('appears for traffic read from Prometheus, not for traffic from logs', async () => {
    const fromMetrics = createSnapshot('prod');
    await ingestPrometheus(fromMetrics, [bufferInput('a.prom', scrape('2026-11-19T10:00:00Z', 10) + scrape('2026-11-19T10:30:00Z', 30))], services(), {
      bounds: { earliest: 0, latest: Date.parse('2026-11-21T00:00:00Z'), latestIs: 'test' },
    });
    const metrics = computeProductAnalytics(input, [fromMetrics]);
    expect(metrics.latencyFromHistograms).toBe(true);
    expect(renderAnalyticsDashboard(metrics.report, metrics.series, { latencyFromHistograms: true })).toContain(NOTE);

    const fromLogs = createSnapshot('prod');
    const t = Date.parse('2026-11-19T10:00:00Z');
    await ingestKongLog(fromLogs, bufferInput('a.log', kongLine({ startedAt: t, status: 200, serviceName: 'flights-service' }) + '\n'), services(), {
      earliest: 0,
      latest: t + 86_400_000,
      latestIs: 'test',
    });
    const logs = computeProductAnalytics(input, [fromLogs]);
    expect(logs.report.windows['24h'].total.request_count).toBe(1);
    expect(logs.latencyFromHistograms).toBe(false);
    expect(renderAnalyticsDashboard(logs.report, logs.series, { latencyFromHistograms: false })).not.toContain(NOTE);
  });
});

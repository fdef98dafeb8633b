/**
 * Analytics (DESIGN §4b): Kong logs and Prometheus scrapes → hourly snapshots per control
 * plane → product reports, CSV and dashboards. The public surface; the test of the exports
 * pins it.
 */
export { LatencySketch, RELATIVE_ACCURACY, type SketchJson } from './sketch.ts';
export { ServiceIndex, sameService, serviceKey, type ServiceRef } from './service-index.ts';
export type { TrafficBucket } from './traffic-bucket.ts';
export {
  createSnapshot,
  mergeSnapshots,
  snapshotContains,
  SnapshotOverlapError,
  SNAPSHOT_FORMAT_VERSION,
  type ControlPlaneSnapshot,
  type IngestRecord,
  type InputFormat,
} from './snapshot.ts';
export { parseSnapshot, serializeSnapshot } from './snapshot-format.ts';
export {
  loadAnalyticsSnapshots,
  loadControlPlaneSnapshot,
  saveControlPlaneSnapshot,
  snapshotFile,
} from './snapshot-files.ts';
export { bufferInput, fileInput, type IngestInput } from './input-stream.ts';
export { describeIngestReport, ingestInputs, type IngestOptions } from './ingest.ts';
export type { IngestReport } from './ingest-report.ts';
export type { Metrics } from './metrics.ts';
export {
  computeProductAnalytics,
  computeProductReport,
  computeProductSeries,
  summarizeReport,
  WINDOWS,
  type AnalyticsSummary,
  type ProductAnalyticsInput,
  type ProductReport,
  type ProductSeries,
  type SnapshotSource,
  type WindowName,
} from './report.ts';
export { reportToCsv } from './report-csv.ts';
export { renderAnalyticsDashboard, renderAnalyticsSummary, type DashboardOptions } from './dashboard.ts';
export { operationKey, UNMATCHED } from './operation-matcher.ts';
export { operationSummary, renderOperationTraffic, type DeprecatedVersionTraffic } from './operation-traffic.ts';

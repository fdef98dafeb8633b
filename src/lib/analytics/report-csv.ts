/**
 * `report.csv`: the report.json figures as one table for spreadsheets. One row per window
 * and scope — the product `total`, each `version`, each version's `environment` and
 * `operation` (report.json's `operations`, "(unmatched)" included) — with
 * the metric columns of DESIGN §4b (status classes flattened to `status_2XX` etc.).
 * RFC 4180: comma-separated, CRLF line ends, fields quoted when they need it.
 */
import { STATUS_CLASSES, type Metrics } from './metrics.ts';
import { WINDOWS, type ProductReport } from './report.ts';

const METRIC_COLUMNS = [
  'request_count',
  'error_rate',
  ...STATUS_CLASSES.map((c) => `status_${c}`),
  'response_latency_p50',
  'response_latency_p95',
  'response_latency_p99',
  'response_latency_average',
  'upstream_latency_p50',
  'upstream_latency_p95',
  'upstream_latency_p99',
  'upstream_latency_average',
  'kong_latency_p50',
  'kong_latency_p95',
  'kong_latency_p99',
  'kong_latency_average',
] as const;

export const CSV_COLUMNS = ['window', 'scope', 'version', 'environment', 'operation', ...METRIC_COLUMNS] as const;

function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function metricCells(m: Metrics): (string | number)[] {
  return METRIC_COLUMNS.map((column) =>
    column.startsWith('status_')
      ? m.status_code_grouped[column.slice('status_'.length) as keyof Metrics['status_code_grouped']]
      : (m[column as Exclude<keyof Metrics, 'status_code_grouped'>] as number),
  );
}

export function reportToCsv(report: ProductReport): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const { name } of WINDOWS) {
    const w = report.windows[name];
    rows.push([name, 'total', '', '', '', ...metricCells(w.total)]);
    for (const [version, v] of Object.entries(w.versions)) {
      rows.push([name, 'version', version, '', '', ...metricCells(v.total)]);
      for (const [environment, m] of Object.entries(v.environments)) {
        rows.push([name, 'environment', version, environment, '', ...metricCells(m)]);
      }
      for (const [operation, m] of Object.entries(v.operations)) {
        rows.push([name, 'operation', version, '', operation, ...metricCells(m)]);
      }
    }
  }
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

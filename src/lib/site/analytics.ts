/**
 * Which products show traffic analytics, and the report they show: every product in the
 * internal portal; in the public one only where `analytics.public` (product, else portal)
 * is true. Versions and environments come from the audience-filtered content.
 */
import type { Audience, PortalConfig, ProductEntry, VersionEntry } from '../content/model.ts';
import {
  computeProductAnalytics,
  operationKey,
  summarizeReport,
  type ControlPlaneSnapshot,
  type DeprecatedVersionTraffic,
} from '../analytics/index.ts';
import { environmentFor } from './environments.ts';
import type { SiteAnalytics } from './model.ts';
import { urls } from './urls.ts';

export function analyticsVisible(portal: PortalConfig, product: ProductEntry, audience: Audience): boolean {
  return audience === 'internal' || (product.analytics.public ?? portal.analytics.public);
}

export function productAnalytics(
  portal: PortalConfig,
  product: ProductEntry,
  audience: Audience,
  snapshots: Map<string, ControlPlaneSnapshot>,
  /** The product's resolved versions: their spec operations name report.json's `operations`. */
  versions: readonly { entry: VersionEntry; api?: { operations: { method: string; path: string; kind: string }[] } }[] = [],
): SiteAnalytics | undefined {
  if (!analyticsVisible(portal, product, audience) || snapshots.size === 0) return undefined;
  const operationsOf = (version: VersionEntry) =>
    versions
      .find((v) => v.entry === version)
      ?.api?.operations.filter((op) => op.kind === 'operation')
      .map((op) => operationKey(op.method, op.path));
  const { report, series, latencyFromHistograms, consumers } = computeProductAnalytics(
    {
      product: product.slug,
      versions: product.versions.map((version) => ({
        name: version.name,
        operations: operationsOf(version),
        environments: version.gateway_services.map((link) => ({
          name: environmentFor(portal, link.control_plane).name,
          control_plane: link.control_plane,
          service: link.service,
        })),
      })),
    },
    snapshots,
  );
  if (report.newest === null) return undefined; // no traffic recorded for this product
  // Who still calls a deprecated version: how many requests, and — internal only, as no
  // consumer identity or count reaches the public portal — how many distinct consumers.
  const deprecated: DeprecatedVersionTraffic[] = product.versions.flatMap((version) => {
    const requests = report.windows['30d'].versions[version.name]?.total.request_count ?? 0;
    if (!version.deprecated || requests === 0) return [];
    const distinct = consumers['30d'][version.name];
    return [
      {
        version: version.name,
        ...(version.deprecation?.sunset ? { sunset: version.deprecation.sunset } : {}),
        ...(version.deprecation?.replacement ? { replacement: version.deprecation.replacement } : {}),
        request_count: requests,
        ...(audience === 'internal' && distinct !== null && distinct !== undefined ? { consumers: distinct } : {}),
      },
    ];
  });
  return {
    deprecated,
    url: urls.analytics(product.slug),
    report,
    series,
    latencyFromHistograms,
    summary: summarizeReport(report),
    versionSummaries: Object.fromEntries(product.versions.map((v) => [v.name, summarizeReport(report, { version: v.name })])),
  };
}

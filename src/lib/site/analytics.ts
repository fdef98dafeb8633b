/**
 * Which products show traffic analytics, and the report they show: every product in the
 * internal portal; in the public one only where `analytics.public` (product, else portal)
 * is true. Versions and environments come from the audience-filtered content.
 */
import type { Audience, PortalConfig, ProductEntry } from '../content/model.ts';
import { computeProductAnalytics, summarizeReport, type ControlPlaneSnapshot } from '../analytics/index.ts';
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
): SiteAnalytics | undefined {
  if (!analyticsVisible(portal, product, audience) || snapshots.size === 0) return undefined;
  const { report, series, latencyFromHistograms } = computeProductAnalytics(
    {
      product: product.slug,
      versions: product.versions.map((version) => ({
        name: version.name,
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
  return {
    url: urls.analytics(product.slug),
    report,
    series,
    latencyFromHistograms,
    summary: summarizeReport(report),
    versionSummaries: Object.fromEntries(product.versions.map((v) => [v.name, summarizeReport(report, { version: v.name })])),
  };
}

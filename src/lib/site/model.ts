/**
 * The resolved site: what one audience's portal contains, with every URL, environment,
 * spec and rendered doc computed. Pages only lay this out.
 */
import type { Audience, DocEntry, PortalConfig, ProductEntry, VersionEntry } from '../content/model.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ResolvedEnvironment } from '../gateway/types.ts';
import type { DocNode } from './doc-tree.ts';
import type { OperationKind, ReferenceIndex, SpecObject } from '../reference/types.ts';
import type { SpecDiff } from '../diff/types.ts';
import type { AnalyticsSummary, DeprecatedVersionTraffic, ProductReport, ProductSeries } from '../analytics/index.ts';
import type { SiteRoute } from './routes.ts';

export interface SiteDoc {
  entry: DocEntry;
  url: string;
  html: string;
  headings: { depth: number; id: string; text: string }[];
  /** Mermaid diagrams left for the browser to render (build machine had no Chromium). */
  clientMermaid: number;
  /** The tree this doc belongs to (product docs or a version's docs). */
  tree: DocNode;
  scope: { product: string; version?: string };
}

export interface SiteVersion {
  entry: VersionEntry;
  product: string;
  url: string;
  environments: ResolvedEnvironment[];
  /** Present when the version has a spec that loaded. */
  api?: SiteApi;
  /** The version before this one in the product's order (this audience's view). */
  previous?: string;
  changes?: ChangesSummary;
  docsTree: DocNode;
  docs: SiteDoc[];
}

export interface SiteApi {
  specFile: string;
  /** Content hash of every file the spec was loaded from (openapi/cache.ts): the key of what is computed from it. */
  specHash: string;
  sourceFormat: string;
  /** Bundled spec in its source version, for downloads and the explorer. */
  bundled: Record<string, unknown>;
  /** OpenAPI 3.x view for rendering and diff. */
  openapi: SpecObject;
  operations: { slug: string; method: string; path: string; summary?: string; deprecated: boolean; kind: OperationKind }[];
  /** The reference's index of the document (operations, tag groups), handed back to its renderers. */
  index: ReferenceIndex;
  lint: Diagnostic[];
}

export interface ChangesSummary {
  from: string;
  breaking: number;
  nonBreaking: number;
  /** What src/lib/diff found, handed back to its renderer. */
  diff: SpecDiff;
}

/** A version whose spec loaded: what the reference, schema, changes and nav pages lay out. */
export type ApiVersion = SiteVersion & { api: SiteApi };

export function hasApi(version: SiteVersion): version is ApiVersion {
  return version.api !== undefined;
}

export interface SiteProduct {
  entry: ProductEntry;
  url: string;
  versions: SiteVersion[];
  /** The newest published, non-deprecated version (else the newest). */
  latest?: SiteVersion;
  docsTree: DocNode;
  docs: SiteDoc[];
  analytics?: SiteAnalytics;
}

export interface SiteAnalytics {
  url: string;
  report: ProductReport;
  series: ProductSeries;
  /** Latency percentiles partly interpolated within Prometheus histogram buckets. */
  latencyFromHistograms: boolean;
  summary?: AnalyticsSummary;
  versionSummaries: Record<string, AnalyticsSummary | undefined>;
  /** Deprecated versions still called; distinct consumers only in the internal audience. */
  deprecated: DeprecatedVersionTraffic[];
}

export interface BuildStats {
  docs: number;
  docsCached: number;
  operations: number;
  mermaidRendered: number;
  mermaidCached: number;
  plantumlRendered: number;
  plantumlCached: number;
  specsLoaded: number;
}

export interface SiteModel {
  audience: Audience;
  portal: PortalConfig;
  /** Deployment base path, `/` or `/docs/`. */
  base: string;
  /** Absolute site URL (from --site or portal.yaml), without trailing slash. */
  site?: string;
  products: SiteProduct[];
  /** Every diagnostic of the run (warnings shown on the internal health page). */
  diagnostics: Diagnostic[];
  stats: BuildStats;
  /** Files next to docs (images) to copy into the output: absolute source → site path. */
  assets: { source: string; url: string }[];
  /** Logo and favicon URLs as pages use them (base included); the logo may be an http(s) URL. */
  brand: { logo?: string; favicon: string };
  /** Every page of the portal with its inputs hash (src/lib/site/routes.ts), computed once the rest is resolved. */
  routes: SiteRoute[];
}

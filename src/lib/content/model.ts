/**
 * The content model after loading and validation (DESIGN §3), before audience filtering
 * and gateway/spec resolution. Field names follow Konnect's API Products where one exists.
 * Paths are relative to the content folder, POSIX separators.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { YamlSource } from '../diagnostics/yaml-source.ts';

export type Audience = 'public' | 'internal';
export type PublishStatus = 'published' | 'unpublished';

export interface EnvironmentConfig {
  name: string;
  /** Names a file in control-planes/ (without extension). */
  control_plane: string;
  label?: string;
  base_url?: string;
}

export interface PortalConfig {
  title: string;
  description?: string;
  /** Absolute URL of the deployed portal, for canonical links and the sitemap. */
  site?: string;
  environments: EnvironmentConfig[];
  analytics: { public: boolean };
  plantuml: { server?: string };
  mermaid: { render: 'build' | 'client' };
  /** Folder of downloads docs may link, relative to the content folder. */
  public_folder?: string;
  branding: {
    logo?: string;
    favicon?: string;
    accent_color?: string;
    footer_links: { label: string; url: string }[];
  };
}

export interface DocEntry {
  /** Source file relative to the content folder, e.g. `products/flights/docs/guides/auth.md`. */
  file: string;
  /** URL path below the docs root, no leading/trailing slash; '' for the root index. */
  slug: string;
  title: string;
  description?: string;
  status: PublishStatus;
  order?: number;
  format: 'md' | 'mdx';
  /** Markdown without frontmatter. */
  body: string;
  /** 1-based line in `file` where `body` starts, so positions in the body map to the file. */
  bodyLine: number;
}

export interface GatewayLink {
  control_plane: string;
  /** A service `name` or `id` in that control plane's decK file. */
  service: string;
  /** Where the link is written, for diagnostics. */
  file: string;
  line: number;
  column: number;
}

export interface VersionEntry {
  /** Folder name under versions/, used in URLs. */
  slug: string;
  /** Display name (defaults to the folder name). */
  name: string;
  /** Folder relative to the content folder. */
  dir: string;
  /** version.yaml relative to the content folder. */
  file: string;
  publish_status: PublishStatus;
  deprecated: boolean;
  deprecation?: { message?: string; sunset?: string; replacement?: string };
  /** Release day (YYYY-MM-DD), when given; dates the version's entry in the feed. */
  released?: string;
  /** Explicit position among the product's versions (lower first). */
  order?: number;
  /** Spec file relative to the content folder, when the version has one. */
  spec?: string;
  gateway_services: GatewayLink[];
  docs: DocEntry[];
}

export interface ProductEntry {
  /** Folder name under products/, used in URLs. */
  slug: string;
  dir: string;
  /** product.yaml relative to the content folder. */
  file: string;
  name: string;
  description?: string;
  labels: Record<string, string>;
  public_labels: Record<string, string>;
  published: boolean;
  contact?: { name?: string; email?: string; url?: string };
  analytics: { public?: boolean };
  docs: DocEntry[];
  /** In display order (`order`, else semver-aware natural sort of names). */
  versions: VersionEntry[];
}

export interface ControlPlaneEntry {
  /** File stem, the name `control_plane` fields use. */
  name: string;
  file: string;
  /** The decK document as parsed (validated for shape, not for meaning). */
  deck: Record<string, unknown>;
  /** The parsed file, for positions of gateway findings (`file:line:col`). */
  source?: YamlSource;
}

export interface ContentModel {
  /** Absolute path of the content folder. */
  root: string;
  portal: PortalConfig;
  controlPlanes: ControlPlaneEntry[];
  products: ProductEntry[];
  diagnostics: Diagnostic[];
}

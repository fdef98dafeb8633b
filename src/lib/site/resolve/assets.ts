/**
 * Resolve phase "assets": the files a build copies beside its pages — images the docs link
 * (already checked against the publish policy while rendering) and the logo and favicon.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentModel } from '../../content/model.ts';
import type { RenderedDoc } from '../../markdown/types.ts';
import { publishedFileName } from '../../publish/published-name.ts';
import type { SiteModel } from '../model.ts';
import { withBase } from '../urls.ts';

export interface SiteAsset {
  /** Absolute source file. */
  source: string;
  /** Site path without the base path. */
  url: string;
}

/** Atrium's own icon, for portals that set neither `branding.favicon` nor a logo file. */
export const DEFAULT_FAVICON = fileURLToPath(new URL('../../../assets/atrium-favicon.svg', import.meta.url));

/**
 * The logo and favicon, copied to /_atrium/brand/ under content-hash names. Load already
 * checked them against the publish policy with their portal.yaml positions
 * (content/portal-files.ts); a file that failed that check is left out here.
 */
export function brandFiles(content: ContentModel, base: string): { assets: SiteAsset[]; brand: SiteModel['brand'] } {
  const assets: SiteAsset[] = [];
  const publish = (source: string, name: string): string | undefined => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(source);
    } catch {
      return undefined;
    }
    const url = `/_atrium/brand/${publishedFileName(name, bytes)}`;
    assets.push({ source, url });
    return withBase(base, url);
  };
  const { logo, favicon } = content.portal.branding;
  const logoIsUrl = logo !== undefined && /^https?:\/\//i.test(logo);
  const logoUrl = logo === undefined ? undefined : logoIsUrl ? logo : publish(path.join(content.root, logo), logo);
  const faviconUrl =
    (favicon !== undefined ? publish(path.join(content.root, favicon), favicon) : logoIsUrl ? undefined : logoUrl) ??
    publish(DEFAULT_FAVICON, 'favicon.svg')!;
  return { assets, brand: { ...(logoUrl ? { logo: logoUrl } : {}), favicon: faviconUrl } };
}

/**
 * Every file to copy, once per URL, in URL order. Docs link assets with the base path
 * (`/docs/_atrium/assets/…`); the output folder is the site root, so they are written at the
 * path without it, like every other file.
 */
export function siteAssets(rendered: Iterable<RenderedDoc>, brand: readonly SiteAsset[], base: string): SiteAsset[] {
  const docAssets = [...rendered].flatMap((r) => r.assets).map((a) => ({ source: a.source, url: a.url.startsWith(base) ? a.url.slice(base.length - 1) : a.url }));
  const byUrl = new Map(docAssets.concat(brand).map((a) => [a.url, a]));
  return [...byUrl.values()].sort((a, b) => a.url.localeCompare(b.url));
}

/**
 * Which Chromium renders Mermaid: the configured path (`portal.yaml` `chromium`), else
 * `ATRIUM_CHROMIUM`, else the first system browser found. Never a downloaded one.
 */
import fs from 'node:fs';

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export type ChromiumLookup =
  | { found: true; path: string }
  /** A configured path that does not exist: an error, since the writer asked for it. */
  | { found: false; configured: string; source: string }
  | { found: false; configured?: undefined; looked: string[] };

export function findChromium(
  configured: string | undefined,
  env: Record<string, string | undefined> = process.env,
  exists: (file: string) => boolean = fs.existsSync,
): ChromiumLookup {
  const explicit = configured ? { path: configured, source: 'the chromium setting' } : env.ATRIUM_CHROMIUM ? { path: env.ATRIUM_CHROMIUM, source: 'ATRIUM_CHROMIUM' } : undefined;
  if (explicit) {
    return exists(explicit.path) ? { found: true, path: explicit.path } : { found: false, configured: explicit.path, source: explicit.source };
  }
  const path = CHROMIUM_CANDIDATES.find(exists);
  return path ? { found: true, path } : { found: false, looked: CHROMIUM_CANDIDATES };
}

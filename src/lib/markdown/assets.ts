/**
 * Files a doc links or embeds (`./img/flow.png`, `./files/postman.json`). Only what the
 * publish policy allows (images, and downloads from a `files/` or `public_folder`) is
 * published; anything else is refused with the reason, never copied. The site copies each
 * file to a content-hash name, so a changed image gets a new URL and CDNs can cache forever.
 *
 * Only files inside the content folder qualify — checked on the real path, so a symlink
 * pointing out of the folder is refused too, and the policy is asked about both the path as
 * written and the real one (a link in files/ to control-planes/ is still a decK file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { downloadHint, imageContentProblem, publishDecision, type PublishPolicy } from '../publish/publish-policy.ts';
import { publishedFileName } from '../publish/published-name.ts';
import { sanitizeSvg } from '../publish/sanitize-svg.ts';
import { resolveRelativePath } from './link-target.ts';
import type { DocAsset } from './types.ts';

/** `missing`: nothing (or a folder) is there, so a link may still mean a page instead. */
export type AssetLookup = { ok: true; asset: DocAsset } | { ok: false; message: string; missing?: boolean };

export interface AssetStore {
  /** `target` as written in `docFile` (path part only, decoded). */
  resolve(docFile: string, target: string): AssetLookup;
}

export function createAssetStore(contentRoot: string, assetBase = '/_atrium/assets/', policy: PublishPolicy = {}): AssetStore {
  const base = assetBase.endsWith('/') ? assetBase : `${assetBase}/`;
  const known = new Map<string, AssetLookup>();
  let realRoot: string | undefined;

  return {
    resolve(docFile, target) {
      const relative = resolveRelativePath(docFile, target);
      if (relative === undefined || relative === '') {
        return { ok: false, message: `"${target}" points outside the content folder; link only files inside it`, missing: relative === '' };
      }
      const key = `${path.posix.dirname(docFile)}\n${relative}`;
      const cached = known.get(key);
      if (cached) return cached;
      const result = lookup(docFile, relative, target);
      known.set(key, result);
      return result;
    },
  };

  function lookup(docFile: string, relative: string, target: string): AssetLookup {
    const refused = (reason: string, downloadable: boolean): AssetLookup => ({
      ok: false,
      message: `"${target}" is not published: ${reason}${downloadable ? `; ${downloadHint(docFile, relative)}` : ''}`,
    });
    const absolute = path.join(contentRoot, ...relative.split('/'));
    let real: string;
    try {
      realRoot ??= fs.realpathSync(contentRoot);
      real = fs.realpathSync(absolute);
      if (!fs.statSync(real).isFile()) return { ok: false, message: `"${target}" is a folder, not a file`, missing: true };
    } catch {
      return { ok: false, message: `"${target}" does not exist (looked for ${relative})`, missing: true };
    }
    if (!real.startsWith(realRoot + path.sep)) {
      return { ok: false, message: `"${target}" resolves outside the content folder (through a symbolic link)` };
    }
    const asWritten = publishDecision(relative, policy);
    if (!asWritten.ok) return refused(asWritten.reason, asWritten.downloadable);
    const realRelative = path.relative(realRoot, real).split(path.sep).join('/');
    const decision = realRelative === relative ? asWritten : publishDecision(realRelative, policy);
    if (!decision.ok) return refused(`it is a link to ${realRelative}: ${decision.reason}`, false);

    const bytes = fs.readFileSync(real);
    if (decision.kind === 'image') {
      const problem = imageContentProblem(relative, bytes);
      if (problem) return { ok: false, message: `"${target}" is not published: ${problem}` };
    }
    if (decision.kind === 'svg' && sanitizeSvg(bytes.toString('utf8')) === undefined) {
      return { ok: false, message: `"${target}" is not published: ${relative} holds no <svg> element, so it is not an SVG image` };
    }
    return { ok: true, asset: { source: absolute, url: `${base}${publishedFileName(relative, bytes)}` } };
  }
}

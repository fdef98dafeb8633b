/**
 * Files a doc links or embeds (`./img/flow.png`, `../files/postman.json`). The site copies
 * each one to a content-hash name, so a changed image gets a new URL and CDNs can cache
 * forever. Only files inside the content folder qualify — checked on the real path, so a
 * symlink pointing out of the folder is refused too.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { resolveRelativePath } from './link-target.ts';
import type { DocAsset } from './types.ts';

export type AssetLookup = { ok: true; asset: DocAsset } | { ok: false; message: string };

export interface AssetStore {
  /** `target` as written in `docFile` (path part only, decoded). */
  resolve(docFile: string, target: string): AssetLookup;
}

export function createAssetStore(contentRoot: string, assetBase = '/_atrium/assets/'): AssetStore {
  const base = assetBase.endsWith('/') ? assetBase : `${assetBase}/`;
  const known = new Map<string, AssetLookup>();
  let realRoot: string | undefined;

  return {
    resolve(docFile, target) {
      const relative = resolveRelativePath(docFile, target);
      if (relative === undefined || relative === '') {
        return { ok: false, message: `"${target}" points outside the content folder; link only files inside it` };
      }
      const cached = known.get(relative);
      if (cached) return cached;
      const result = lookup(relative, target);
      known.set(relative, result);
      return result;
    },
  };

  function lookup(relative: string, target: string): AssetLookup {
    const absolute = path.join(contentRoot, ...relative.split('/'));
    let real: string;
    try {
      realRoot ??= fs.realpathSync(contentRoot);
      real = fs.realpathSync(absolute);
      if (!fs.statSync(real).isFile()) return { ok: false, message: `"${target}" is a folder, not a file` };
    } catch {
      return { ok: false, message: `"${target}" does not exist (looked for ${relative})` };
    }
    if (!real.startsWith(realRoot + path.sep)) {
      return { ok: false, message: `"${target}" resolves outside the content folder (through a symbolic link)` };
    }
    const hash = createHash('sha256').update(fs.readFileSync(real)).digest('hex').slice(0, 12);
    const ext = path.extname(relative).toLowerCase();
    const stem = path.basename(relative, path.extname(relative)).toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'asset';
    return { ok: true, asset: { source: absolute, url: `${base}${stem}.${hash}${ext}` } };
  }
}

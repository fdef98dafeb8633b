/**
 * The files portal.yaml names — `branding.logo`, `branding.favicon`, `public_folder` — checked
 * at load, so the error points at the key in portal.yaml. The logo and favicon are published
 * on every page, so they follow the publish policy for images: a path inside the content
 * folder to a real png/jpg/gif/webp/avif/svg (the favicon may also be an .ico), never a
 * decK file, an analytics snapshot or anything else that happens to be in the folder.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { imageContentProblem, publishDecision } from '../publish/publish-policy.ts';
import { sanitizeSvg } from '../publish/sanitize-svg.ts';
import type { LoadState } from './load-state.ts';
import type { PortalConfig } from './model.ts';
import { PORTAL_FILE } from './rules/environments.ts';

const HTTP_URL = /^https?:\/\//i;

export async function checkPortalFiles(state: LoadState, portal: PortalConfig): Promise<void> {
  const error = (keyPath: string[], message: string): void => {
    const source = state.sources.get(PORTAL_FILE);
    const diagnostic: Diagnostic = { severity: 'error', code: 'portal-file', message: `${keyPath.join('.')}: ${message}`, file: PORTAL_FILE };
    state.diagnostics.push(source ? { ...diagnostic, ...source.locate(keyPath) } : diagnostic);
  };

  if (portal.public_folder !== undefined) {
    const status = await state.folder.status(portal.public_folder);
    if (status !== 'directory') {
      error(['public_folder'], `\`${portal.public_folder}\` ${status === 'file' ? 'is a file' : status === 'outside' ? 'lies outside the content folder' : 'does not exist'}; name a folder inside the content folder that holds the files docs offer for download`);
    }
  }
  for (const key of ['logo', 'favicon'] as const) {
    const value = portal.branding[key];
    if (value === undefined || (key === 'logo' && HTTP_URL.test(value))) continue;
    const problem = await imageProblem(state, value, key === 'favicon' ? ['.ico'] : []);
    if (problem) error(['branding', key], problem);
  }
}

/** Why `value` cannot be published as the portal's logo or favicon, or undefined when it can. */
async function imageProblem(state: LoadState, value: string, extraImageExtensions: string[]): Promise<string | undefined> {
  const how = 'give the path of an image (png, jpg, gif, webp, avif or svg) relative to the content folder, e.g. `assets/logo.svg`';
  const relative = path.posix.normalize(value.replace(/\\/g, '/'));
  if (path.posix.isAbsolute(relative) || relative === '..' || relative.startsWith('../') || HTTP_URL.test(value)) {
    return `\`${value}\` is not a file inside the content folder; ${how}`;
  }
  const decision = publishDecision(relative, { extraImageExtensions });
  if (!decision.ok) return `\`${value}\` is not published: ${decision.reason}; ${how}`;
  if (decision.kind === 'download') return `\`${value}\` is not an image; ${how}`;
  const status = await state.folder.status(relative);
  if (status !== 'file') {
    return `\`${value}\` ${status === 'outside' ? 'leads outside the content folder' : status === 'directory' ? 'is a folder' : 'does not exist'}; ${how}`;
  }
  const bytes = (await state.folder.readBytes(relative))!;
  if (decision.kind === 'svg') {
    return sanitizeSvg(Buffer.from(bytes).toString('utf8')) === undefined ? `\`${value}\` holds no <svg> element; ${how}` : undefined;
  }
  const wrongBytes = imageContentProblem(relative, bytes);
  return wrongBytes ? `${wrongBytes}; ${how}` : undefined;
}

/**
 * Read-only access to one built portal folder, and nothing outside it. Every path the MCP
 * server reads goes through here: a site URL (`/products/flights/`), a path inside the folder,
 * or an absolute URL of the portal's own site. `..`, absolute paths elsewhere, NUL bytes and
 * symlinks that lead out of the folder are refused, so the server can only ever answer with
 * what that audience's build holds.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** A problem the caller can fix (a wrong URL, a folder that is not a build): shown as a tool error. */
export class PortalError extends Error {}

export class PortalFolder {
  readonly root: string;
  private realRoot?: Promise<string>;

  constructor(root: string) {
    this.root = root;
  }

  /** The folder's real path; a PortalError when it is missing, not a folder, or not a portal build. */
  ensure(): Promise<string> {
    this.realRoot ??= (async () => {
      let real: string;
      try {
        real = await fs.realpath(this.root);
      } catch {
        throw new PortalError(`the portal folder ${this.root} does not exist; build one with \`atrium build --out ${this.root}\` or pass --portal DIR`);
      }
      if (!(await fs.stat(real)).isDirectory()) throw new PortalError(`the portal folder ${this.root} is not a folder`);
      try {
        await fs.access(path.join(real, 'portal.json'));
      } catch {
        throw new PortalError(`${this.root} is not a built portal (it has no portal.json); build one with \`atrium build --out ${this.root}\``);
      }
      return real;
    })();
    // A folder built after the server started is picked up on the next call.
    this.realRoot.catch(() => (this.realRoot = undefined));
    return this.realRoot;
  }

  /**
   * The absolute file for a path inside the folder (`products/flights/index.md`), after
   * following symlinks; refused when it would leave the folder. Undefined when nothing is there.
   */
  async locate(relative: string): Promise<string | undefined> {
    const root = await this.ensure();
    if (relative.includes('\0')) throw new PortalError('a path with a NUL byte cannot name a file of the portal');
    const segments = relative.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
    if (segments.includes('..')) throw new PortalError(`"${relative}" leaves the portal folder; give a path inside it`);
    const candidate = path.join(root, ...segments);
    let real: string;
    try {
      real = await fs.realpath(candidate);
    } catch {
      return undefined;
    }
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new PortalError(`"${relative}" leads outside the portal folder (a symlink); only files of the build are served`);
    }
    return real;
  }

  async readText(relative: string): Promise<string | undefined> {
    const file = await this.locate(relative);
    if (!file) return undefined;
    const stat = await fs.stat(file);
    if (!stat.isFile()) return undefined;
    return fs.readFile(file, 'utf8');
  }

  async readBytes(relative: string): Promise<Uint8Array | undefined> {
    const file = await this.locate(relative);
    if (!file || !(await fs.stat(file)).isFile()) return undefined;
    return fs.readFile(file);
  }

  /** A JSON file of the build; a PortalError naming the file when it does not parse. */
  async readJson(relative: string): Promise<unknown> {
    const text = await this.readText(relative);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new PortalError(`${relative} in the portal folder is not valid JSON (${(error as Error).message}); rebuild the portal`);
    }
  }
}

/**
 * A site-root path (`/products/flights/`, no query or fragment) for what the caller gave: a
 * path, a path under the deployment base, or an absolute URL of the portal's own site.
 * Other origins are refused: the server reads this folder, not the web.
 */
export function sitePath(input: string, site: { origin?: string; base: string }): string {
  let value = input.trim();
  if (!value) throw new PortalError('give the page URL, for example /products/flights/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new PortalError(`"${input}" is not a URL`);
    }
    if (!site.origin || url.origin !== site.origin) {
      throw new PortalError(`"${input}" is not a page of this portal${site.origin ? ` (${site.origin})` : ''}; give its path, for example /products/flights/`);
    }
    value = url.pathname;
  } else {
    value = value.replace(/[?#].*$/, '');
  }
  try {
    value = decodeURIComponent(value);
  } catch {
    throw new PortalError(`"${input}" is not a valid URL path`);
  }
  if (value.includes('\0') || value.split(/[\\/]+/).includes('..')) {
    throw new PortalError(`"${input}" leaves the portal; give a page path inside it, for example /products/flights/`);
  }
  if (!value.startsWith('/')) value = '/' + value;
  const base = site.base.replace(/\/$/, '');
  if (base && (value === base || value.startsWith(base + '/'))) value = value.slice(base.length) || '/';
  return value;
}

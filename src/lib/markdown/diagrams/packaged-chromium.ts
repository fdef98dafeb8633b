/**
 * The headless Chromium that ships inside the `@sparticuz/chromium` npm package, for
 * machines without a system browser: `npm install` alone is enough. The package holds a
 * brotli-compressed Linux x64 binary and a few fonts; nothing is downloaded, at install or
 * at run time.
 *
 * The package's own `executablePath()` is not used: it runs whatever file is at
 * `/tmp/chromium` (anyone on the machine can put one there) and two builds unpacking at
 * once can start a half-written binary. Here the binary is unpacked into a folder only this
 * user can write, under a temporary name renamed into place, so a binary is either whole or
 * absent. Fonts: the system's fontconfig setup when there is one, plus the package's Open
 * Sans, so text is measured with real glyphs even on a machine without fonts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { extract } from 'tar-fs';

export interface PackagedChromium {
  /** The package's folder of compressed files. */
  binDir: string;
  version: string;
}

export interface UnpackedChromium {
  executablePath: string;
  /** Environment the binary needs: its fontconfig file. */
  env: Record<string, string>;
}

const require = createRequire(import.meta.url);

/** The packaged Chromium when it is installed and can run here (its binary is Linux x64). */
export function findPackagedChromium(platform: string = process.platform, arch: string = process.arch): PackagedChromium | undefined {
  if (platform !== 'linux' || arch !== 'x64') return undefined;
  try {
    const packageDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..');
    const binDir = path.join(packageDir, 'bin');
    if (!fs.existsSync(path.join(binDir, 'chromium.br'))) return undefined;
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return { binDir, version };
  } catch {
    return undefined; // not installed (an install that left out dependencies)
  }
}

/** Unpacks the binary and fonts once per version and user; later calls reuse them. */
export async function unpackChromium(packaged: PackagedChromium, tmpRoot: string = os.tmpdir()): Promise<UnpackedChromium> {
  const dir = path.join(tmpRoot, `atrium-packaged-chromium-${packaged.version}-${process.getuid?.() ?? 'user'}`);
  ensurePrivateDir(dir);
  const executablePath = path.join(dir, 'chromium');
  if (!fs.existsSync(executablePath)) {
    await intoPlace(executablePath, (temp) =>
      pipeline(fs.createReadStream(path.join(packaged.binDir, 'chromium.br')), zlib.createBrotliDecompress(), fs.createWriteStream(temp, { mode: 0o700 })),
    );
  }
  const fontsDir = path.join(dir, 'fonts');
  if (!fs.existsSync(fontsDir)) {
    await intoPlace(fontsDir, (temp) => pipeline(fs.createReadStream(path.join(packaged.binDir, 'fonts.tar.br')), zlib.createBrotliDecompress(), extract(temp)));
  }
  const fontconfigFile = path.join(dir, 'fonts.conf');
  if (!fs.existsSync(fontconfigFile)) {
    await intoPlace(fontconfigFile, (temp) =>
      fs.promises.writeFile(
        temp,
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
          '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' +
          `  <dir>${xmlText(fontsDir)}</dir>\n  <cachedir>${xmlText(path.join(dir, 'fontconfig-cache'))}</cachedir>\n</fontconfig>\n`,
      ),
    );
  }
  return { executablePath, env: { FONTCONFIG_FILE: fontconfigFile } };
}

/** A folder of ours alone: created 0700, or an existing one that is ours, not a link, and not writable by others. */
function ensurePrivateDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = fs.lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} exists but is not a private folder of this user; remove it so Chromium can be unpacked safely`);
  }
}

/** Writes `target` through a temporary sibling renamed into place; a racing writer's result is as good as ours. */
async function intoPlace(target: string, write: (temp: string) => Promise<unknown>): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await write(temp);
    await fs.promises.rename(temp, target);
  } catch (error) {
    if (!fs.existsSync(target)) throw error;
  } finally {
    await fs.promises.rm(temp, { recursive: true, force: true });
  }
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

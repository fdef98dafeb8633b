/**
 * What the build may publish from the content folder besides pages: an allow-list, because
 * the content folder also holds what must never reach a reader — decK files with gateway
 * credentials (control-planes/), traffic snapshots (analytics/), portal.yaml, unpublished
 * specs, `.git/`. A doc may publish:
 *  - images: png, jpg/jpeg, gif, webp, avif, and svg (published only after sanitising);
 *  - downloads: any other file inside a `files/` folder of a docs tree
 *    (`products/<p>/docs/**\/files/`, `products/<p>/versions/<v>/docs/**\/files/`) or inside
 *    the folder portal.yaml declares as `public_folder:`.
 * Never, wherever it lies: dotfiles and dot-folders, anything under control-planes/ or
 * analytics/, and HTML or XML (a browser runs the script in them as the portal's origin).
 *
 * Pure: decides from the content-relative path alone. The caller resolves symbolic links
 * and asks again about the real path, so a link in files/ to a decK file is refused too.
 */
import path from 'node:path';

export type PublishKind = 'image' | 'svg' | 'download';

export type PublishDecision =
  | { ok: true; kind: PublishKind }
  /** `downloadable`: moving the file to a downloads folder would publish it (say how). */
  | { ok: false; reason: string; downloadable: boolean };

export interface PublishPolicy {
  /** Content-relative folders whose files docs may offer as downloads (portal.yaml `public_folder`). */
  downloadFolders?: readonly string[];
  /** Content-relative folders this audience does not publish (unpublished products and versions). */
  unpublishedFolders?: readonly string[];
  /** Extra image extensions for this use (the favicon may be an .ico). */
  extraImageExtensions?: readonly string[];
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg'] as const;

/** Types a browser renders as a document with script: never published, not even as a download. */
const ACTIVE_DOCUMENT = new Set(['.html', '.htm', '.xhtml', '.xht', '.shtml', '.mht', '.mhtml', '.xml', '.xsl', '.xslt', '.svgz', '.hta']);

/** Folders of the content model that hold what is never for readers. */
const PRIVATE_FOLDERS: Record<string, string> = {
  'control-planes': 'control-planes/ holds decK files (gateway configuration and credentials)',
  analytics: 'analytics/ holds traffic snapshots',
};

const DOCS_FILES_FOLDER = /^products\/[^/]+\/(?:versions\/[^/]+\/)?docs\/(?:.+\/)?files\/[^/]/;

export function publishDecision(relative: string, policy: PublishPolicy = {}): PublishDecision {
  const segments = relative.split('/');
  if (segments.some((s) => s.startsWith('.'))) {
    return refuse(`${relative} is a dotfile or lies in a dot-folder (like .git/ or .env), which Atrium never publishes`, true);
  }
  const privateFolder = PRIVATE_FOLDERS[segments[0]!];
  if (privateFolder && segments.length > 1) return refuse(`${privateFolder}, which Atrium never publishes`, true);
  const hidden = policy.unpublishedFolders?.find((folder) => isInside(relative, folder));
  if (hidden) return refuse(`${relative} belongs to ${hidden}/, which this portal does not publish (the product or version is unpublished)`, false);

  const ext = path.posix.extname(relative).toLowerCase();
  if (ACTIVE_DOCUMENT.has(ext)) {
    return refuse(
      `${ext.slice(1).toUpperCase()} files are never published: a browser would run any script in them as this portal; show the markup in a code block, or offer it zipped from a files/ folder`,
      false,
    );
  }
  if (ext === '.svg') return { ok: true, kind: 'svg' };
  if ((IMAGE_EXTENSIONS as readonly string[]).includes(ext) || policy.extraImageExtensions?.includes(ext)) return { ok: true, kind: 'image' };
  if (DOCS_FILES_FOLDER.test(relative) || policy.downloadFolders?.some((folder) => isInside(relative, folder))) return { ok: true, kind: 'download' };
  return refuse(
    `${relative} is neither an image (${IMAGE_EXTENSIONS.map((e) => e.slice(1)).join(', ')}) nor in a downloads folder, so it is not published`,
    true,
  );
}

/**
 * How to publish a file as a download on purpose, for a refusal of a file a doc links.
 * `docFile` is the linking doc: the suggestion is a files/ folder beside it.
 */
export function downloadHint(docFile: string, relative: string): string {
  const folder = path.posix.dirname(docFile);
  return `to offer a file for download on purpose, put it in a files/ folder of the docs (e.g. ${folder}/files/${path.posix.basename(relative)}) or in the folder portal.yaml names as \`public_folder:\``;
}

function isInside(relative: string, folder: string): boolean {
  const prefix = folder.replace(/\/+$/, '');
  return prefix !== '' && relative.startsWith(`${prefix}/`);
}

function refuse(reason: string, downloadable: boolean): PublishDecision {
  return { ok: false, reason, downloadable };
}

/** File signatures of the raster formats, so `evil.png` holding HTML is not published as an image. */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  '.png': (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  '.jpg': (b) => starts(b, [0xff, 0xd8, 0xff]),
  '.jpeg': (b) => starts(b, [0xff, 0xd8, 0xff]),
  '.gif': (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  '.webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  '.avif': (b) => ascii(b, 4, 'ftyp') && (ascii(b, 8, 'avif') || ascii(b, 8, 'avis')),
  '.ico': (b) => starts(b, [0x00, 0x00, 0x01, 0x00]),
};

/** Why `bytes` are not the raster image their extension says, or undefined when they are (or it is not a raster type). */
export function imageContentProblem(relative: string, bytes: Uint8Array): string | undefined {
  const ext = path.posix.extname(relative).toLowerCase();
  const matches = SIGNATURES[ext];
  if (!matches || matches(bytes)) return undefined;
  return `${relative} is not a ${ext.slice(1).toUpperCase()} image (its bytes say otherwise); publish images in the format their name says`;
}

function starts(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((value, i) => bytes[i] === value);
}

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  return [...text].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));
}

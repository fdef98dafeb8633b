/**
 * What a `$ref` string points at, decided from the string alone — before anything is read.
 *
 * This is the first half of the confinement rule (DESIGN §9): URLs, absolute paths and
 * relative paths that climb out of the content folder are refused here, so their targets
 * are never opened. The second half (symlinks that lead out) needs the disk and lives in
 * `file-reader.ts`.
 */
import { posix } from 'node:path';
import { parsePointer } from './json-pointer.ts';

export type RefTarget =
  /** A file (relative to the content folder, POSIX) and the segments of the fragment. */
  | { kind: 'target'; file: string; segments: string[] }
  | { kind: 'refused'; code: 'spec-ref-url' | 'spec-ref-escape' | 'spec-ref-invalid'; message: string };

/**
 * Resolves `ref` as written in `fromFile` (a path relative to the content folder).
 * Internal refs (`#/…`) resolve to `fromFile` itself.
 */
export function resolveRef(ref: string, fromFile: string): RefTarget {
  const hash = ref.indexOf('#');
  const pathPart = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);

  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(pathPart)) {
    return {
      kind: 'refused',
      code: 'spec-ref-url',
      message: `\`$ref: ${ref}\` points to a URL; only files inside the content folder may be referenced — download the file next to the spec and use a relative path`,
    };
  }

  let decodedPath: string;
  let decodedFragment: string;
  try {
    decodedPath = decodeURIComponent(pathPart);
    decodedFragment = decodeURIComponent(fragment);
  } catch {
    return { kind: 'refused', code: 'spec-ref-invalid', message: `\`$ref: ${ref}\` is not a valid URI reference (bad %-escape)` };
  }
  if (decodedPath.includes('\0')) {
    return { kind: 'refused', code: 'spec-ref-invalid', message: `\`$ref\` contains a NUL character` };
  }

  const segments = parsePointer(decodedFragment);
  if (!segments) {
    return {
      kind: 'refused',
      code: 'spec-ref-invalid',
      message: `\`$ref: ${ref}\` has the fragment \`#${fragment}\`, which is not a JSON pointer; write \`#/path/to/node\``,
    };
  }
  if (decodedPath === '') return { kind: 'target', file: fromFile, segments };

  // Backslashes are path separators to Windows authors; treat them so here too, so that
  // `..\..\secret` cannot slip past the checks below.
  const path = decodedPath.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) {
    return {
      kind: 'refused',
      code: 'spec-ref-escape',
      message: `\`$ref: ${ref}\` is an absolute path; only files inside the content folder may be referenced, with a path relative to the referring file`,
    };
  }
  const file = posix.normalize(posix.join(posix.dirname(fromFile), path));
  if (file === '..' || file.startsWith('../') || file === '.' || file.endsWith('/')) {
    return {
      kind: 'refused',
      code: file === '.' || file.endsWith('/') ? 'spec-ref-invalid' : 'spec-ref-escape',
      message:
        file === '.' || file.endsWith('/')
          ? `\`$ref: ${ref}\` names a folder, not a file`
          : `\`$ref: ${ref}\` leads outside the content folder; only files inside it may be referenced`,
    };
  }
  return { kind: 'target', file, segments };
}

/**
 * Which spec file belongs to a version: the one `spec:` names (relative to the version
 * folder), else the first of openapi.{yaml,yml,json}, swagger.{yaml,yml,json} present.
 * The path rules are pure; `discoverSpec` asks the content folder what exists.
 */
import path from 'node:path';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import type { ContentFolder } from './content-files.ts';
import { globDir } from './content-files.ts';

export const DEFAULT_SPEC_NAMES: readonly string[] = [
  'openapi.yaml',
  'openapi.yml',
  'openapi.json',
  'swagger.yaml',
  'swagger.yml',
  'swagger.json',
];

export type SpecPath = { ok: true; file: string } | { ok: false; problem: string };

/** Resolves `spec:` against the version folder; refuses URLs, absolute paths and escapes from the content folder. */
export function resolveSpecPath(versionDir: string, spec: string): SpecPath {
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec) && !/^[a-z]:[\\/]/i.test(spec)) {
    return { ok: false, problem: `\`${spec}\` is a URL; \`spec\` is a path relative to the version folder (Atrium does not fetch remote specs), e.g. \`openapi.yaml\`` };
  }
  if (path.posix.isAbsolute(spec) || path.win32.isAbsolute(spec)) {
    return { ok: false, problem: `\`${spec}\` is an absolute path; \`spec\` is a path relative to the version folder, e.g. \`openapi.yaml\`` };
  }
  const file = path.posix.normalize(path.posix.join(versionDir, spec.replace(/\\/g, '/')));
  if (file === '..' || file.startsWith('../')) {
    return { ok: false, problem: `\`${spec}\` points outside the content folder; keep the spec inside it (Atrium reads nothing outside the content folder)` };
  }
  return { ok: true, file };
}

export interface SpecDiscovery {
  /** Spec file relative to the content folder. */
  spec: string | undefined;
  diagnostics: Diagnostic[];
}

/**
 * @param locate positions in version.yaml (`spec` value, or the file's root for warnings);
 *               undefined when version.yaml could not be read.
 */
export async function discoverSpec(
  folder: ContentFolder,
  versionDir: string,
  versionFile: string,
  spec: string | undefined,
  locate: ((path: string[]) => Position) | undefined,
): Promise<SpecDiscovery> {
  const where = (keyPath: string[]) => (locate ? { file: versionFile, ...locate(keyPath) } : { file: versionFile });

  if (spec !== undefined) {
    const resolved = resolveSpecPath(versionDir, spec);
    if (!resolved.ok) return { spec: undefined, diagnostics: [{ severity: 'error', code: 'spec-path', message: `spec: ${resolved.problem}`, ...where(['spec']) }] };
    const status = await folder.status(resolved.file);
    if (status === 'file') return { spec: resolved.file, diagnostics: [] };
    let problem: string;
    if (status === 'outside') problem = `\`${spec}\` is a link to a file outside the content folder; keep the spec inside it`;
    else if (status === 'directory') problem = `\`${spec}\` is a folder; name the spec file, e.g. \`${spec.replace(/\/$/, '')}/openapi.yaml\``;
    else {
      const siblings = (await folder.list([`${globDir(path.posix.dirname(resolved.file))}/*`])).map((f) => path.posix.basename(f));
      problem = `spec file \`${resolved.file}\` does not exist${didYouMean(path.posix.basename(resolved.file), siblings)}`;
    }
    return { spec: undefined, diagnostics: [{ severity: 'error', code: 'spec-missing', message: `spec: ${problem}`, ...where(['spec']) }] };
  }

  const present: string[] = [];
  const outside: string[] = [];
  for (const name of DEFAULT_SPEC_NAMES) {
    const status = await folder.status(`${versionDir}/${name}`);
    if (status === 'file') present.push(name);
    else if (status === 'outside') outside.push(name);
  }
  if (present.length === 0 && outside.length > 0) {
    return {
      spec: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'spec-outside',
          message: `${versionDir}/${outside[0]} is a link to a file outside the content folder, which Atrium never reads; put the spec itself in the version folder`,
          ...where([]),
        },
      ],
    };
  }
  if (present.length === 0) {
    return {
      spec: undefined,
      diagnostics: [
        {
          severity: 'warning',
          code: 'no-spec',
          message: `version has docs only: no spec found; add openapi.yaml (or .yml, .json, or swagger.*) to ${versionDir}/ or set \`spec:\` in version.yaml`,
          ...where([]),
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  if (present.length > 1) {
    diagnostics.push({
      severity: 'warning',
      code: 'several-specs',
      message: `several spec files (${present.join(', ')}); using ${present[0]}, set \`spec:\` in version.yaml to choose`,
      ...where([]),
    });
  }
  return { spec: `${versionDir}/${present[0]}`, diagnostics };
}

/**
 * Reads a content folder (DESIGN §3) into a `ContentModel` and validates it. Every problem
 * of the run is collected — a broken file does not stop the others from being read — and
 * returned sorted by file in `model.diagnostics`; nothing here throws for bad content.
 *
 * Warnings never fail a build; `--strict` (warnings as errors) is applied by the caller
 * to the whole run's diagnostics.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { outsideLink, reportLinksOutside } from './load-products.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';
import type { YamlSource } from '../diagnostics/yaml-source.ts';
import { keptYamlParser, type ParseYaml } from '../diagnostics/kept-yaml-source.ts';
import type { ContentFolder } from './content-files.ts';
import { openContentFolder } from './content-files.ts';
import { loadProducts } from './load-products.ts';
import type { LoadState } from './load-state.ts';
import { markInvalid } from './load-state.ts';
import type { ContentModel, ControlPlaneEntry, PortalConfig } from './model.ts';
import { parseControlPlane } from './parse-control-plane.ts';
import { parseYamlFile } from './parse-yaml-file.ts';
import { checkPortalFiles } from './portal-files.ts';
import { runContentRules } from './rules/index.ts';
import { PORTAL_FILE } from './rules/environments.ts';
import { portalSchema } from './schemas/portal.ts';

/** The portal settings used when portal.yaml is missing or broken, so the rest can still be checked. */
export function defaultPortalConfig(): PortalConfig {
  return {
    title: '',
    environments: [],
    analytics: { public: false },
    plantuml: {},
    mermaid: { render: 'build' },
    branding: { footer_links: [] },
  };
}

export interface LoadOptions {
  /** Keeps parsed decK files across builds (../diagnostics/kept-yaml-source.ts), with `code`. */
  cacheDir?: string;
  /** Atrium's code fingerprint (builder/page-cache.ts). */
  code?: string;
}

export async function loadContent(root: string, options: LoadOptions = {}): Promise<ContentModel> {
  const absoluteRoot = path.resolve(root);
  const folder = await openContentFolder(absoluteRoot);
  if ('problem' in folder) {
    return {
      root: absoluteRoot,
      portal: defaultPortalConfig(),
      controlPlanes: [],
      products: [],
      diagnostics: [{ severity: 'error', code: 'content-folder', message: folder.problem }],
    };
  }

  const state: LoadState = { folder, diagnostics: [], sources: new Map<string, YamlSource>(), invalid: new Map<string, Set<string> | 'all'>() };
  const portal = await loadPortal(state);
  await checkPortalFiles(state, portal);
  const controlPlanes = await loadControlPlanes(state, keptYamlParser(options.cacheDir, options.code));
  const products = await loadProducts(state);

  const ruleDiagnostics = runContentRules({ portal, controlPlanes, products, sources: state.sources, invalid: state.invalid });
  return {
    root: absoluteRoot,
    portal,
    controlPlanes,
    products,
    diagnostics: sortDiagnostics([...state.diagnostics, ...ruleDiagnostics]),
  };
}

async function loadPortal(state: LoadState): Promise<PortalConfig> {
  const text = await state.folder.readText(PORTAL_FILE);
  if (text === undefined) {
    state.diagnostics.push(missingPortalDiagnostic(await state.folder.status('portal.yml')));
    markInvalid(state, PORTAL_FILE);
    return defaultPortalConfig();
  }
  const parsed = parseYamlFile(portalSchema, text, PORTAL_FILE);
  state.sources.set(PORTAL_FILE, parsed.source);
  state.diagnostics.push(...parsed.diagnostics);
  markInvalid(state, PORTAL_FILE, parsed.invalidKeys);
  return parsed.data ?? { ...defaultPortalConfig(), ...parsed.partial };
}

function missingPortalDiagnostic(ymlStatus: Awaited<ReturnType<ContentFolder['status']>>): Diagnostic {
  if (ymlStatus === 'file') {
    return { severity: 'error', code: 'missing-file', message: 'found portal.yml but Atrium reads portal.yaml; rename the file to portal.yaml', file: 'portal.yml' };
  }
  return {
    severity: 'error',
    code: 'missing-file',
    message: 'missing portal.yaml: the content folder needs a portal.yaml with at least `title: <portal title>`',
    file: PORTAL_FILE,
  };
}

async function loadControlPlanes(state: LoadState, parse: ParseYaml): Promise<ControlPlaneEntry[]> {
  const files = await state.folder.list(['control-planes/*.{yaml,yml,json}']);
  await reportLinksOutside(state, 'control-planes', /^control-planes\/[^/]+\.(ya?ml|json)$/);
  const planes: ControlPlaneEntry[] = [];
  const byName = new Map<string, string>();
  for (const file of files) {
    const name = path.posix.basename(file).replace(/\.(ya?ml|json)$/, '');
    const first = byName.get(name);
    if (first !== undefined) {
      state.diagnostics.push({
        severity: 'error',
        code: 'duplicate-control-plane',
        message: `control plane \`${name}\` is already defined by ${first}; keep one file per control plane`,
        file,
      });
      continue;
    }
    byName.set(name, file);
    const text = await state.folder.readText(file);
    if (text === undefined) {
      state.diagnostics.push(outsideLink(file)); // listed but a link out of the folder: never read
      continue;
    }
    const parsed = parseControlPlane(text, file, parse);
    state.sources.set(file, parsed.source);
    state.diagnostics.push(...parsed.diagnostics);
    if (!parsed.deck || parsed.diagnostics.some((d) => d.severity === 'error')) markInvalid(state, file);
    planes.push({ name, file, deck: parsed.deck ?? {}, source: parsed.source });
  }
  return planes;
}

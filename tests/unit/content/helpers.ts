/** Temporary content folders for loader tests: a small valid portal plus per-test overrides. */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { formatDiagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { loadContent } from '../../../src/lib/content/load-content.ts';
import type { ContentModel } from '../../../src/lib/content/model.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const SHARED = path.join(FIXTURES, 'shared');

const created: string[] = [];

/** Removes the folders made by `makePortal` in this test file. */
export function cleanUpPortals(): void {
  afterEach(async () => {
    await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
}

/** A minimal portal that loads with no diagnostic at all; tests replace or delete files (value `null`). */
export const BASE_PORTAL: Record<string, string> = {
  'portal.yaml': 'title: Test portal\n',
  'control-planes/production.yaml': [
    '_format_version: "3.0"',
    'services:',
    '  - name: flights-service',
    '    id: 0b5d6c2e-1111-4222-8333-944455556666',
    '    url: http://flights.internal:8080',
    '    routes:',
    '      - name: flights',
    '        paths: [/flights]',
    '  - name: bookings-service',
    '    url: http://bookings.internal:8080',
    '    routes:',
    '      - name: bookings',
    '        paths: [/bookings]',
    '',
  ].join('\n'),
  'products/flights/product.yaml': 'name: Flights\n',
  'products/flights/versions/v1/version.yaml': [
    'gateway_services:',
    '  - control_plane: production',
    '    service: flights-service',
    '',
  ].join('\n'),
  'products/flights/versions/v1/openapi.yaml': 'openapi: 3.1.0\ninfo: { title: Flights, version: "1" }\npaths: {}\n',
};

/** Writes `files` (relative paths → text; `null` leaves a file out) into a new temporary folder. */
export async function makePortal(files: Record<string, string | null>, base: Record<string, string> = BASE_PORTAL): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'atrium-content-'));
  created.push(root);
  for (const [rel, text] of Object.entries({ ...base, ...files })) {
    if (text === null) continue;
    const target = path.join(root, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return root;
}

/** Copies a fixture folder (tests/fixtures/content/<name>) into a new temporary folder. */
export async function copyFixture(name: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'atrium-content-'));
  created.push(root);
  await cp(path.join(FIXTURES, 'content', name), root, { recursive: true });
  return root;
}

/** Copies a file from tests/fixtures/shared into a content folder. */
export async function copyShared(from: string, root: string, to: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, to)), { recursive: true });
  await cp(path.join(SHARED, from), path.join(root, to));
}

/** Loads a portal made from BASE_PORTAL plus `files`; returns the model and its diagnostics as printed. */
export async function load(files: Record<string, string | null>): Promise<{ model: ContentModel; printed: string[] }> {
  const model = await loadContent(await makePortal(files));
  return { model, printed: model.diagnostics.map(formatDiagnostic) };
}

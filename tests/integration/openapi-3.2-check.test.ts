/**
 * `atrium check --strict` passes a valid OpenAPI 3.2 document that uses what 3.2 adds
 * (`query`, `additionalOperations`): the OpenAPI Initiative's path-item example, behind a
 * Kong route that serves it (issue 13).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';

async function portalWithSpec(specFile: string): Promise<string> {
  const root = await tempDir();
  const version = path.join(root, 'products/pets/versions/v1');
  await fs.mkdir(path.join(root, 'control-planes'), { recursive: true });
  await fs.mkdir(version, { recursive: true });
  await fs.writeFile(path.join(root, 'portal.yaml'), 'title: Test portal\nenvironments:\n  - name: production\n    control_plane: prod\n');
  await fs.writeFile(
    path.join(root, 'control-planes/prod.yaml'),
    '_format_version: "3.0"\nservices:\n  - name: pets\n    url: http://pets.internal:8080\n    routes:\n      - name: pets\n        paths: ["/pets"]\n',
  );
  await fs.writeFile(path.join(root, 'products/pets/product.yaml'), 'name: Pets\npublished: true\n');
  await fs.writeFile(path.join(version, 'version.yaml'), 'publish_status: published\ngateway_services:\n  - control_plane: prod\n    service: pets\n');
  await fs.copyFile(path.join(REPO_ROOT, 'tests/fixtures/specs/oai-examples', specFile), path.join(version, 'openapi.yaml'));
  return root;
}

describe('atrium check --strict on OpenAPI 3.2', () => {
  it('passes the OAI path-item example (query and additionalOperations), with nothing reported', async () => {
    const content = await portalWithSpec('3.2-path-item-object-example.yaml');
    const result = await runAtrium(['check', '--content', content, '--strict', '--format', 'json']);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('still fails on a 3.2 document that breaks the 3.2 schema', async () => {
    const content = await portalWithSpec('3.2-path-item-object-example.yaml');
    const spec = path.join(content, 'products/pets/versions/v1/openapi.yaml');
    await fs.writeFile(spec, (await fs.readFile(spec, 'utf8')).replace('in: path', 'in: body'));
    const result = await runAtrium(['check', '--content', content, '--strict', '--format', 'json']);
    expect(result.code).toBe(1);
    const problems = JSON.parse(result.stdout) as { file: string; message: string }[];
    expect(problems.some((p) => p.file === 'products/pets/versions/v1/openapi.yaml' && p.message.includes('OpenAPI 3.2 schema'))).toBe(true);
  });
});

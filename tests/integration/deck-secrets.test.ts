/**
 * Issue 5's leak test: a portal over Kong's kong2kic test data (credentials, private keys,
 * aws_secret, vault references, consumers, upstreams) — built for both audiences — must not
 * contain any secret of that file in any output file.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, listFiles, runAtrium, tempDir } from '../helpers/cli.ts';
import { collectSecrets, leakedSecrets } from '../unit/gateway/helpers.ts';

const DECK = path.join(REPO_ROOT, 'tests/fixtures/shared/deck/kong2kic-input.yaml');
let content: string;
let out: string;

beforeAll(async () => {
  const dir = await tempDir();
  content = path.join(dir, 'content');
  out = path.join(dir, 'out');
  await fs.mkdir(path.join(content, 'control-planes'), { recursive: true });
  await fs.copyFile(DECK, path.join(content, 'control-planes', 'kong2kic.yaml'));
  await fs.writeFile(
    path.join(content, 'portal.yaml'),
    'title: Leak test\nenvironments:\n  - name: production\n    control_plane: kong2kic\n',
  );
  const version = path.join(content, 'products', 'example', 'versions', 'v1');
  await fs.mkdir(version, { recursive: true });
  await fs.writeFile(path.join(content, 'products', 'example', 'product.yaml'), 'name: Example\npublished: true\n');
  await fs.writeFile(
    path.join(version, 'version.yaml'),
    'publish_status: published\ngateway_services:\n  - control_plane: kong2kic\n    service: example-service\n',
  );
  await fs.writeFile(
    path.join(version, 'openapi.yaml'),
    'openapi: 3.0.3\ninfo: { title: Example, version: "1" }\npaths:\n  /v1/example:\n    get:\n      operationId: getExample\n      responses: { "200": { description: ok } }\n',
  );
}, 60_000);

describe('a portal over kong2kic-input.yaml', () => {
  const secrets = () => collectSecrets(parse(readFileSync(DECK, 'utf8')));

  it('finds the secrets the file is known to hold (so the grep below can fail)', () => {
    const list = secrets();
    expect(list).toContain('my_basic_password');
    expect(list.some((s) => s.includes('-----BEGIN'))).toBe(true);
    expect(list.length).toBeGreaterThan(20);
  });

  for (const audience of ['public', 'internal'] as const) {
    it(`leaks none of them into any ${audience} output file`, async () => {
      const target = `${out}-${audience}`;
      const result = await runAtrium(['build', '--content', content, '--out', target, '--audience', audience]);
      expect(result.code, result.stderr).toBe(0);
      // The service did resolve: the environment is really there to leak from.
      const manifest = JSON.parse(await fs.readFile(path.join(target, 'portal.json'), 'utf8'));
      expect(manifest.products[0].versions[0].environments[0].auth.length).toBeGreaterThan(0);
      const list = secrets();
      for (const file of await listFiles(target)) {
        const text = await fs.readFile(path.join(target, file), 'latin1');
        expect(leakedSecrets(text, list), file).toEqual([]);
      }
    }, 120_000);
  }
});

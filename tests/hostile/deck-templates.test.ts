/**
 * Secrets: decK environment references. `deck gateway sync` fills `${{ env "DECK_…" }}` from
 * the environment of whoever runs it, so the file only names where a secret comes from. A
 * portal over such a file must publish neither the template nor the variable name, in any
 * output file of either audience, and say "configured per environment" where a consumer
 * needs the value (key name, CORS origins, base URL).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesContaining, listFiles, runAtrium, tempDir } from '../helpers/cli.ts';

const env = (name: string) => `\${{ env "DECK_SECRET_${name}" }}`;

const DECK = `_format_version: "3.0"
services:
  - name: orders
    url: ${JSON.stringify(env('UPSTREAM_URL'))}
    routes:
      - name: ${JSON.stringify(env('ROUTE_NAME'))}
        hosts: [${JSON.stringify(env('HOST'))}]
        paths: [/orders]
        headers:
          x-tenant: [${JSON.stringify(env('TENANT'))}]
      - name: orders-prefixed
        hosts: [api.example.com]
        paths: [${JSON.stringify(`/${env('PREFIX')}`)}]
    plugins:
      - name: key-auth
        config:
          key_names: [${JSON.stringify(env('KEY_NAME'))}]
      - name: cors
        config:
          origins: [${JSON.stringify(env('ORIGIN'))}]
          headers: [${JSON.stringify(env('HEADER'))}]
      - name: rate-limiting
        config:
          minute: ${JSON.stringify(env('RATE'))}
      - name: request-size-limiting
        config:
          allowed_payload_size: ${JSON.stringify(env('SIZE'))}
  - id: svc-2
    name: ${JSON.stringify(env('SERVICE_NAME'))}
    host: ${JSON.stringify(env('OTHER_HOST'))}
    routes:
      - name: payments
        hosts: [pay.example.com]
        paths: [/pay]
        expression: ${JSON.stringify(`http.host == "${env('EXPR_HOST')}"`)}
    plugins:
      - name: jwt
        config:
          header_names: [${JSON.stringify(env('JWT_HEADER'))}]
      - name: openid-connect
        config:
          issuer: ${JSON.stringify(env('ISSUER'))}
          scopes: [openid, ${JSON.stringify(env('SCOPE'))}]
`;

let content: string;
let out: string;
let scratch: string | undefined;
afterAll(() => (scratch ? fs.rm(scratch, { recursive: true, force: true }) : undefined));

beforeAll(async () => {
  const dir = await tempDir('atrium-hostile-deck-');
  scratch = dir;
  content = path.join(dir, 'content');
  out = path.join(dir, 'out');
  const version = path.join(content, 'products', 'orders', 'versions', 'v1');
  await fs.mkdir(path.join(content, 'control-planes'), { recursive: true });
  await fs.mkdir(version, { recursive: true });
  await fs.writeFile(path.join(content, 'control-planes', 'production.yaml'), DECK);
  await fs.writeFile(
    path.join(content, 'portal.yaml'),
    'title: Templates\nenvironments:\n  - name: production\n    control_plane: production\n',
  );
  await fs.writeFile(path.join(content, 'products', 'orders', 'product.yaml'), 'name: Orders\npublished: true\n');
  await fs.writeFile(
    path.join(version, 'version.yaml'),
    'publish_status: published\ngateway_services:\n  - control_plane: production\n    service: orders\n',
  );
  await fs.writeFile(
    path.join(version, 'openapi.yaml'),
    'openapi: 3.0.3\ninfo: { title: Orders, version: "1" }\npaths:\n  /orders:\n    get:\n      operationId: listOrders\n      responses: { "200": { description: ok } }\n',
  );
  // A second version on the service whose name is templated, linked by its id.
  const v2 = path.join(content, 'products', 'orders', 'versions', 'v2');
  await fs.mkdir(v2, { recursive: true });
  await fs.writeFile(path.join(v2, 'version.yaml'), 'publish_status: published\ngateway_services:\n  - control_plane: production\n    service: svc-2\n');
  await fs.writeFile(
    path.join(v2, 'openapi.yaml'),
    'openapi: 3.0.3\ninfo: { title: Payments, version: "2" }\npaths:\n  /pay:\n    get:\n      operationId: pay\n      responses: { "200": { description: ok } }\n',
  );
}, 60_000);

describe('a decK file with ${{ env "DECK_…" }} in key names, CORS origins, hosts, paths and headers', () => {
  it('passes check: a template is a value set at deploy time, not an error', async () => {
    const result = await runAtrium(['check', '--content', content]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('DECK_');
  }, 120_000);

  for (const audience of ['public', 'internal'] as const) {
    it(`publishes no template or DECK_ name in any ${audience} output file, and says "configured per environment"`, async () => {
      const target = `${out}-${audience}`;
      const result = await runAtrium(['build', '--content', content, '--out', target, '--audience', audience]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout + result.stderr).not.toContain('DECK_');

      // The service resolved, so there was something to leak from.
      const manifest = JSON.parse(await fs.readFile(path.join(target, 'portal.json'), 'utf8'));
      const versions = manifest.products[0].versions as { name: string; environments: { auth: string[]; base_urls: string[]; service: string }[] }[];
      const environment = versions.find((v) => v.name === 'v1')!.environments[0]!;
      // The templated service name is not published; the link's own text (the id) stands for it.
      expect(versions.find((v) => v.name === 'v2')!.environments[0]!.service).toBe('svc-2');
      expect(environment.auth).toEqual(['key-auth']);
      expect((await listFiles(target)).length).toBeGreaterThan(5);

      expect(await filesContaining(target, 'DECK_')).toEqual([]);
      expect(await filesContaining(target, '${{')).toEqual([]);
      // A templated key name or origin is not replaced by Kong's default.
      expect(environment.base_urls).toEqual([]);

      const page = await fs.readFile(path.join(target, 'products', 'orders', 'v1', 'index.html'), 'utf8');
      const text = page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).toMatch(/gateway address is configured per environment/);
      expect(text).toMatch(/API key[^.]* with a name configured per environment/);
      expect(text).toMatch(/Origins: configured per environment/);
      expect(text).toMatch(/Limits configured per environment/);
      expect(text).not.toMatch(/`?apikey`?/);
      expect(text).not.toMatch(/Origins: (\*|any)/);
    }, 180_000);
  }
});

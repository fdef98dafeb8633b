/**
 * Issue 14 items 9–10: what `atrium check` says about a decK file, each at file:line:col.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load-content.ts';

const DECK = `_format_version: "3.0"
_plugin_configs:
  shared-jwt:
    key_claim_name: iss
services:
- name: linked
  host: upstream.internal
  routes:
  - name: regexish
    paths:
    - /users/\\d+
  - name: grpc-route
    protocols: [grpc]
    hosts: [grpc.example.com]
  - name: templated
    hosts:
    - \${{ env "DECK_HOST" }}
    paths: [/t]
  - name: bad-expression
    expression: http.path == 
  plugins:
  - name: jwt
    _config: no-such-config
- name: empty
  host: other.internal
routes:
- name: orphan
  service: missing-service
  paths: [/orphan]
plugins:
- name: key-auth
  route: nowhere
`;

async function check(): Promise<string[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-deck-'));
  await fs.mkdir(path.join(root, 'control-planes'), { recursive: true });
  await fs.writeFile(path.join(root, 'control-planes', 'prod.yaml'), DECK);
  await fs.writeFile(path.join(root, 'portal.yaml'), 'title: T\nenvironments:\n  - name: production\n    control_plane: prod\n');
  for (const service of ['linked', 'empty']) {
    const dir = path.join(root, 'products', service, 'versions', 'v1');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(root, 'products', service, 'product.yaml'), `name: ${service}\n`);
    await fs.writeFile(path.join(dir, 'version.yaml'), `gateway_services:\n  - control_plane: prod\n    service: ${service}\n`);
  }
  const content = await loadContent(root);
  return content.diagnostics
    .filter((d) => d.file === 'control-planes/prod.yaml')
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('decK diagnostics', () => {
  it('reports broken references as errors and router findings as warnings, with positions', async () => {
    const lines = await check();
    const find = (text: string) => lines.find((line) => line.includes(text));
    expect(find('plugin refers to `_plugin_configs` entry "no-such-config"')).toMatch(/^23:5 error /);
    expect(find('service "missing-service" is not in this decK file')).toMatch(/^28:3 error /);
    expect(find('route "nowhere" is not in this decK file')).toMatch(/^32:3 error /);
    expect(find('looks like a regex but has no `~`')).toMatch(/^11:7 warning /);
    expect(find('route "bad-expression": expression cannot be read')).toMatch(/^20:5 warning /);
    expect(find('route `grpc-route` of service `linked` speaks grpc')).toMatch(/^12:5 warning /);
    expect(find('unrendered decK template')).toMatch(/^17:7 warning /);
    expect(find('service `empty` has no routes')).toMatch(/^24:3 warning /);
    expect(lines).toHaveLength(8);
  });
});

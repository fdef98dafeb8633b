/**
 * What users see when content is wrong: every error with its position in one run, exit
 * codes per DESIGN §7, and a failed build that leaves the previous output exactly as it was.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, copyDir, listFiles, runAtrium, tempDir } from '../helpers/cli.ts';

let dir: string;

/** A small valid portal: one product, one version linked to KongAir's flights service. */
async function writeValidPortal(root: string): Promise<void> {
  await fs.mkdir(path.join(root, 'control-planes'), { recursive: true });
  await fs.copyFile(path.join(REPO_ROOT, 'tests/fixtures/shared/kongair/kong.yaml'), path.join(root, 'control-planes/prod.yaml'));
  await fs.writeFile(path.join(root, 'portal.yaml'), 'title: Test portal\nenvironments:\n  - name: production\n    control_plane: prod\n');
  const version = path.join(root, 'products/flights/versions/v1');
  await fs.mkdir(version, { recursive: true });
  await fs.writeFile(path.join(root, 'products/flights/product.yaml'), 'name: Flights\npublished: true\n');
  await fs.writeFile(
    path.join(version, 'version.yaml'),
    'publish_status: published\ngateway_services:\n  - control_plane: prod\n    service: flights-service\n',
  );
  await fs.copyFile(path.join(REPO_ROOT, 'tests/fixtures/shared/kongair/flights.openapi.yaml'), path.join(version, 'openapi.yaml'));
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(root)) {
    out[file] = crypto.createHash('sha256').update(await fs.readFile(path.join(root, file))).digest('hex');
  }
  return out;
}

beforeAll(async () => {
  dir = await tempDir();
});

describe('atrium check on broken content', () => {
  it('reports a malformed product.yaml and a dangling gateway link together, with positions, and exits 1', async () => {
    const content = path.join(dir, 'broken');
    await writeValidPortal(content);
    await fs.writeFile(path.join(content, 'products/flights/product.yaml'), 'name: Flights\npublsh: true\ndescription: [unclosed\n');
    await fs.writeFile(
      path.join(content, 'products/flights/versions/v1/version.yaml'),
      'publish_status: published\ngateway_services:\n  - control_plane: prod\n    service: flights-servce\n',
    );
    const text = await runAtrium(['check', '--content', content]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/^products\/flights\/product\.yaml:\d+:\d+: error: /m);
    expect(text.stderr).toMatch(/^products\/flights\/versions\/v1\/version\.yaml:4:\d+: error: .*flights-servce.*flights-service/m);
    expect(text.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const json = await runAtrium(['check', '--content', content, '--format', 'json']);
    expect(json.code).toBe(1);
    const problems = JSON.parse(json.stdout) as { file: string; line: number; column: number; severity: string; message: string }[];
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.file)).toEqual(
      expect.arrayContaining(['products/flights/product.yaml', 'products/flights/versions/v1/version.yaml']),
    );
    for (const p of problems) expect(Object.keys(p).sort()).toEqual(['column', 'file', 'line', 'message', 'severity']);
    // Sorted by file.
    expect(problems.map((p) => p.file)).toEqual([...problems.map((p) => p.file)].sort());
  });

  it('exits 0 on valid content and 2 on bad usage', async () => {
    const content = path.join(dir, 'valid');
    await writeValidPortal(content);
    expect((await runAtrium(['check', '--content', content])).code).toBe(0);
    expect((await runAtrium(['check', '--content', content, '--format', 'xml'])).code).toBe(2);
    expect((await runAtrium(['check', '--content', path.join(dir, 'missing')])).code).toBe(2);
    expect((await runAtrium(['build', '--content', content, '--audience', 'everyone'])).code).toBe(2);
    expect((await runAtrium(['frobnicate'])).code).toBe(2);
  });

  it('fails a public build whose published doc links an unpublished one, saying so; internal builds', async () => {
    const content = path.join(dir, 'unpublished-link');
    await writeValidPortal(content);
    await fs.mkdir(path.join(content, 'products/flights/docs'), { recursive: true });
    await fs.writeFile(path.join(content, 'products/flights/docs/index.md'), '---\ntitle: Home\n---\n\nSee [the runbook](./runbook.md).\n');
    await fs.writeFile(path.join(content, 'products/flights/docs/runbook.md'), '---\ntitle: Runbook\nstatus: unpublished\n---\n\nInternal.\n');
    const check = await runAtrium(['check', '--content', content]);
    expect(check.code).toBe(1); // check covers both audiences
    expect(check.stderr).toContain('runbook.md is not published in the public portal');
    const build = await runAtrium(['build', '--content', content, '--out', path.join(dir, 'unpub-out')]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/^products\/flights\/docs\/index\.md:5:5: error: Broken link "\.\/runbook\.md": products\/flights\/docs\/runbook\.md is not published in the public portal/m);
    const internal = await runAtrium(['build', '--content', content, '--out', path.join(dir, 'unpub-internal'), '--audience', 'internal']);
    expect(internal.code, internal.stderr).toBe(0);
  });

  it('refuses a brand logo outside the content folder', async () => {
    const content = path.join(dir, 'logo');
    await writeValidPortal(content);
    await fs.appendFile(path.join(content, 'portal.yaml'), 'branding:\n  logo: ../../../../etc/passwd\n');
    const result = await runAtrium(['build', '--content', content, '--out', path.join(dir, 'logo-out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^portal\.yaml:6:9: error: branding\.logo: .* not a file inside the content folder/m);
  });

  it('--strict turns warnings into errors', async () => {
    const content = path.join(dir, 'strict');
    await writeValidPortal(content);
    // KongAir's flights spec has lint findings (warnings) but no errors.
    const plain = await runAtrium(['check', '--content', content, '--format', 'json']);
    const warnings = JSON.parse(plain.stdout).filter((p: { severity: string }) => p.severity === 'warning');
    expect(plain.code).toBe(0);
    if (warnings.length === 0) {
      await fs.writeFile(path.join(content, 'products/flights/versions/v1/version.yaml'), 'publish_status: published\n');
    }
    expect((await runAtrium(['check', '--content', content, '--strict'])).code).toBe(1);
  });
});

describe('a failed build', () => {
  it('leaves the previous output folder exactly as it was', async () => {
    const content = path.join(dir, 'swap');
    const out = path.join(dir, 'swap-out');
    await writeValidPortal(content);
    const first = await runAtrium(['build', '--content', content, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);
    expect(Object.keys(before)).toContain('portal.json');

    // An unresolvable $ref is an error found late (in the resolve phase).
    const spec = path.join(content, 'products/flights/versions/v1/openapi.yaml');
    await fs.appendFile(spec, '\nx-broken:\n  $ref: "./nowhere.yaml"\n');
    await fs.writeFile(path.join(content, 'products/flights/versions/v1/openapi.yaml'),
      (await fs.readFile(spec, 'utf8')).replace('paths:', 'paths:\n  /broken:\n    $ref: "./nowhere.yaml#/x"'));
    const second = await runAtrium(['build', '--content', content, '--out', out]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/openapi\.yaml:\d+:\d+: error: /);
    expect(await snapshot(out)).toEqual(before);
    // No run folder (`.<out>.atrium-build-*`) is left next to it either.
    expect((await fs.readdir(dir)).filter((n) => n.includes('.atrium-'))).toEqual([]);
  });

  it('a second identical build gives byte-identical output', async () => {
    const content = path.join(dir, 'determinism');
    await copyDir(path.join(REPO_ROOT, 'content'), content);
    const a = path.join(dir, 'det-a');
    const b = path.join(dir, 'det-b');
    expect((await runAtrium(['build', '--content', content, '--out', a])).code).toBe(0);
    expect((await runAtrium(['build', '--content', content, '--out', b])).code).toBe(0);
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });
});

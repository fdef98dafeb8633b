import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { versionTemplate } from '../../../src/lib/manage/templates.ts';
import { contentErrors, copyExample, editFile, read, runCli, snapshot } from './harness.ts';

let root: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ root, remove } = await copyExample()));
afterEach(async () => remove());

const content = () => ['--content', root];
const V1 = 'products/flights/versions/v1/version.yaml';
const V2 = 'products/flights/versions/v2/version.yaml';
const V3 = 'products/flights/versions/v3/version.yaml';

/** Runs a command that must be refused with `exit`, and checks that no byte of the folder changed. */
async function refused(args: string[], exit: 1 | 2): Promise<string> {
  const before = await snapshot(root);
  const run = await runCli([...args, ...content()]);
  expect(run.exit, run.stderr).toBe(exit);
  expect(await snapshot(root)).toEqual(before);
  return run.stderr;
}

/** Runs a command that must succeed and leave content that loads without errors. */
async function succeeds(args: string[]): Promise<string> {
  const run = await runCli([...args, ...content()]);
  expect(run.exit, run.stderr).toBe(0);
  expect(await contentErrors(root)).toEqual([]);
  return run.stdout;
}

describe('atrium version new', () => {
  it('creates an unpublished version.yaml from the template', async () => {
    expect(await succeeds(['version', 'new', 'flights', 'v4'])).toBe('created products/flights/versions/v4/version.yaml (flights v4, unpublished)');
    expect(await readdir(path.join(root, 'products/flights/versions/v4'))).toEqual(['version.yaml']);
    const text = await read(root, 'products/flights/versions/v4/version.yaml');
    expect(text).toBe(versionTemplate({ productSlug: 'flights', productName: 'Flights', version: 'v4' }));
    expect(parse(text)).toEqual({ name: 'v4', publish_status: 'unpublished', gateway_services: [] });
    expect(text).toContain('#   atrium version promote flights v4 --to <environment> --service <service name>\n');
  });

  it('with --from, copies the spec and docs of that version and writes a fresh version.yaml', async () => {
    const stdout = await succeeds(['version', 'new', 'flights', 'v4', '--from', 'v2']);
    expect(stdout).toMatch(/^created products\/flights\/versions\/v4\/version\.yaml \(flights v4, unpublished, \d+ file\(s\) copied from v2\)$/);
    const from = path.join(root, 'products/flights/versions/v2');
    const to = path.join(root, 'products/flights/versions/v4');
    const copied = (await readdir(from, { recursive: true })).filter((f) => f !== 'version.yaml').sort();
    expect(copied).toContain('openapi.yaml');
    expect((await readdir(to, { recursive: true })).sort()).toEqual([...copied, 'version.yaml'].sort());
    for (const file of copied) {
      if ((await readdir(from, { withFileTypes: true })).some((e) => e.name === file && e.isDirectory())) continue;
      expect(await readFile(path.join(to, file), 'utf8').catch(() => 'dir')).toBe(await readFile(path.join(from, file), 'utf8').catch(() => 'dir'));
    }
    // Fresh: not published, not deployed, whatever v2 is.
    expect(parse(await read(root, 'products/flights/versions/v4/version.yaml'))).toEqual({ name: 'v4', publish_status: 'unpublished', gateway_services: [] });
  });

  it('with --from, keeps the `spec:` of that version', async () => {
    await succeeds(['version', 'new', 'flights', 'v4', '--from', 'v3']);
    expect(parse(await read(root, 'products/flights/versions/v4/version.yaml')).spec).toBe(parse(await read(root, V3)).spec);
  });

  it('refuses an existing version, a name that is not URL-safe or reserved, an unknown product or --from', async () => {
    expect(await refused(['version', 'new', 'flights', 'v2'], 1)).toContain(
      'products/flights/versions/v2/: error: product `flights` already has a version `v2` (products/flights/versions/v2/); choose another name',
    );
    expect(await refused(['version', 'new', 'flights', 'V 4'], 2)).toContain('atrium: version `V 4` is not URL-safe');
    expect(await refused(['version', 'new', 'flights', 'docs'], 2)).toContain("would clash with the product's /docs/ pages");
    expect(await refused(['version', 'new', 'flight', 'v4'], 1)).toContain('no product `flight` in products/');
    expect(await refused(['version', 'new', 'flights', 'v4', '--from', 'v9'], 1)).toContain('product `flights` has no version `v9`');
  });
});

describe('atrium version publish|unpublish', () => {
  it('sets publish_status in place, keeping comments', async () => {
    const before = await editFile(root, V3, 'publish_status: unpublished', 'publish_status: unpublished # draft until review');
    expect(await succeeds(['version', 'publish', 'flights', 'v3'])).toBe(`${V3}: publish_status: published (shown on the public portal)`);
    expect(await read(root, V3)).toBe(before.replace('publish_status: unpublished #', 'publish_status: published #'));

    expect(await succeeds(['version', 'unpublish', 'flights', 'v3'])).toBe(`${V3}: publish_status: unpublished (hidden from the public portal)`);
    expect(await read(root, V3)).toBe(before);
  });

  it('notes when the version is the replacement of a published deprecated one', async () => {
    const run = await runCli(['version', 'unpublish', 'flights', 'v2', ...content()]);
    expect(run.exit).toBe(0);
    expect(run.stderr).toContain(`note: ${V1} names it as \`deprecation.replacement\``);
  });

  it('refuses an unknown version, listing the versions', async () => {
    expect(await refused(['version', 'publish', 'flights', 'v7'], 1)).toMatch(
      /^products\/flights\/versions\/: error: product `flights` has no version `v7` \(its versions: `v1`, `v2`, `v3`.*\)/m,
    );
  });
});

describe('atrium version deprecate', () => {
  it('sets deprecated and the deprecation map after publish_status, keeping comments', async () => {
    const before = await editFile(root, V2, 'publish_status: published\n', 'publish_status: published\n# the links:\n');
    const stdout = await succeeds(['version', 'deprecate', 'flights', 'v2', '--sunset', '2028-01-31', '--replacement', 'v3', '--message', 'Move to v3.']);
    expect(stdout).toBe(`${V2}: deprecated: true (sunset 2028-01-31, replacement v3, message set)`);
    expect(await read(root, V2)).toBe(
      before.replace(
        'publish_status: published\n',
        'publish_status: published\ndeprecated: true\ndeprecation:\n  message: Move to v3.\n  sunset: 2028-01-31\n  replacement: v3\n',
      ),
    );
  });

  it('updates an existing deprecation, keeping the fields not given and the folded message', async () => {
    const before = await read(root, V1);
    await succeeds(['version', 'deprecate', 'flights', 'v1', '--sunset', '2027-12-31']);
    expect(await read(root, V1)).toBe(before.replace(/sunset: \S+/, 'sunset: 2027-12-31'));
  });

  it('refuses a bad date (exit 2), the version itself or an unknown replacement (exit 1)', async () => {
    expect(await refused(['version', 'deprecate', 'flights', 'v2', '--sunset', '2028-02-30'], 2)).toContain(
      'atrium: --sunset must be a calendar date written YYYY-MM-DD, like 2027-06-30, not "2028-02-30"',
    );
    expect(await refused(['version', 'deprecate', 'flights', 'v2', '--sunset', '31/01/2028'], 2)).toContain('--sunset must be a calendar date');
    expect(await refused(['version', 'deprecate', 'flights', 'v2', '--replacement', 'v2'], 1)).toContain(
      `${V2}:1:1: error: --replacement \`v2\` is the version being deprecated; name the version its users should move to`,
    );
    expect(await refused(['version', 'deprecate', 'flights', 'v2', '--replacement', 'v9'], 1)).toContain(
      'products/flights/versions/: error: --replacement: product `flights` has no version `v9`',
    );
  });
});

describe('atrium version promote', () => {
  it("adds the environment's control plane with the service the version runs as elsewhere (by name, not the staging id)", async () => {
    const before = await editFile(root, V2, 'gateway_services:\n', 'gateway_services: # where v2 runs\n');
    const stdout = await succeeds(['version', 'promote', 'flights', 'v2', '--to', 'production']);
    expect(stdout).toBe(`${V2}: flights v2 now runs in production (control plane prod) as service flights-v2-service`);
    expect(await read(root, V2)).toBe(`${before.replace(/\n?$/, '\n')}  - control_plane: prod\n    service: flights-v2-service\n`);
    expect(await read(root, V2)).toContain('gateway_services: # where v2 runs\n');
  });

  it('updates the entry of a control plane it already runs in; --to may name a control plane', async () => {
    const before = await read(root, V1);
    const stdout = await succeeds(['version', 'promote', 'flights', 'v1', '--to', 'prod', '--service', 'routes-service']);
    expect(stdout).toBe(`${V1}: flights v1 now runs in production (control plane prod) as service routes-service (was flights-service)`);
    expect(await read(root, V1)).toBe(before.replace('service: flights-service', 'service: routes-service'));
  });

  it('does nothing when the version already runs there as that service (an id and its name are the same service)', async () => {
    const before = await snapshot(root);
    const run = await runCli(['version', 'promote', 'flights', 'v2', '--to', 'staging', '--service', 'flights-v2-service', ...content()]);
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('already runs in staging (control plane staging)');
    expect(await snapshot(root)).toEqual(before);
  });

  it('creates gateway_services for a version that runs nowhere yet', async () => {
    const before = await read(root, V3);
    await succeeds(['version', 'promote', 'flights', 'v3', '--to', 'development', '--service', 'flights-v2-service']);
    expect(await read(root, V3)).toBe(`${before.replace(/\n?$/, '\n')}gateway_services:\n  - control_plane: dev\n    service: flights-v2-service\n`);
  });

  it('refuses a service that is not in the control plane, listing the services that are', async () => {
    const stderr = await refused(['version', 'promote', 'flights', 'v2', '--to', 'production', '--service', 'flights-v9-service'], 1);
    expect(stderr).toMatch(
      /^control-planes\/prod\.yaml:1:1: error: no service `flights-v9-service` \(by name or id\) in control plane `prod` \(its services: .*`flights-v2-service`.*\); name one of them with --service/m,
    );
    expect(stderr).toContain('atrium version promote: nothing was changed');
  });

  it('refuses when the service the version runs as elsewhere is not in the target control plane', async () => {
    const stderr = await refused(['version', 'promote', 'flights', 'v1', '--to', 'staging'], 1);
    expect(stderr).toContain('v1 runs as `flights-service` elsewhere, but no service `flights-service` (by name or id) in control plane `staging`');
  });

  it('refuses an unknown environment (exit 1), and a version with no service to carry over (exit 2)', async () => {
    expect(await refused(['version', 'promote', 'flights', 'v2', '--to', 'prodution'], 1)).toMatch(
      /^portal\.yaml:1:1: error: no environment or control plane `prodution` \(environments in portal\.yaml: `development`, `staging`, `production`; control planes: .*\); did you mean `production`\?/m,
    );
    expect(await refused(['version', 'promote', 'flights', 'v3', '--to', 'production'], 2)).toContain(
      'atrium: version `v3` runs nowhere yet, so there is no service to carry over; name it with --service',
    );
    expect(await refused(['version', 'promote', 'flights', 'v3'], 2)).toContain("required option '--to <environment>' not specified");
  });
});

describe('atrium version delete', () => {
  it('refuses while another version names it as its replacement, pointing at that line', async () => {
    const text = await read(root, V1);
    const line = text.split('\n').findIndex((l) => l.includes('replacement: v2')) + 1;
    const stderr = await refused(['version', 'delete', 'flights', 'v2', '--yes'], 1);
    expect(stderr).toContain(`${V1}:${line}:16: error: deprecation.replacement names \`v2\`, which would then not exist; point it at another version first`);
  });

  it('without --yes lists what would be deleted and exits 2', async () => {
    const before = await snapshot(root);
    const run = await runCli(['version', 'delete', 'flights', 'v3', ...content()]);
    expect(run.exit).toBe(2);
    expect(run.stdout.split('\n')[0]).toMatch(/^would delete products\/flights\/versions\/v3\/ \(\d+ file\(s\)\):$/);
    expect(run.stdout.split('\n')).toContain(`  ${V3}`);
    expect(run.stderr).toBe('atrium: deleting cannot be undone; run the command again with --yes to delete products/flights/versions/v3/');
    expect(await snapshot(root)).toEqual(before);
  });

  it('with --yes deletes the folder and leaves nothing behind', async () => {
    const before = await snapshot(root);
    expect(await succeeds(['version', 'delete', 'flights', 'v3', '--yes'])).toMatch(/^deleted products\/flights\/versions\/v3\/ \(flights v3, \d+ file\(s\)\)$/);
    const after = await snapshot(root);
    expect([...before.keys()].filter((f) => !after.has(f)).every((f) => f.startsWith('products/flights/versions/v3/'))).toBe(true);
    expect([...after.keys()].filter((f) => !before.has(f))).toEqual([]);
    expect([...after.keys()].some((f) => f.includes('/v3/'))).toBe(false);
  });

  it("refuses to delete a product's only version", async () => {
    expect(await refused(['version', 'delete', 'loyalty', 'v1', '--yes'], 1)).toContain(
      'error: `v1` is the only version of product `loyalty`, and a product needs at least one; to remove the whole product, delete the folder products/loyalty/',
    );
  });

  it('refuses when the content would no longer load cleanly (another version uses its spec)', async () => {
    await editFile(root, 'products/flights/versions/v2/version.yaml', 'publish_status: published\n', 'publish_status: published\nspec: ../v3/openapi.yaml\n');
    expect(await contentErrors(root)).toEqual([]);
    const stderr = await refused(['version', 'delete', 'flights', 'v3', '--yes'], 1);
    expect(stderr).toMatch(/^products\/flights\/versions\/v2\/version\.yaml:\d+:\d+: error: spec: spec file `products\/flights\/versions\/v3\/openapi\.yaml` does not exist/m);
    expect(stderr).toContain('atrium version delete: refused, the result would not be valid content (1 error(s) above); nothing was changed');
  });
});

describe('content that already has errors', () => {
  it('can still be edited; only errors a command would add block it', async () => {
    // An error elsewhere: another product's version linked to a service that does not exist.
    await editFile(root, 'products/bookings/versions/v1/version.yaml', 'service: bookings-service', 'service: no-such-service');
    const existing = await contentErrors(root);
    expect(existing).toHaveLength(1);
    const run = await runCli(['version', 'publish', 'flights', 'v3', ...content()]);
    expect(run.exit).toBe(0);
    expect(run.stderr).toContain('note: the content folder already had 1 error(s) this command did not touch');
    expect(await contentErrors(root)).toEqual(existing);
  });

  it('edits a file whose other keys have schema errors, leaving those errors as they were', async () => {
    const before = await editFile(root, V3, 'publish_status: unpublished\n', 'publish_status: unpublished\norder: first\n');
    const existing = await contentErrors(root);
    expect(existing).toEqual([expect.stringContaining(`${V3}:`)]);
    expect((await runCli(['version', 'publish', 'flights', 'v3', ...content()])).exit).toBe(0);
    expect(await read(root, V3)).toBe(before.replace('publish_status: unpublished', 'publish_status: published'));
    expect(await contentErrors(root)).toEqual(existing);
  });
});

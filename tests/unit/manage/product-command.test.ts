import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contentErrors, copyExample, editFile, read, runCli, snapshot } from './harness.ts';

let root: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ root, remove } = await copyExample()));
afterEach(async () => remove());

const content = () => ['--content', root];

describe('atrium product new', () => {
  it('creates an unpublished product.yaml from the template; with a first version the content is valid', async () => {
    const run = await runCli(['product', 'new', 'payments', '--name', 'Payments: cards & wallets', '--description', 'Take card payments.', ...content()]);
    expect(run).toMatchObject({ exit: 0, stdout: 'created products/payments/product.yaml (product `payments`, not published)' });
    expect(run.stderr).toContain('atrium version new payments v1');

    const text = await read(root, 'products/payments/product.yaml');
    expect(parse(text)).toEqual({ name: 'Payments: cards & wallets', description: 'Take card payments.', published: false });
    expect(text).toContain('# Only published products reach the public portal: atrium product publish payments\npublished: false\n');
    // A product without versions is the one error a new product has until its first version exists.
    expect(await contentErrors(root)).toEqual([
      'products/payments/product.yaml:2:1: error: product `payments` has no versions; add a folder products/payments/versions/v1/ with a version.yaml',
    ]);

    expect((await runCli(['version', 'new', 'payments', 'v1', ...content()])).exit).toBe(0);
    expect(await contentErrors(root)).toEqual([]);
  });

  it('refuses an existing slug (exit 1) and a slug that is not URL-safe (exit 2), writing nothing', async () => {
    const before = await snapshot(root);
    const existing = await runCli(['product', 'new', 'flights', '--name', 'Flights again', ...content()]);
    expect(existing.exit).toBe(1);
    expect(existing.stderr).toContain('products/flights/: error: product `flights` already exists; choose another slug, or edit products/flights/product.yaml');

    const unsafe = await runCli(['product', 'new', 'My Payments', '--name', 'Payments', ...content()]);
    expect(unsafe.exit).toBe(2);
    expect(unsafe.stderr).toContain('atrium: product slug `My Payments` is not URL-safe');
    expect(unsafe.stderr).toContain('e.g. `my-payments`');

    const noName = await runCli(['product', 'new', 'payments', ...content()]);
    expect(noName.exit).toBe(2);
    expect(await snapshot(root)).toEqual(before);
  });

  it('reports a missing content folder as bad usage', async () => {
    const run = await runCli(['product', 'new', 'payments', '--name', 'P', '--content', `${root}/nowhere`]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(/^atrium: content folder `.*nowhere` does not exist/m);
  });
});

describe('atrium product publish|unpublish', () => {
  it('sets `published`, changing nothing else (comments, folded text, key order)', async () => {
    const file = 'products/loyalty/product.yaml';
    const before = await editFile(root, file, 'published: false', 'published: false   # until legal signs off');
    const run = await runCli(['product', 'publish', 'loyalty', ...content()]);
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe('products/loyalty/product.yaml: published: true (shown on the public portal)');
    expect(await read(root, file)).toBe(before.replace('published: false   #', 'published: true   #'));
    expect(await contentErrors(root)).toEqual([]);

    const flights = await read(root, 'products/flights/product.yaml');
    expect((await runCli(['product', 'unpublish', 'flights', ...content()])).exit).toBe(0);
    expect(await read(root, 'products/flights/product.yaml')).toBe(flights.replace('\npublished: true\n', '\npublished: false\n'));
    expect(await contentErrors(root)).toEqual([]);
  });

  it('does nothing when the value is already set', async () => {
    const before = await snapshot(root);
    const run = await runCli(['product', 'publish', 'flights', ...content()]);
    expect(run).toMatchObject({ exit: 0, stdout: 'products/flights/product.yaml: already `published: true`; nothing changed' });
    expect(await snapshot(root)).toEqual(before);
  });

  it('adds `published` when the file does not have it, after the keys that precede it', async () => {
    const file = 'products/bookings/product.yaml';
    const before = await editFile(root, file, 'published: true\n', '');
    await runCli(['product', 'publish', 'bookings', ...content()]);
    expect(await read(root, file)).toBe(`${before}published: true\n`);
  });

  it('refuses an unknown product, listing the products', async () => {
    const before = await snapshot(root);
    const run = await runCli(['product', 'publish', 'flight', ...content()]);
    expect(run.exit).toBe(1);
    expect(run.stderr).toMatch(/^products\/: error: no product `flight` in products\/ \(products: `bookings`, .*`flights`.*\); did you mean `flights`\?/m);
    expect(await snapshot(root)).toEqual(before);
  });

  it('refuses to edit a file with YAML errors, pointing at the error', async () => {
    const text = await editFile(root, 'products/loyalty/product.yaml', 'published: false', 'published: false\npublished: true');
    const line = text.split('\n').indexOf('published: true') + 1;
    const before = await snapshot(root);
    const run = await runCli(['product', 'publish', 'loyalty', ...content()]);
    expect(run.exit).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^products/loyalty/product\\.yaml:${line}:1: error: duplicate key \`published\`.*fix the file first`, 'm'));
    expect(await snapshot(root)).toEqual(before);
  });
});

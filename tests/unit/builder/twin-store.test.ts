/**
 * The markdown twins kept between builds (src/builder/twin-store.ts): a later build gets back
 * the exact text of each unchanged page's twin, nothing for a changed or unknown page, and
 * nothing from a pack that is damaged or was never committed.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwinStore } from '../../../src/builder/twin-store.ts';

let dir: string;
const twins = {
  '/': '# Portal\n',
  '/products/flights/': '# Flights — vols, 航班 ✈\n\nÜber alles.\n',
  '/products/flights/v1/reference/get-flight/': `# GET /flights/{id}\n\n${'x'.repeat(3_000_000)}\n`, // over one flush
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-twin-store-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function keepAll(store: TwinStore): Promise<void> {
  for (const [url, markdown] of Object.entries(twins)) store.keep(url, markdown);
  await store.commit();
}

describe('twin store', () => {
  it("gives a later build the exact twin of each unchanged page, and nothing for a changed or unknown one", async () => {
    await keepAll(new TwinStore(dir, () => false));
    const later = new TwinStore(dir, (url) => url !== '/');
    expect(later.reuse('/products/flights/')).toBe(twins['/products/flights/']);
    expect(later.reuse('/products/flights/v1/reference/get-flight/')).toBe(twins['/products/flights/v1/reference/get-flight/']);
    expect(later.reuse('/')).toBeUndefined();
    expect(later.reuse('/products/other/')).toBeUndefined();
  });

  it('keeps what the last committed build kept; a build that does not commit leaves it', async () => {
    await keepAll(new TwinStore(dir, () => false));
    const failed = new TwinStore(dir, () => true);
    failed.keep('/', '# Something else\n');
    // not committed
    expect(new TwinStore(dir, () => true).reuse('/')).toBe(twins['/']);
  });

  it('reuses nothing from a damaged pack', async () => {
    await keepAll(new TwinStore(dir, () => false));
    const pack = path.join(dir, 'twins.pack');
    const bytes = await fs.readFile(pack);
    await fs.writeFile(pack, bytes.subarray(0, bytes.length - 3));
    expect(new TwinStore(dir, () => true).reuse('/')).toBeUndefined();
    await fs.writeFile(pack, '');
    expect(new TwinStore(dir, () => true).reuse('/')).toBeUndefined();
  });
});

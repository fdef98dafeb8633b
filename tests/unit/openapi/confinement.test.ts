/**
 * DESIGN §9: nothing outside the content folder is read. A `$ref` that leaves it — by `../`,
 * an absolute path, a URL or a symbolic link — is an error naming the spec file and the
 * pointer of the `$ref`, and the target is never opened (proved by watching `readFile` and
 * a local server that must see no connection).
 */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    readFile: (path: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
      reads.push(String(path));
      return (actual.readFile as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const { loadSpec } = await import('../../../src/lib/openapi/index.ts');
const { SPECS } = await import('./helpers.ts');

const SECRET = 'TOP-SECRET-MARKER-4f1c';

describe('the ref-escape fixture', () => {
  it('refuses ../, absolute paths, https: and file: URLs, each with its pointer, reading none of them', async () => {
    reads.length = 0;
    const { spec, diagnostics } = await loadSpec({ root: SPECS + 'ref-escape/content', file: 'openapi.yaml' });
    expect(spec).toBeUndefined();
    expect(diagnostics.map((d) => [d.file, d.line, d.code, d.pointer])).toEqual([
      ['openapi.yaml', 15, 'spec-ref-escape', '#/paths/~1secret/get/responses/200/content/application~1json/schema/$ref'],
      ['openapi.yaml', 20, 'spec-ref-escape', '#/paths/~1passwd/get/parameters/0/$ref'],
      ['openapi.yaml', 29, 'spec-ref-url', '#/paths/~1remote/get/responses/200/$ref'],
      ['openapi.yaml', 39, 'spec-ref-url', '#/paths/~1file-url/get/responses/200/content/application~1json/schema/$ref'],
    ]);
    expect(reads.map((p) => p.replace(SPECS, ''))).toEqual(['ref-escape/content/openapi.yaml']);
    expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
  });
});

describe('refs built in a temporary folder', () => {
  let base: string;
  let root: string;
  const outside = () => join(base, 'outside.yaml');

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'atrium-spec-confine-'));
    root = join(base, 'content');
    await mkdir(join(root, 'nested'), { recursive: true });
    await writeFile(outside(), `type: string\ndescription: ${SECRET}\n`);
    await symlink(outside(), join(root, 'nested', 'link.yaml'));
    await symlink(base, join(root, 'up'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const spec = (ref: string) => `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      operationId: x
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: '${ref}'
`;
  const POINTER = '#/paths/~1x/get/responses/200/content/application~1json/schema/$ref';

  async function load(ref: string) {
    await writeFile(join(root, 'openapi.yaml'), spec(ref));
    reads.length = 0;
    const result = await loadSpec({ root, file: 'openapi.yaml' });
    return { ...result, outsideRead: reads.some((p) => p.startsWith(base) && !p.startsWith(root)) || reads.some((p) => p.includes('link.yaml') || p.includes('/up/')) };
  }

  it.each([
    ['../outside.yaml', 'spec-ref-escape'],
    ['nested/../../outside.yaml', 'spec-ref-escape'],
    ['..%2Foutside.yaml', 'spec-ref-escape'],
    ['..\\outside.yaml', 'spec-ref-escape'],
    ['ABSOLUTE', 'spec-ref-escape'],
    ['FILE_URL', 'spec-ref-url'],
    ['nested/link.yaml', 'spec-ref-escape'],
    ['up/outside.yaml', 'spec-ref-escape'],
  ])('refuses %s with the pointer of the $ref and reads nothing of it', async (written, code) => {
    const ref = written === 'ABSOLUTE' ? outside() : written === 'FILE_URL' ? `file://${outside()}` : written;
    const { spec: loaded, diagnostics, outsideRead } = await load(ref);
    expect(loaded).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code, file: 'openapi.yaml', line: 13, column: 17, pointer: POINTER })]);
    expect(outsideRead).toBe(false);
    expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
  });

  it('accepts the same file once it is inside the folder (the check is not over-eager)', async () => {
    await writeFile(join(root, 'nested', 'inside.yaml'), 'type: string\ndescription: fine\n');
    const { spec: loaded, diagnostics } = await load('nested/inside.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((loaded!.bundled as any).components.schemas.inside.description).toBe('fine');
  });

  it('never connects to a URL target', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    try {
      const { diagnostics } = await load(`http://127.0.0.1:${port}/schema.yaml`);
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'spec-ref-url', pointer: POINTER, line: 13 })]);
      // Give a stray connection attempt time to arrive before counting.
      await new Promise((done) => setTimeout(done, 50));
      expect(connections).toBe(0);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('refuses an entry file outside the folder', async () => {
    const { spec: loaded, diagnostics } = await loadSpec({ root, file: '../outside.yaml' });
    expect(loaded).toBeUndefined();
    expect(diagnostics[0].code).toBe('spec-ref-escape');
  });

  it('leaves a $ref inside an example alone: it is data, not a reference', async () => {
    await writeFile(
      join(root, 'openapi.yaml'),
      `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      operationId: x
      responses:
        "200":
          description: ok
          content:
            application/json:
              example:
                $ref: ../outside.yaml
`,
    );
    reads.length = 0;
    const { spec: loaded, diagnostics } = await loadSpec({ root, file: 'openapi.yaml' });
    expect(diagnostics).toEqual([]);
    expect((loaded!.bundled as any).paths['/x'].get.responses['200'].content['application/json'].example).toEqual({ $ref: '../outside.yaml' });
    expect(reads.every((p) => p.startsWith(root))).toBe(true);
  });
});

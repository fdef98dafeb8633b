/**
 * Malformed input: nesting. A spec (or any YAML/JSON file of the content) nested deeper than
 * MAX_NESTING_DEPTH used to overflow the stack in the validator (~500 levels) and end the
 * build with an internal error. Now it is a content error naming file:line:col and the JSON
 * pointer, exit 1, from check and build alike — and a spec just within the limit still builds.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../src/lib/diagnostics/nesting.ts';
import { renderSchemaTree } from '../../src/lib/reference/schema-tree.ts';
import { schemaMarkdown } from '../../src/lib/reference/schema-markdown.ts';
import { runAtrium, tempDir } from '../helpers/cli.ts';

/** JSON levels above the response schema: root, paths, /x, get, responses, 200, content, media type. */
const ABOVE_SCHEMA = 8;

/** A response schema `levels` mappings deep in total (arrays of arrays: one level each). */
function deepSpec(levels: number): Record<string, unknown> {
  let schema: unknown = { type: 'string' };
  for (let depth = ABOVE_SCHEMA + 1; depth < levels; depth++) schema = { type: 'array', items: schema };
  return {
    openapi: '3.0.3',
    info: { title: 'Deep', version: '1' },
    paths: { '/x': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } } },
  };
}

/** Block YAML of a value, written without recursion so any depth can be generated. */
function blockYaml(root: unknown): string {
  const out: string[] = [];
  const stack: [unknown, number, string][] = [[root, 0, '']];
  while (stack.length > 0) {
    const [value, indent, key] = stack.pop()!;
    const pad = ' '.repeat(indent);
    if (value === null || typeof value !== 'object') {
      out.push(`${pad}${key}${JSON.stringify(value)}`);
      continue;
    }
    if (key) out.push(`${pad}${key.trimEnd()}`);
    const entries = Object.entries(value).reverse();
    const inner = key ? indent + 1 : indent;
    for (const [k, v] of entries) stack.push([v, inner, `${JSON.stringify(k)}: `]);
  }
  return out.join('\n') + '\n';
}

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

async function portal(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('atrium-hostile-nesting-');
  scratch.push(dir);
  const content = path.join(dir, 'content');
  const base: Record<string, string> = {
    'portal.yaml': 'title: Nesting\n',
    'products/deep/product.yaml': 'name: Deep\npublished: true\n',
    'products/deep/versions/v1/version.yaml': 'publish_status: published\n',
    ...files,
  };
  for (const [file, text] of Object.entries(base)) {
    await fs.mkdir(path.dirname(path.join(content, file)), { recursive: true });
    await fs.writeFile(path.join(content, file), text);
  }
  return content;
}

/** check and build both exit 1 with the nesting error at `file:line:col` and a pointer. */
async function expectNestingError(content: string, where: RegExp): Promise<string> {
  let line = '';
  for (const args of [['check', '--content', content], ['build', '--content', content, '--out', path.join(path.dirname(content), 'out')]]) {
    const result = await runAtrium(args);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/internal error|Maximum call stack|\n\s+at /);
    line = result.stderr.split('\n').find((l) => l.includes(`nested more than ${MAX_NESTING_DEPTH} levels deep`)) ?? '';
    expect(line, result.stderr).toMatch(where);
  }
  return line;
}

const POINTER = '\\(at #/paths/~1x/get/responses/200/content/application~1json/schema(/items)+\\)';

describe('a spec nested deeper than the limit', () => {
  it('in JSON, ~500 levels: an error with file:line:col and the JSON pointer, exit 1', async () => {
    const content = await portal({ 'products/deep/versions/v1/openapi.json': JSON.stringify(deepSpec(500), null, 1) });
    const line = await expectNestingError(content, new RegExp(`^products/deep/versions/v1/openapi\\.json:\\d+:\\d+: error: .*${POINTER}$`));
    // The pointer names the first level beyond the limit.
    expect(line.match(/\/items/g)).toHaveLength(MAX_NESTING_DEPTH - ABOVE_SCHEMA);
  }, 120_000);

  it('in JSON, 100,000 levels on one line', async () => {
    const text = '{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"x-deep":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const content = await portal({ 'products/deep/versions/v1/openapi.json': text });
    await expectNestingError(content, /^products\/deep\/versions\/v1\/openapi\.json:1:\d+: error: .*\(at #\/x-deep(\/0)+\)$/);
  }, 120_000);

  it('in YAML, ~500 levels (block style)', async () => {
    const content = await portal({ 'products/deep/versions/v1/openapi.yaml': blockYaml(deepSpec(500)) });
    await expectNestingError(content, new RegExp(`^products/deep/versions/v1/openapi\\.yaml:\\d+:${MAX_NESTING_DEPTH + 1}: error: .*${POINTER}$`));
  }, 120_000);

  it('in YAML, 20,000 levels (flow style)', async () => {
    const text = 'openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths: {}\nx-deep: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n';
    const content = await portal({ 'products/deep/versions/v1/openapi.yaml': text });
    await expectNestingError(content, /^products\/deep\/versions\/v1\/openapi\.yaml:4:\d+: error: /);
  }, 120_000);

  it('only once its $refs are inlined: the file that nests too deep is named', async () => {
    // Each file is within the limit (x.json exactly at it); the path item inlined under `paths` is not.
    const item = deepSpec(MAX_NESTING_DEPTH + 2).paths as Record<string, unknown>;
    const content = await portal({
      'products/deep/versions/v1/openapi.yaml': 'openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths:\n  /x:\n    $ref: ./x.json\n',
      'products/deep/versions/v1/x.json': JSON.stringify(item['/x'], null, 1),
    });
    await expectNestingError(content, /^products\/deep\/versions\/v1\/x\.json:\d+:\d+: error: once its `\$ref`s are inlined, the spec is nested more than/);
  }, 120_000);
});

it('a spec right at the limit builds, reference pages included', async () => {
  const content = await portal({ 'products/deep/versions/v1/openapi.json': JSON.stringify(deepSpec(MAX_NESTING_DEPTH)) });
  const out = path.join(path.dirname(content), 'out');
  const result = await runAtrium(['build', '--content', content, '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  await fs.access(path.join(out, 'products/deep/v1/reference/index.html'));
}, 120_000);

describe('other content files nested deeper than the limit', () => {
  const deepFlow = '['.repeat(1000) + ']'.repeat(1000);
  const cases: [what: string, files: Record<string, string>, where: RegExp][] = [
    ['portal.yaml', { 'portal.yaml': `title: Nesting\nx: ${deepFlow}\n` }, /^portal\.yaml:2:\d+: error: .*\(at #\/x(\/0)+\)$/],
    ['product.yaml', { 'products/deep/product.yaml': `name: Deep\npublished: true\nlabels: ${deepFlow}\n` }, /^products\/deep\/product\.yaml:3:\d+: error: /],
    ['a decK file', { 'control-planes/prod.yaml': `_format_version: "3.0"\nservices:\n  - name: s\n    tags: ${deepFlow}\n` }, /^control-planes\/prod\.yaml:4:\d+: error: /],
    ['doc frontmatter', { 'products/deep/docs/guide.md': `---\ntitle: Guide\nx: ${deepFlow}\n---\n\nText.\n` }, /^products\/deep\/docs\/guide\.md:3:\d+: error: /],
  ];
  for (const [what, files, where] of cases) {
    it(what, async () => {
      await expectNestingError(await portal(files), where);
    }, 120_000);
  }
});

describe('the reference renderers on a 5,000-component $ref chain (logical depth, not nesting)', () => {
  const doc: Record<string, unknown> = { openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {}, components: { schemas: {} } };
  const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
  for (let i = 0; i < 5000; i++) schemas[`S${i}`] = { type: 'array', items: { $ref: `#/components/schemas/S${i + 1}` } };
  schemas.S5000 = { type: 'object', properties: { id: { type: 'string' } } };
  const root = { $ref: '#/components/schemas/S0' };

  it('render without overflowing the stack', () => {
    expect(() => renderSchemaTree(doc, root, { use: () => {} })).not.toThrow();
    expect(schemaMarkdown(doc, root)).toMatch(/nested deeper than/);
  });
});

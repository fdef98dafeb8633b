import { describe, expect, it } from 'vitest';
import { createMemoryReader, loadSpec } from '../../../src/lib/openapi/index.ts';
import { allRefs } from './helpers.ts';

const HEAD = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\n';

function load(files: Record<string, string>) {
  return loadSpec({ root: '/unused', file: 'openapi.yaml', reader: createMemoryReader(files) });
}

const responseWith = (ref: string) => `paths:
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

describe('bundling', () => {
  it('names a moved component after its file and never overwrites an existing one', async () => {
    const { spec, diagnostics } = await load({
      'openapi.yaml': HEAD + responseWith('pet.yaml') + 'components:\n  schemas:\n    pet:\n      type: integer\n    other:\n      $ref: "#/components/schemas/pet"\n',
      'pet.yaml': 'type: object\n',
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const schemas = (spec!.bundled as any).components.schemas;
    expect(schemas.pet).toEqual({ type: 'integer' });
    expect(schemas['pet-2']).toEqual({ type: 'object' });
    expect((spec!.bundled as any).paths['/x'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/pet-2' });
  });

  it('creates components when the entry has none, and writes each target once however often it is used', async () => {
    const { spec } = await load({
      'openapi.yaml': HEAD + responseWith('s/a.yaml#/A') + '  /y:\n    $ref: y.yaml\n',
      'y.yaml': 'get:\n  operationId: y\n  responses:\n    "200":\n      description: ok\n      content:\n        text/plain:\n          schema:\n            $ref: s/a.yaml#/A\n',
      's/a.yaml': 'A:\n  type: string\n',
    });
    const bundled = spec!.bundled as any;
    expect(Object.keys(bundled.components.schemas)).toEqual(['A']);
    expect(allRefs(bundled)).toEqual(['#/components/schemas/A', '#/components/schemas/A']);
  });

  it('follows a chain of refs across files', async () => {
    const { spec, diagnostics } = await load({
      'openapi.yaml': HEAD + 'paths:\n  /x:\n    $ref: a.yaml\n',
      'a.yaml': '$ref: b.yaml\n',
      'b.yaml': 'get:\n  operationId: x\n  responses:\n    "204":\n      description: none\n',
    });
    expect(diagnostics).toEqual([]);
    expect((spec!.bundled as any).paths['/x'].get.operationId).toBe('x');
  });

  it('refuses a path item that includes itself (it cannot be a component)', async () => {
    const { spec, diagnostics } = await load({
      'openapi.yaml': HEAD + 'paths:\n  /x:\n    $ref: a.yaml\n',
      'a.yaml': '$ref: a.yaml\n',
    });
    expect(spec).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'spec-ref-circular', file: 'a.yaml', line: 1, pointer: '#/$ref' })]);
  });

  it('reports a ref to nothing inside a referenced file at that file and line', async () => {
    const { diagnostics } = await load({
      'openapi.yaml': HEAD + responseWith('s/a.yaml'),
      's/a.yaml': 'type: object\nproperties:\n  b:\n    $ref: "#/nothing"\n',
    });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'spec-ref-missing', file: 's/a.yaml', line: 4, column: 5, pointer: '#/properties/b/$ref' })]);
  });

  it('reports a referenced file that cannot be parsed once, at its own line', async () => {
    const { spec, diagnostics } = await load({
      'openapi.yaml': HEAD + responseWith('bad.yaml'),
      'bad.yaml': 'type: object\n  properties: [\n',
    });
    expect(spec).toBeUndefined();
    const lines = diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`);
    expect(lines).toContain('bad.yaml:1 error spec-parse');
    expect(lines.filter((l) => l.startsWith('openapi.yaml'))).toEqual(['openapi.yaml:13 error spec-ref-missing']);
  });

  it('refuses a YAML alias that contains itself instead of looping', async () => {
    const { spec, diagnostics } = await load({ 'openapi.yaml': HEAD + 'paths: {}\nx-loop: &a\n  self: *a\n' });
    expect(spec).toBeUndefined();
    expect(diagnostics[0].code).toBe('spec-parse');
  });

  it('keeps siblings of an inlined $ref over the target’s own fields', async () => {
    const { spec } = await load({
      'openapi.yaml': HEAD + 'paths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: pet.yaml\n      description: from the slot\n',
      'pet.yaml': 'type: object\ndescription: from the file\n',
    });
    expect((spec!.bundled as any).components.schemas.Pet).toEqual({ type: 'object', description: 'from the slot' });
  });
});

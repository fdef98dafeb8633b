import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/lib/openapi/index.ts';
import { validateSpecSchema } from '../../../src/lib/openapi/validate.ts';
import { allRefs, brief, KONGAIR, loadFixture } from './helpers.ts';

describe('KongAir specs', () => {
  it.each([
    ['flights.openapi.yaml', 4],
    ['bookings.openapi.yaml', 3],
    ['customer.openapi.yaml', 2],
    ['routes.openapi.yaml', 3],
  ])('%s loads as OpenAPI 3.0 with its operations and no errors', async (file, operations) => {
    const { spec, diagnostics } = await loadSpec({ root: KONGAIR, file });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(spec?.sourceFormat).toBe('openapi-3.0');
    expect(spec?.files).toEqual([file]);
    expect(spec?.hash).toMatch(/^[0-9a-f]{64}$/);
    const count = Object.values(spec!.openapi.paths).flatMap((item) => Object.keys(item as object).filter((k) => ['get', 'post', 'put', 'delete', 'patch'].includes(k))).length;
    expect(count).toBe(operations);
  });

  it('reports the health checks without operationId as warnings with their line', async () => {
    const { diagnostics } = await loadSpec({ root: KONGAIR, file: 'flights.openapi.yaml' });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', code: 'spec-operation-id-missing', file: 'flights.openapi.yaml', line: 16, column: 5, pointer: '#/paths/~1health/get' }),
    );
  });
});

describe('Swagger 2.0', () => {
  it('keeps the 2.0 document as bundled and converts it to a valid OpenAPI 3.1 view', async () => {
    const { spec, diagnostics } = await loadFixture('swagger-2.0', 'swagger.yaml');
    expect(diagnostics).toEqual([]);
    expect(spec!.sourceFormat).toBe('swagger-2.0');
    expect(spec!.bundled.swagger).toBe('2.0');
    expect(spec!.openapi.openapi).toBe('3.1.0');
    expect(spec!.openapi.servers).toEqual([{ url: 'https://petstore.example.com/v2' }, { url: 'http://petstore.example.com/v2' }]);
    expect(spec!.openapi.paths['/pets'].post.requestBody).toEqual({ $ref: '#/components/requestBodies/petBody' });
    expect(spec!.openapi.components.schemas.Pet.properties.parent).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(await validateSpecSchema(spec!.openapi, 'openapi-3.1')).toEqual([]);
  });
});

describe('OpenAPI 3.1 with webhooks', () => {
  it('loads webhooks, type arrays and $ref siblings without findings', async () => {
    const { spec, diagnostics } = await loadFixture('openapi-3.1-webhooks', 'openapi.yaml');
    expect(diagnostics).toEqual([]);
    expect(spec!.sourceFormat).toBe('openapi-3.1');
    expect(spec!.openapi).toBe(spec!.bundled);
    expect(Object.keys(spec!.openapi.webhooks)).toEqual(['eventCreated', 'eventDeleted']);
    expect(spec!.openapi.components.schemas.Event.properties.note.type).toEqual(['string', 'null']);
    expect(spec!.openapi.components.schemas.Event.properties.kind.description).toMatch(/sibling/);
  });

  it('counts a path item used only by a webhook as used', async () => {
    const { diagnostics } = await loadFixture('openapi-3.1-webhooks', 'openapi.yaml');
    expect(diagnostics.filter((d) => d.code === 'spec-component-unused')).toEqual([]);
  });
});

describe('OpenAPI 3.0.4 in JSON', () => {
  it('loads with no findings', async () => {
    const { spec, diagnostics } = await loadFixture('openapi-3.0.4', 'openapi.json');
    expect(diagnostics).toEqual([]);
    expect(spec!.sourceFormat).toBe('openapi-3.0');
    expect(spec!.bundled.openapi).toBe('3.0.4');
  });
});

describe('multi-file spec', () => {
  it('bundles refs across folders into one document with only internal refs', async () => {
    const { spec, diagnostics } = await loadFixture('multi-file', 'openapi.yaml');
    expect(diagnostics).toEqual([]);
    const bundled = spec!.bundled as any;
    expect(allRefs(bundled).every((ref) => ref.startsWith('#/components/'))).toBe(true);
    // A file referenced from a component slot takes the slot's name…
    expect(bundled.components.schemas.Flight.properties.origin.description).toBe('IATA code of the departure airport');
    expect(bundled.paths['/flights'].get.responses['200'].content['application/json'].schema.items).toEqual({ $ref: '#/components/schemas/Flight' });
    // …including refs from another file back into the entry.
    expect(bundled.paths['/flights/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Flight' });
    // A JSON-pointer fragment into a JSON file becomes a component named after the fragment.
    expect(bundled.paths['/flights'].get.responses.default).toEqual({ $ref: '#/components/responses/Problem' });
    expect(bundled.components.responses.Problem.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    // An internal ref inside another file is rewritten to the component it became.
    expect(bundled.components.schemas.Money.properties.currency).toEqual({ $ref: '#/components/schemas/Currency' });
    expect(bundled.components.parameters.Limit.name).toBe('limit');
    expect(bundled.paths['/flights'].get.parameters).toEqual([{ $ref: '#/components/parameters/Limit' }]);
    expect(new Set(spec!.files)).toEqual(
      new Set(['openapi.yaml', 'paths/flights.yaml', 'paths/flight.yaml', 'schemas/flight.yaml', 'schemas/common/money.yaml', 'schemas/common/errors.json', 'parameters/common.yaml']),
    );
  });

  it('reports a problem inside a referenced file at that file’s line', async () => {
    const { createMemoryReader } = await import('../../../src/lib/openapi/index.ts');
    const reader = createMemoryReader({
      'openapi.yaml': 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    $ref: paths/a.yaml\n',
      'paths/a.yaml': 'get:\n  operationId: a\n  responses:\n    "200":\n      descripton: typo\n',
    });
    const { diagnostics } = await loadSpec({ root: '/unused', file: 'openapi.yaml', reader });
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: 'paths/a.yaml', line: 5, column: 7, pointer: '#/get/responses/200/descripton', severity: 'warning' }));
  });
});

describe('recursive schemas', () => {
  it('keep recursion as refs to named components, within and across files', async () => {
    const { spec, diagnostics } = await loadFixture('recursive', 'openapi.yaml');
    expect(diagnostics).toEqual([]);
    const schemas = (spec!.bundled as any).components.schemas;
    expect(schemas.Node.properties.children.items).toEqual({ $ref: '#/components/schemas/Node' });
    expect(schemas.person.properties.manager).toEqual({ $ref: '#/components/schemas/person' });
    expect(schemas.person.properties.team).toEqual({ $ref: '#/components/schemas/team' });
    expect(schemas.team.properties.members.items).toEqual({ $ref: '#/components/schemas/person' });
    expect(() => JSON.stringify(spec!.bundled)).not.toThrow();
  });
});

describe('invalid but renderable', () => {
  it('builds, with each schema violation as a warning with file, line and pointer', async () => {
    const { spec, diagnostics } = await loadFixture('invalid-renderable', 'openapi.yaml');
    expect(spec).toBeDefined();
    expect(diagnostics.map((d) => [d.severity, d.line, d.column, d.pointer, d.message])).toEqual([
      ['warning', 7, 5, '#/info/contact/emial', 'OpenAPI 3.0 schema: unknown field `emial` in `contact`'],
      ['warning', 15, 11, '#/paths/~1things/get/parameters/0/deprecated', 'OpenAPI 3.0 schema: `deprecated` must be a boolean'],
      ['warning', 19, 9, '#/paths/~1things/get/responses/200', 'OpenAPI 3.0 schema: `200` is missing the required field `description`'],
    ]);
  });
});

describe('what cannot be rendered', () => {
  it('unparseable YAML is an error with its line', async () => {
    const { spec, diagnostics } = await loadFixture('unparseable', 'openapi.yaml');
    expect(spec).toBeUndefined();
    expect(brief(diagnostics)).toEqual(['openapi.yaml:6:1 error spec-parse']);
    expect(diagnostics[0].message).toMatch(/invalid YAML/);
  });

  it('unparseable JSON is an error at the offending character', async () => {
    const { spec, diagnostics } = await loadFixture('unparseable', 'broken.json');
    expect(spec).toBeUndefined();
    expect(brief(diagnostics)).toEqual(['broken.json:5:35 error spec-parse']);
    expect(diagnostics[0].message).toBe("invalid JSON: Unexpected token '}'");
  });

  it('a document without openapi/swagger is an error', async () => {
    const { spec, diagnostics } = await loadFixture('no-version', 'openapi.yaml');
    expect(spec).toBeUndefined();
    expect(brief(diagnostics)).toEqual(['openapi.yaml:2:1 error spec-version']);
  });

  it('an unsupported version is an error pointing at the field', async () => {
    const { diagnostics } = await loadFixture('no-version', 'unsupported.yaml');
    expect(brief(diagnostics)).toEqual(['unsupported.yaml:1:1 error spec-version']);
    expect(diagnostics[0].message).toContain('openapi: 4.0.0');
  });

  it('refs to nothing are errors with file, line and the pointer of the $ref', async () => {
    const { spec, diagnostics } = await loadFixture('ref-missing', 'openapi.yaml');
    expect(spec).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.pointer])).toEqual([
      ['spec-ref-missing', 15, 17, '#/paths/~1a/get/responses/200/content/application~1json/schema/$ref'],
      ['spec-ref-missing', 25, 17, '#/paths/~1b/get/responses/200/content/application~1json/schema/$ref'],
      ['spec-ref-missing', 35, 17, '#/paths/~1c/get/responses/200/content/application~1json/schema/$ref'],
    ]);
    expect(diagnostics[0].message).toContain('the file `nope.yaml` does not exist');
    expect(diagnostics[1].message).toContain('`defs.yaml` has no `#/Nope`');
    expect(diagnostics[2].message).toContain('no `#/components/schemas/Nope`');
  });
});

describe('lint', () => {
  it('finds missing and duplicate operationIds, missing responses and unused components, with lines', async () => {
    const { spec, diagnostics } = await loadFixture('lint', 'openapi.yaml');
    expect(spec).toBeDefined();
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.pointer}`)).toEqual([
      '7:5 spec-operation-id-missing #/paths/~1a/get',
      '22:7 spec-operation-id-duplicate #/paths/~1b/post/operationId',
      '23:7 spec-operation-responses-missing #/paths/~1b/post/responses',
      '28:5 spec-component-unused #/components/schemas/Unused',
      '30:5 spec-component-unused #/components/schemas/OnlyUsedByUnused',
      '35:5 spec-component-unused #/components/schemas/Orphan',
      '38:5 spec-component-unused #/components/parameters/UnusedParam',
    ]);
    expect(diagnostics.every((d) => d.severity === 'warning' && d.file === 'openapi.yaml')).toBe(true);
  });
});

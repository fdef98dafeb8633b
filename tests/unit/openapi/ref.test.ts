import { describe, expect, it } from 'vitest';
import { resolveRef } from '../../../src/lib/openapi/ref.ts';

describe('resolveRef', () => {
  it.each([
    ['#/components/schemas/Pet', 'specs/openapi.yaml', 'specs/openapi.yaml', ['components', 'schemas', 'Pet']],
    ['#', 'a/b.yaml', 'a/b.yaml', []],
    ['pet.yaml', 'specs/openapi.yaml', 'specs/pet.yaml', []],
    ['./schemas/pet.yaml#/Pet', 'specs/openapi.yaml', 'specs/schemas/pet.yaml', ['Pet']],
    ['../common/errors.json#/responses/Problem', 'specs/v1/openapi.yaml', 'specs/common/errors.json', ['responses', 'Problem']],
    ['#/paths/~1flights~1%7Bid%7D/get', 'o.yaml', 'o.yaml', ['paths', '/flights/{id}', 'get']],
    ['my%20pet.yaml#/a~0b', 'o.yaml', 'my pet.yaml', ['a~b']],
  ])('%s in %s → %s', (ref, from, file, segments) => {
    expect(resolveRef(ref, from)).toEqual({ kind: 'target', file, segments });
  });

  it.each([
    ['../secret.yaml', 'openapi.yaml', 'spec-ref-escape'],
    ['a/../../secret.yaml', 'openapi.yaml', 'spec-ref-escape'],
    ['../../etc/passwd', 'specs/openapi.yaml', 'spec-ref-escape'],
    ['%2E%2E/secret.yaml', 'openapi.yaml', 'spec-ref-escape'],
    ['..\\secret.yaml', 'openapi.yaml', 'spec-ref-escape'],
    ['/etc/passwd', 'openapi.yaml', 'spec-ref-escape'],
    ['C:/Windows/win.ini', 'openapi.yaml', 'spec-ref-url'],
    ['http://127.0.0.1:9/x.yaml', 'openapi.yaml', 'spec-ref-url'],
    ['https://example.com/x.yaml#/A', 'openapi.yaml', 'spec-ref-url'],
    ['file:///etc/passwd', 'openapi.yaml', 'spec-ref-url'],
    ['urn:example:thing', 'openapi.yaml', 'spec-ref-url'],
    ['#Pet', 'openapi.yaml', 'spec-ref-invalid'],
    ['pet.yaml#%zz', 'openapi.yaml', 'spec-ref-invalid'],
    ['./', 'openapi.yaml', 'spec-ref-invalid'],
  ])('refuses %s in %s (%s)', (ref, from, code) => {
    const result = resolveRef(ref, from);
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' && result.code).toBe(code);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveSpecPath } from '../../../src/lib/content/spec-discovery.ts';

const DIR = 'products/flights/versions/v1';

describe('resolveSpecPath', () => {
  it('resolves paths relative to the version folder', () => {
    expect(resolveSpecPath(DIR, 'openapi.yaml')).toEqual({ ok: true, file: `${DIR}/openapi.yaml` });
    expect(resolveSpecPath(DIR, './specs/api.json')).toEqual({ ok: true, file: `${DIR}/specs/api.json` });
    expect(resolveSpecPath(DIR, '../../../../shared/api.yaml')).toEqual({ ok: true, file: 'shared/api.yaml' });
  });

  it('refuses escapes, absolute paths and URLs', () => {
    for (const spec of ['../../../../../etc/passwd', '/etc/passwd', 'C:\\specs\\a.yaml', 'https://x/openapi.yaml', 'file:///etc/passwd', '..\\..\\..\\..\\..\\x']) {
      expect(resolveSpecPath(DIR, spec).ok, spec).toBe(false);
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { specToYaml } from '../../../src/builder/write-site-files.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** What a spec reads as for a YAML 1.2 reader (Atrium's own) and a YAML 1.1 one (SnakeYAML, PyYAML). */
function readBack(yaml: string) {
  return { core: parse(yaml, { maxAliasCount: -1 }), yaml11: parse(yaml, { version: '1.1', maxAliasCount: -1 }) };
}

describe('openapi.yaml', () => {
  it('holds the same data as openapi.json for real specs', () => {
    for (const file of ['tests/fixtures/shared/kongair/flights.openapi.yaml', 'tests/fixtures/reference/stripe-price.json']) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const spec = file.endsWith('.json') ? JSON.parse(text) : parse(text);
      const { core, yaml11 } = readBack(specToYaml(spec));
      expect(core, file).toEqual(spec);
      expect(yaml11, file).toEqual(spec);
    }
  });

  it('keeps strings that YAML 1.1 reads as booleans, nulls, numbers or dates strings (not `1_000`)', () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'T', version: '1.0' },
      paths: {},
      components: {
        schemas: {
          Country: { type: 'string', enum: ['NO', 'off', 'yes', 'Y', 'on', 'null', '~', '0x1F', '012', '1e3', '.inf'] },
          Stamp: { type: 'string', example: '2025-01-01T00:00:00Z', default: '2024-01-01' },
          Text: { description: 'Line one\nline "two"\n\n  indented: yes\n', title: '', pattern: "^'[a-z]'$" },
          Codes: { properties: { '200': { type: 'integer' }, '$ref': { type: 'string' }, 'a: b': { type: 'string' } } },
        },
      },
    };
    const yaml = specToYaml(spec);
    const { core, yaml11 } = readBack(yaml);
    expect(core).toEqual(spec);
    expect(yaml11).toEqual(spec);
    // Keys keep the spec's order.
    expect(yaml.indexOf('openapi:')).toBeLessThan(yaml.indexOf('components:'));
  });
});

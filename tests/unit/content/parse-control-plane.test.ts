import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckServices, parseControlPlane } from '../../../src/lib/content/parse-control-plane.ts';
import { SHARED } from './helpers.ts';

const codes = (text: string) => parseControlPlane(text, 'cp.yaml').diagnostics.map((d) => `${d.severity}:${d.code}`);

describe('parseControlPlane', () => {
  it('accepts formats 1.1 to 3.0, quoted or not', () => {
    for (const v of ['"1.1"', '"2.0"', '"3.0"', '1.1', '3.0']) expect(codes(`_format_version: ${v}\n`), v).toEqual([]);
  });

  it('refuses other formats and warns when there is none', () => {
    for (const v of ['"1.0"', '"3.1"', '"4.0"', '3', 'latest', '[3]']) expect(codes(`_format_version: ${v}\n`), v).toEqual(['error:deck-format-version']);
    expect(codes('services: []\n')).toEqual(['warning:deck-format-version']);
  });

  it('checks that services is a list of mappings', () => {
    expect(codes('_format_version: "3.0"\nservices: {a: 1}\n')).toEqual(['error:deck-shape']);
    expect(codes('_format_version: "3.0"\nservices: [a]\n')).toEqual(['error:deck-shape']);
  });

  it('reads the real decK files of the shared fixtures as they are', async () => {
    for (const file of ['kongair/kong.yaml', 'deck/convert-11-input.yaml']) {
      const parsed = parseControlPlane(await readFile(path.join(SHARED, file), 'utf8'), file);
      expect(parsed.diagnostics, file).toEqual([]);
    }
    const kongair = parseControlPlane(await readFile(path.join(SHARED, 'kongair/kong.yaml'), 'utf8'), 'kong.yaml');
    expect(deckServices(kongair.deck!).map((s) => s.name)).toEqual([
      'flights-service',
      'routes-service',
      'bookings-service',
      'customer-information-service',
      'experience-service',
      'acme-dummy-service',
    ]);
    // kong2kic's file has no _format_version: a warning, still usable.
    const noFormat = parseControlPlane(await readFile(path.join(SHARED, 'deck/kong2kic-input.yaml'), 'utf8'), 'k.yaml');
    expect(noFormat.diagnostics.map((d) => `${d.severity}:${d.code}:${d.line}:${d.column}`)).toEqual(['warning:deck-format-version:1:1']);
    expect(noFormat.deck).toBeDefined();
  });
});
